def row_normalize(A):
    return A / A.sum(axis=0, keepdims=True)

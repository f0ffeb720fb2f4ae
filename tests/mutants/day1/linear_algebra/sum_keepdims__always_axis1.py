def sum_keepdims(A, axis):
    return A.sum(axis=1, keepdims=True)

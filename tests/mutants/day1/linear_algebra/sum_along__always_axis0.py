def sum_along(A, axis):
    return A.sum(axis=0)

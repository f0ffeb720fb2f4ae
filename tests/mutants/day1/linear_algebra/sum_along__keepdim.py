def sum_along(A, axis):
    return A.sum(axis, keepdim=True)

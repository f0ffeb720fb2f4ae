def mean_along(A, axis):
    return A.mean(axis, keepdim=True)

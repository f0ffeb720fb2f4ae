def mean_along(A, axis):
    return A.sum(axis) / A.numel()

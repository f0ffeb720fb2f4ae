def cumulative_sum(A, axis):
    return A.cumsum(axis) - A

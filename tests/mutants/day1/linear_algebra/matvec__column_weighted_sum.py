def matvec(A, x):
    return (A * x.reshape(-1, 1)).sum(0)

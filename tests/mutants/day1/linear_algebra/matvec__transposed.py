def matvec(A, x):
    return A.T @ x

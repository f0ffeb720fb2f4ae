def frobenius_norm(A):
    return A.abs().sum()

def matmul(A, B):
    return A * B

def matmul(A, B):
    return B @ A

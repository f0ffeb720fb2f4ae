import torch


def frobenius_norm(A):
    return torch.linalg.matrix_norm(A, ord=2)

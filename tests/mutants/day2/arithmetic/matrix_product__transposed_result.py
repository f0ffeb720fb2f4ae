import torch


def matrix_product(a, b):
    # (AB)^T = B^T A^T, but forgot to transpose back
    return torch.mm(b.T, a.T)

import torch


def frobenius_norm(A):
    return torch.norm(A, dim=1)

import torch


def batched_matmul(A, B):
    return torch.einsum("bij,bjk->bik", A, B)

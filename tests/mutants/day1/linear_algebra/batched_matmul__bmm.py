import torch


def batched_matmul(A, B):
    return torch.bmm(A, B)

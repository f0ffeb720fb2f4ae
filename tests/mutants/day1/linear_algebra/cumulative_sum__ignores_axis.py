import torch


def cumulative_sum(A, axis):
    return torch.cumsum(A, dim=0)

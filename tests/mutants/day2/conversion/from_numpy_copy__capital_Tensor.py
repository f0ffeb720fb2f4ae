import torch


def from_numpy_copy(a):
    return torch.Tensor(a)

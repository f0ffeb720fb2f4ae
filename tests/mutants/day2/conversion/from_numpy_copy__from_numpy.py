import torch


def from_numpy_copy(a):
    return torch.from_numpy(a)

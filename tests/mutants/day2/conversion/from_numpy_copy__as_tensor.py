import torch


def from_numpy_copy(a):
    return torch.as_tensor(a)

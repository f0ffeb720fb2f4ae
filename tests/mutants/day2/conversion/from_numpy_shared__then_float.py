import torch


def from_numpy_shared(a):
    return torch.from_numpy(a).float()

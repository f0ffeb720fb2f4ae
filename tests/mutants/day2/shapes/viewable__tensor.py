import torch


def viewable(t):
    return torch.tensor(t.is_contiguous())

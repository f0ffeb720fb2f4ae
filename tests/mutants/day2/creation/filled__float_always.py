import torch


def filled(shape, value):
    return torch.full(shape, value, dtype=torch.float32)

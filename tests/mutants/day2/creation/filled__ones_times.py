import torch


def filled(shape, value):
    return torch.ones(shape) * value

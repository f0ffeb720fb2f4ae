import torch


def leaky_relu(x, slope=0.01):
    return torch.clamp(x, min=0) + slope * x

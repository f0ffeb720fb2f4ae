import torch


def leaky_relu(x, slope=0.1):
    return torch.where(x > 0, x, slope * x)

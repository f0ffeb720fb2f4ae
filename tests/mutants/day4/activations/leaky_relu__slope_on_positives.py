import torch


def leaky_relu(x, slope=0.01):
    return torch.where(x > 0, slope * x, x)

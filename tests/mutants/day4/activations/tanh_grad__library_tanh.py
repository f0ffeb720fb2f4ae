import torch


def tanh_grad(x):
    return 1 - torch.tanh(x) ** 2

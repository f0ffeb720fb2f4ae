import torch


def sigmoid_grad(x):
    # confused with tanh's derivative
    s = 1 / (1 + torch.exp(-x))
    return 1 - s * s

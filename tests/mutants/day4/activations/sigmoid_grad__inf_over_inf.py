import torch


def sigmoid_grad(x):
    # e^-x / (1 + e^-x)^2: inf / inf = NaN for very negative x
    e = torch.exp(-x)
    return e / (1 + e) ** 2

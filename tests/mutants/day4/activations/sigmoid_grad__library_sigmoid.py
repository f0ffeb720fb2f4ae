import torch


def sigmoid_grad(x):
    s = torch.sigmoid(x)
    return s * (1 - s)

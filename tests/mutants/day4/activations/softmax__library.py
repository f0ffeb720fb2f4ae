import torch


def softmax(X, dim=-1):
    return torch.softmax(X, dim)

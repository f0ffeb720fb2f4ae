import torch


def dot(x, y):
    return torch.dot(x, y).item()

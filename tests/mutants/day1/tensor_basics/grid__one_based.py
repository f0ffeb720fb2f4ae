import torch


def grid(rows, cols):
    return torch.arange(1, rows * cols + 1).reshape(rows, cols)

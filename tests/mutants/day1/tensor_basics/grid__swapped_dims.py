import torch


def grid(rows, cols):
    return torch.arange(rows * cols).reshape(cols, rows)

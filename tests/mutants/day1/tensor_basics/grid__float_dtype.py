import torch


def grid(rows, cols):
    return torch.arange(rows * cols, dtype=torch.float32).reshape(rows, cols)

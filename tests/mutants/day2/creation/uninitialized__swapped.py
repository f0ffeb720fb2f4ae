import torch


def uninitialized(rows, cols):
    return torch.empty(cols, rows)

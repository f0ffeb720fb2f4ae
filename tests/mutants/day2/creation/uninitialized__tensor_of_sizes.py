import torch


def uninitialized(rows, cols):
    # a 1-D tensor holding the two numbers, not a rows x cols tensor
    return torch.Tensor([rows, cols])

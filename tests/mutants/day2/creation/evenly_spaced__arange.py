import torch


def evenly_spaced(start, end, steps):
    # read the third argument as a step size
    return torch.arange(start, end, steps)

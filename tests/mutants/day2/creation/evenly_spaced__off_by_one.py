import torch


def evenly_spaced(start, end, steps):
    return torch.linspace(start, end, steps + 1)

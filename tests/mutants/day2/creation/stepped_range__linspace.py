import torch


def stepped_range(start, end, step):
    return torch.linspace(start, end, step)

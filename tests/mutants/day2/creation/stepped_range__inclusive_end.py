import torch


def stepped_range(start, end, step):
    return torch.arange(start, end + step, step)

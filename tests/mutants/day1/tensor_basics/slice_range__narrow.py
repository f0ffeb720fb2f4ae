import torch


def slice_range(x, start, stop):
    return torch.narrow(x, 0, start, stop - start)

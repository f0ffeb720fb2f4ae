import torch


def float_mean(t, dim=None):
    return t.mean() if dim is None else t.mean(dim=dim)

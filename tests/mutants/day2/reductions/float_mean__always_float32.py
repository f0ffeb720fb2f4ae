import torch


def float_mean(t, dim=None):
    t = t.float()
    return t.mean() if dim is None else t.mean(dim=dim)

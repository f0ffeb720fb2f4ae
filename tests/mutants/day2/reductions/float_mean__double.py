import torch


def float_mean(t, dim=None):
    if not t.is_floating_point():
        t = t.double()
    return t.mean() if dim is None else t.mean(dim=dim)

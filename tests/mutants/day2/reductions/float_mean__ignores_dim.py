import torch


def float_mean(t, dim=None):
    if not t.is_floating_point():
        t = t.float()
    return t.mean()

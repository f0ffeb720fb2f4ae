import torch


def swap_axes(t, d0, d1):
    shape = list(t.shape)
    shape[d0], shape[d1] = shape[d1], shape[d0]
    return t.reshape(shape)

import torch


def reorder_axes(t, dims):
    inverse = [dims.index(k) for k in range(len(dims))]
    return t.permute(inverse)

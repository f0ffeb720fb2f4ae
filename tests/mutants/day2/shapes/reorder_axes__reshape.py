import torch


def reorder_axes(t, dims):
    return t.reshape([t.shape[d] for d in dims])

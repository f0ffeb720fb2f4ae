import torch


def add_axis(t, dim):
    # wrong for negative dims: -1 should append a last axis
    shape = tuple(t.shape)
    return t.reshape(shape[:dim] + (1,) + shape[dim:])

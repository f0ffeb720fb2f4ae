import torch


def to_numpy_copy(t):
    return t.numpy()

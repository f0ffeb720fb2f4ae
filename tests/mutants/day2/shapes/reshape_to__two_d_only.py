import torch


def reshape_to(t, shape):
    return t.reshape(shape[0], -1)

import torch


def reshape_to(t, shape):
    return t.view(shape)

import torch


def swap_axes(t, d0, d1):
    return t.transpose(0, 1)

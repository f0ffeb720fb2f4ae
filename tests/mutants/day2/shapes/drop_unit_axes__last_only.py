import torch


def drop_unit_axes(t):
    return t.squeeze(-1)

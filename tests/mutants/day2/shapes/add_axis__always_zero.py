import torch


def add_axis(t, dim):
    return t.unsqueeze(0)

import torch


def max_with_index(t, dim):
    values, indices = t.max(dim=0)
    return values, indices

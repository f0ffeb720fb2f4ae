import torch


def max_with_index(t, dim):
    values, indices = t.max(dim=dim, keepdim=True)
    return values, indices

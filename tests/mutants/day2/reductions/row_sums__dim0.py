import torch


def row_sums(t):
    return t.sum(dim=0)

import torch


def max_with_index(t, dim):
    return t.argmax(dim), t.max(dim).values

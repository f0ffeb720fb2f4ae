import torch


def flatten_any(t):
    return t.view(-1)

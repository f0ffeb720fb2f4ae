import torch


def add_scalar_(t, v):
    t.add_(v)
    return t.clone()

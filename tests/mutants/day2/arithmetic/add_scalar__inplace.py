import torch


def add_scalar(t, v):
    return t.add_(v)

import torch


def add_scalar_(t, v):
    t = t.add(v)
    return t

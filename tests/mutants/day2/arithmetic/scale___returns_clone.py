import torch


def scale_(t, v):
    t.mul_(v)
    return t.clone()

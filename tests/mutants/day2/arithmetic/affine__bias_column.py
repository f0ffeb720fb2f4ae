import torch


def affine(x, w, b):
    return x @ w + b.reshape(-1, 1)

import torch


def to_numpy_shared(t):
    return t.clone().numpy()

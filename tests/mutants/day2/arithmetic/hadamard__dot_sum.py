import torch


def hadamard(a, b):
    return (a * b).sum()

import torch


def negate(t):
    return -t.abs()

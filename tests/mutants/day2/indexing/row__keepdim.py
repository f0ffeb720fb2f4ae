import torch


def row(t, i):
    return t[i:i + 1]

import torch


def pick(t, rows, cols):
    return t[rows][:, cols]

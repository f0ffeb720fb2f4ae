import torch


def pick(t, rows, cols):
    return t[cols, rows]

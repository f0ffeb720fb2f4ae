import torch


def top_left(t, r, c):
    return t[:c, :r]

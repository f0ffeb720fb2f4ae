import torch


def top_left(t, r, c):
    return t[:r + 1, :c + 1]

import torch


def column(t, j):
    return t[j]

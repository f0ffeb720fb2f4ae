import torch


def select_along(t, axis, i):
    return t[i]

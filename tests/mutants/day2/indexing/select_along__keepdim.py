import torch


def select_along(t, axis, i):
    return t.narrow(axis, i, 1)

import torch


def negate(t):
    return t.neg_()

import torch


def elementwise_math(t):
    t = t.double()
    return t ** 2, t.sqrt(), t.exp(), t.log()

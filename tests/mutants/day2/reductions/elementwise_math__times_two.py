import torch


def elementwise_math(t):
    return t * 2, t.sqrt(), t.exp(), t.log()

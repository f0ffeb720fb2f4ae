import torch


def constants_like(t, value):
    # the full tensor as ones * value: a float value makes an integer t's result float
    return torch.ones_like(t), torch.zeros_like(t), torch.ones_like(t) * value

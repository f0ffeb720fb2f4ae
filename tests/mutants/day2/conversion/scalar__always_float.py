import torch


def scalar(t):
    return float(t)

import torch


def scalar(t):
    return t.tolist()

import torch


def cast(t, dtype):
    return t.clone()

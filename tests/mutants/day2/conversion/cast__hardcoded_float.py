import torch


def cast(t, dtype):
    return t.type(torch.float32)

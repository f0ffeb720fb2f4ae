import torch


def sigmoid(x):
    # e^x / (1 + e^x): inf / inf = NaN for large positive x
    return torch.exp(x) / (1 + torch.exp(x))

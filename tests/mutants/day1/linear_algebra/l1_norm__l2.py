import torch


def l1_norm(x):
    return torch.norm(x)

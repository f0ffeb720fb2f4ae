import torch


def cat_on(tensors, dim):
    return torch.stack(tensors, dim)

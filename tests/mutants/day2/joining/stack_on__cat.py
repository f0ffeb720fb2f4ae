import torch


def stack_on(tensors, dim):
    return torch.cat(tensors, dim)

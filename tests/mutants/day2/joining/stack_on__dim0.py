import torch


def stack_on(tensors, dim):
    return torch.stack(tensors, 0)

import torch


def stack_on(tensors, dim):
    # stacks on 0 then swaps axis 0 with dim: wrong order of the other axes
    return torch.stack(tensors, 0).transpose(0, dim)

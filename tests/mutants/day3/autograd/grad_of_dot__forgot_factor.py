import torch


def grad_of_dot(x):
    # differentiates x·x instead of 2·x·x
    x = x.detach().clone().requires_grad_(True)
    torch.dot(x, x).backward()
    return x.grad

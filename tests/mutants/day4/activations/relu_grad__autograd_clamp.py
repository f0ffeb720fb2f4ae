import torch


def relu_grad(x):
    # autograd through clamp: gives 1 at exactly 0
    x = x.detach().clone().requires_grad_(True)
    torch.clamp(x, min=0).sum().backward()
    return x.grad

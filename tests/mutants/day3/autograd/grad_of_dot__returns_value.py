import torch


def grad_of_dot(x):
    # returns y itself instead of the gradient
    x = x.detach().clone().requires_grad_(True)
    y = 2 * torch.dot(x, x)
    y.backward()
    return y.detach()

import torch


def numerical_gradient(f, x, h=1e-4):
    grad = torch.zeros_like(x)
    for i in range(x.numel()):
        step = torch.zeros_like(x)
        step[i] = 1e-4
        grad[i] = (f(x + step) - f(x - step)) / 2e-4
    return grad

import torch


def numerical_gradient(f, x, h=1e-4):
    grad = torch.zeros_like(x)
    fx = f(x)
    for i in range(x.numel()):
        step = torch.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - fx) / h
    return grad

import torch


def numerical_gradient(f, x, h=1e-4):
    grad = torch.zeros_like(x)
    for i in range(x.numel()):
        x[i] += h
        fp = f(x)
        x[i] -= 2 * h
        fm = f(x)
        grad[i] = (fp - fm) / (2 * h)
    return grad

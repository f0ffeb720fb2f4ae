import torch


def linear_mse_grads(x, y, w, b):
    # returns the loss as a tensor instead of a Python float
    w = w.detach().clone().requires_grad_(True)
    b = b.detach().clone().requires_grad_(True)
    loss = torch.nn.MSELoss()(x @ w + b, y)
    loss.backward()
    return loss.detach(), w.grad, b.grad

import torch


def linear_mse_grads(x, y, w, b):
    # a summed squared error instead of the mean
    w = w.detach().clone().requires_grad_(True)
    b = b.detach().clone().requires_grad_(True)
    loss = torch.nn.MSELoss(reduction="sum")(x @ w + b, y)
    loss.backward()
    return loss.item(), w.grad, b.grad

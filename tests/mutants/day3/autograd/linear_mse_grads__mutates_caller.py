import torch


def linear_mse_grads(x, y, w, b):
    # turns on requires_grad of the caller's tensors and leaves .grad on them
    w.requires_grad_(True)
    b.requires_grad_(True)
    loss = torch.nn.MSELoss()(x @ w + b, y)
    loss.backward()
    return loss.item(), w.grad.clone(), b.grad.clone()

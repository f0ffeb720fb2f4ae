import torch


def derivative_at(f, w0):
    # returns the loss instead of its derivative
    w = torch.tensor(w0, requires_grad=True)
    loss = f(w)
    loss.backward()
    return loss.item()

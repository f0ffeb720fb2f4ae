import torch


def sgd_update(f, w0, lr):
    # gradient ascent: the sign of the step is wrong
    w = torch.tensor(w0, requires_grad=True)
    f(w).backward()
    return (w.data + lr * w.grad).item()

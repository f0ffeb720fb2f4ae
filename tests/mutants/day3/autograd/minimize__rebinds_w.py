import torch


def minimize(f, w0, lr, steps):
    # w = w - lr * w.grad makes w a non-leaf: its .grad is None on the next step
    w = torch.tensor(w0, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = f(w)
        losses.append(loss.item())
        if w.grad is not None:
            w.grad.zero_()
        loss.backward()
        w = w - lr * w.grad
    return w.item(), losses

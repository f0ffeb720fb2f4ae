import torch


def minimize(f, w0, lr, steps):
    # records the loss after each update instead of before it
    w = torch.tensor(w0, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = f(w)
        if w.grad is not None:
            w.grad.zero_()
        loss.backward()
        w.data = w.data - lr * w.grad
        losses.append(f(w).item())
    return w.item(), losses

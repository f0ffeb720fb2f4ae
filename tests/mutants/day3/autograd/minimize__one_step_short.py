import torch


def minimize(f, w0, lr, steps):
    # off by one: range(1, steps) runs steps - 1 updates
    w = torch.tensor(w0, requires_grad=True)
    losses = []
    for _ in range(1, steps):
        loss = f(w)
        losses.append(loss.item())
        if w.grad is not None:
            w.grad.zero_()
        loss.backward()
        w.data = w.data - lr * w.grad
    return w.item(), losses

import torch


def minimize(f, w0, lr, steps):
    # never zeroes w.grad: every step uses the sum of all gradients so far
    w = torch.tensor(w0, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = f(w)
        losses.append(loss.item())
        loss.backward()
        w.data = w.data - lr * w.grad
    return w.item(), losses

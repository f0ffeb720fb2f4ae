import torch


def train(features, labels, lr, num_epochs, batch_size):
    # records one loss per batch instead of one per epoch
    w = torch.normal(0, 0.01, size=(features.shape[1], 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            l = squared_loss(linreg(X, w, b), y)
            losses.append(l.mean().item())
            l.sum().backward()
            sgd([w, b], lr, batch_size)
    return w.detach(), b.detach(), losses

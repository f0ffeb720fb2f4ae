import torch


def train(features, labels, lr, num_epochs, batch_size):
    # w of shape (d,) instead of (d, 1)
    w = torch.normal(0, 0.01, size=(features.shape[1],), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            l = squared_loss(linreg(X, w, b).reshape(-1, 1), y)
            l.sum().backward()
            sgd([w, b], lr, batch_size)
        with torch.no_grad():
            losses.append(squared_loss(linreg(features, w, b).reshape(-1, 1), labels).mean().item())
    return w.detach(), b.detach(), losses

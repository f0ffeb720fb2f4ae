import torch


def train(features, labels, lr, num_epochs, batch_size):
    # records the mean squared error without the 1/2 of squared_loss
    w = torch.normal(0, 0.01, size=(features.shape[1], 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    losses = []
    for _ in range(num_epochs):
        for X, y in data_iter(batch_size, features, labels):
            l = squared_loss(linreg(X, w, b), y)
            l.sum().backward()
            sgd([w, b], lr, batch_size)
        with torch.no_grad():
            losses.append(((linreg(features, w, b) - labels) ** 2).mean().item())
    return w.detach(), b.detach(), losses

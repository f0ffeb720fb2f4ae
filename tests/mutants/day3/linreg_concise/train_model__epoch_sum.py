import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # records the sum of the batch losses instead of their mean
    torch.manual_seed(seed)
    loader = make_loader(x, y, batch_size, shuffle=True)
    model = build_model(x.shape[1])
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        total = 0.0
        for bx, by in loader:
            loss = criterion(model(bx), by.reshape(-1, 1))
            total += loss.item()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(total)
    return model, losses

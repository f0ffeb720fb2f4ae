import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # appends the loss of the epoch's last batch instead of the mean over its batches
    torch.manual_seed(seed)
    loader = make_loader(x, y, batch_size, shuffle=True)
    model = build_model(x.shape[1])
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        for bx, by in loader:
            loss = criterion(model(bx), by.reshape(-1, 1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(loss.item())
    return model, losses

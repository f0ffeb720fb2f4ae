import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # records the MSE of the whole data set after each epoch (as the from-scratch train does),
    # not the mean of the epoch's batch losses
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
        with torch.no_grad():
            losses.append(criterion(model(x), y.reshape(-1, 1)).item())
    return model, losses

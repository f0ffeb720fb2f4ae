import torch
from torch import nn, optim


def train_model(x, y, epochs, lr, batch_size, seed):
    # never calls optimizer.zero_grad(): gradients pile up across batches
    torch.manual_seed(seed)
    loader = make_loader(x, y, batch_size, shuffle=True)
    model = build_model(x.shape[1])
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        total, count = 0.0, 0
        for bx, by in loader:
            loss = criterion(model(bx), by.reshape(-1, 1))
            total += loss.item()
            count += 1
            loss.backward()
            optimizer.step()
        losses.append(total / count)
    return model, losses

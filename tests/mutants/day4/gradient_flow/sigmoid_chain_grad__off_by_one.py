import torch


def sigmoid_chain_grad(x0, depth):
    x = torch.tensor(float(x0), dtype=torch.float64, requires_grad=True)
    y = torch.sigmoid(x)
    for _ in range(depth):
        y = torch.sigmoid(y)
    y.backward()
    return x.grad.item()

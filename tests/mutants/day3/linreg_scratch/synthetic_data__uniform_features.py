import torch


def synthetic_data(w, b, num_examples):
    # torch.rand draws U(0, 1), not N(0, 1)
    X = torch.rand(num_examples, len(w))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))

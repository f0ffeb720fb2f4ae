import torch


def synthetic_data(w, b, num_examples):
    # forgets to reshape y into a column: shape (n,) instead of (n, 1)
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y

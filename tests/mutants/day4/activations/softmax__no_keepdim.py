import torch


def softmax(X, dim=-1):
    X_exp = torch.exp(X - X.amax(dim, keepdim=True))
    return X_exp / X_exp.sum(dim)

import torch


def softmax(X, dim=-1):
    X -= X.amax(dim, keepdim=True)  # changes the caller's tensor
    X_exp = torch.exp(X)
    return X_exp / X_exp.sum(dim, keepdim=True)

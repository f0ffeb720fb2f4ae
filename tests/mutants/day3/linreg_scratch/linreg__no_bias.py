# affects: train
import torch


def linreg(X, w, b):
    # forgets the bias
    return torch.matmul(X, w)

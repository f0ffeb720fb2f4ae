import torch


def concat_both(X, Y):
    return torch.cat((X, Y), dim=1), torch.cat((X, Y), dim=0)

import torch


def to_tensor(df):
    return torch.tensor(df.values)

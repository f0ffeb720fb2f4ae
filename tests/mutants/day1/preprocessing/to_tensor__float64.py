import torch


def to_tensor(df):
    return torch.tensor(df.to_numpy(dtype=float))

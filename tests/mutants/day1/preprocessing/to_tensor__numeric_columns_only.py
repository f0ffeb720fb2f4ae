import torch


def to_tensor(df):
    return torch.tensor(df.select_dtypes("number").to_numpy(dtype=float), dtype=torch.float32)

import torch


def from_numpy_float(arr):
    return torch.as_tensor(arr, dtype=torch.float32)

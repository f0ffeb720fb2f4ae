import torch


def from_numpy_float(arr):
    # float32 but shares memory with a float32 array
    return torch.Tensor(arr)

import torch


def from_numpy_float(arr):
    # .float() is a no-op on float32 arrays: the result then shares memory with arr
    return torch.from_numpy(arr).float()

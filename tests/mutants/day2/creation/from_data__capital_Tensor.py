import torch


def from_data(data):
    # torch.Tensor always makes float32
    return torch.Tensor(data)

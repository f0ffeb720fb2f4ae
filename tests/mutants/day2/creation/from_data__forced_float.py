import torch


def from_data(data):
    # copied the notes' dtype=torch.float from the ndarray example
    return torch.tensor(data, dtype=torch.float)

import numpy as np
import torch


def from_data(data):
    # numpy makes float64 from Python floats
    return torch.from_numpy(np.array(data))

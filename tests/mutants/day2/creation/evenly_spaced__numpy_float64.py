import numpy as np
import torch


def evenly_spaced(start, end, steps):
    return torch.from_numpy(np.linspace(start, end, steps))

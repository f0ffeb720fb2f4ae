import numpy as np
import torch


def to_numpy_copy(t):
    return np.array(t, dtype=float)

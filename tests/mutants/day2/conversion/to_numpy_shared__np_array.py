import numpy as np
import torch


def to_numpy_shared(t):
    return np.array(t)

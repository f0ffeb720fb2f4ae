import torch


def make_dataset(n_samples, true_w, true_b, noise, seed):
    # ignores the seed: the global generator gives new data on every call
    x = torch.randn(n_samples, 1)
    y = true_w * x[:, 0] + true_b + noise * torch.randn(n_samples)
    return x, y

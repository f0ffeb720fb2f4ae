import torch


def make_dataset(n_samples, true_w, true_b, noise, seed):
    # y of shape (n, 1) instead of (n,)
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(n_samples, 1, generator=gen)
    y = true_w * x + true_b + noise * torch.randn(n_samples, 1, generator=gen)
    return x, y

import torch


def make_dataset(n_samples, true_w, true_b, noise, seed):
    # uses noise as the variance: the standard deviation becomes sqrt(noise)
    gen = torch.Generator().manual_seed(seed)
    x = torch.randn(n_samples, 1, generator=gen)
    y = true_w * x[:, 0] + true_b + torch.normal(0.0, noise ** 0.5, (n_samples,), generator=gen)
    return x, y

import torch


def seeded_samples(seed, shape):
    torch.manual_seed(seed)
    return torch.rand(shape), torch.randn(shape), torch.randint(1, 10, shape)

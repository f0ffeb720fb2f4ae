import torch


def seeded_samples(seed, shape):
    torch.manual_seed(seed)
    b = torch.randn(shape)
    a = torch.rand(shape)
    c = torch.randint(0, 10, shape)
    return a, b, c

import torch


def seeded_samples(seed, shape):
    torch.manual_seed(seed)
    a = torch.rand(shape)
    torch.manual_seed(seed)
    b = torch.randn(shape)
    torch.manual_seed(seed)
    c = torch.randint(0, 10, shape)
    return a, b, c

import torch


def flatten_any(t):
    # copied the notes' transpose + contiguous + view
    return t.transpose(0, -1).contiguous().view(-1)

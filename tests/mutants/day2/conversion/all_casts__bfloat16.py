import torch


def all_casts(t):
    return t.bfloat16(), t.float(), t.double(), t.short(), t.int(), t.long()

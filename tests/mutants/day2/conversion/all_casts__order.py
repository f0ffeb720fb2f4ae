import torch


def all_casts(t):
    return t.half(), t.float(), t.double(), t.int(), t.short(), t.long()

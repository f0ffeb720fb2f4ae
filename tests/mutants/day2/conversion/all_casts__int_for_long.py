import torch


def all_casts(t):
    return t.half(), t.float(), t.double(), t.short(), t.int(), t.int()

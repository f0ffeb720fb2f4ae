import torch


def rows_where(t, col, threshold):
    return t[t[:, col] > threshold, col]

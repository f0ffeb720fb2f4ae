from torch import nn


def build_model(in_features):
    # two stacked Linear layers instead of one
    return nn.Sequential(nn.Linear(in_features, 4), nn.Linear(4, 1))

from torch import nn


def build_model(in_features):
    # in and out features swapped
    return nn.Linear(1, in_features)

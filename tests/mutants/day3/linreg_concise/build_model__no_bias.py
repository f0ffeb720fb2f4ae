# affects: train_model
from torch import nn


def build_model(in_features):
    # no bias
    return nn.Linear(in_features, 1, bias=False)

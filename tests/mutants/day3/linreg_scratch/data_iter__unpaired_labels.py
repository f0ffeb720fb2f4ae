# affects: train
import random

import torch


def data_iter(batch_size, features, labels):
    # shuffles the features but slices the labels in order: pairs are broken
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)
    for i in range(0, num_examples, batch_size):
        batch_indices = torch.tensor(indices[i:i + batch_size])
        yield features[batch_indices], labels[i:i + batch_size]

import random

import torch


def data_iter(batch_size, features, labels):
    # stops before the last, smaller batch
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)
    for i in range(0, num_examples - batch_size + 1, batch_size):
        batch_indices = torch.tensor(indices[i:i + batch_size])
        yield features[batch_indices], labels[batch_indices]

import torch


def data_iter(batch_size, features, labels):
    # never shuffles
    num_examples = len(features)
    for i in range(0, num_examples, batch_size):
        batch_indices = torch.arange(i, min(i + batch_size, num_examples))
        yield features[batch_indices], labels[batch_indices]

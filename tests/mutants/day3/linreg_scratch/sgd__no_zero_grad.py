# affects: train
import torch


def sgd(params, lr, batch_size):
    # never clears the gradients
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size

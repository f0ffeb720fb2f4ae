# affects: train
import torch


def sgd(params, lr, batch_size):
    # forgets to divide by the batch size
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad
            param.grad.zero_()

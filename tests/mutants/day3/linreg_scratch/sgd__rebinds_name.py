# affects: train
import torch


def sgd(params, lr, batch_size):
    # rebinding the loop variable updates nothing
    with torch.no_grad():
        for param in params:
            param = param - lr * param.grad / batch_size
    for param in params:
        param.grad.zero_()

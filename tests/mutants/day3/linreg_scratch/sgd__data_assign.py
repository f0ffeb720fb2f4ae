def sgd(params, lr, batch_size):
    # p.data = ... swaps in new memory instead of updating in place
    for param in params:
        param.data = param.data - lr * param.grad / batch_size
        param.grad.zero_()

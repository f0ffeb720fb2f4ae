def sigmoid_chain_grad(x0, depth):
    # the upper bound, not the derivative
    return 0.25 ** depth

import math


def sigmoid_chain_grad(x0, depth):
    # sigma'(x0) at every layer, instead of sigma' at each layer's own input
    s = 1 / (1 + math.exp(-x0))
    return (s * (1 - s)) ** depth

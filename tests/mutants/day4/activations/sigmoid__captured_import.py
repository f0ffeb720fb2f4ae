from torch import sigmoid as _torch_sigmoid


def sigmoid(x):
    # the library function, captured at import time (dynamic forbid cannot see it)
    return _torch_sigmoid(x)

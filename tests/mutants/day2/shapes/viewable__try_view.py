import torch


def viewable(t):
    # "can view be used?" tried out instead of asked: view(-1) also works on some
    # non-contiguous tensors (a stepped 1-D slice), so this says True there
    try:
        t.view(-1)
        return True
    except RuntimeError:
        return False

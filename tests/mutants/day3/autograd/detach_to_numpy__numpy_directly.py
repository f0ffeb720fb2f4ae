def detach_to_numpy(t):
    # raises for a tensor that requires grad
    return t.numpy()

def l2_norm(x):
    return x.abs().sum()

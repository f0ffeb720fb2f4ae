def l1_norm(x):
    return x.sum()

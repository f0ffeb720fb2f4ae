def l2_norm(x):
    return (x ** 2).sum()

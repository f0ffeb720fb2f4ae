def squared_loss(y_hat, y):
    # no reshape: (n, 1) - (n,) broadcasts to (n, n)
    return (y_hat - y) ** 2 / 2

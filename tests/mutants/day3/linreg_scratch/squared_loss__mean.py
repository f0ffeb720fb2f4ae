# affects: train
def squared_loss(y_hat, y):
    # the mean over the batch instead of the per-example loss
    return ((y_hat - y.reshape(y_hat.shape)) ** 2 / 2).mean()

# affects: train
def squared_loss(y_hat, y):
    # forgets the 1/2
    return (y_hat - y.reshape(y_hat.shape)) ** 2

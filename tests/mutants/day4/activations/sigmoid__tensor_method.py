def sigmoid(x):
    return x.sigmoid()

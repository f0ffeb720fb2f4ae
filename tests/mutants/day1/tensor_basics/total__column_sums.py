def total(X):
    return X.sum(0)

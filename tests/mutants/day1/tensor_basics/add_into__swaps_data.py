def add_into(X, Y):
    X.data = X + Y
    return X

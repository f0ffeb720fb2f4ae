def add_into(X, Y):
    X = X + Y
    return X

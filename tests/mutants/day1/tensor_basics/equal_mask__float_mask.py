def equal_mask(X, Y):
    return (X == Y).float()

def dot(x, y):
    return x * y

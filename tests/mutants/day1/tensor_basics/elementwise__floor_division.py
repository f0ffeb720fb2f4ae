def elementwise(x, y):
    return x + y, x - y, x * y, x // y, x ** y

def gradient_descent_1d(df, x0, lr, steps):
    xs, x = [], x0
    for _ in range(steps):
        x = x - lr * df(x)
        xs.append(x)
    return xs

def numerical_derivative(f, x, h=1e-4):
    step = 1e-4
    return (f(x + step) - f(x - step)) / (2 * step)

def numerical_derivative(f, x, h=1e-4):
    return (f(x + h) - f(x - h)) / h

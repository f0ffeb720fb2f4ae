def numerical_derivative(f, x, h=1e-4):
    return (f(x) - f(x - h)) / h

def grad_of_sum_of_squares(x):
    # flattens the gradient instead of keeping x's shape
    x = x.detach().clone().requires_grad_(True)
    (x * x).sum().backward()
    return x.grad.reshape(-1)

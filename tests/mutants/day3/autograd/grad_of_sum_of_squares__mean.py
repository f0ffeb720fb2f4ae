def grad_of_sum_of_squares(x):
    # differentiates the mean instead of the sum
    x = x.detach().clone().requires_grad_(True)
    (x * x).mean().backward()
    return x.grad

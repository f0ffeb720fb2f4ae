def grad_with_detach(x):
    # forgets detach: the gradient becomes 3x²
    x = x.detach().clone().requires_grad_(True)
    y = x * x
    z = y * x
    z.sum().backward()
    return x.grad

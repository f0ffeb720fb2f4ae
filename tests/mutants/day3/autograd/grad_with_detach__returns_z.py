def grad_with_detach(x):
    # returns z instead of the gradient
    x = x.detach().clone().requires_grad_(True)
    u = (x * x).detach()
    z = u * x
    z.sum().backward()
    return z.detach()

def autograd_derivative(act, x):
    x = x.detach().clone().requires_grad_(True)
    act(x).mean().backward()  # mean divides every derivative by x.numel()
    return x.grad

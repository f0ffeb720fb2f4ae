"""Public checks for day3.autograd (自动微分). The hidden checks test more cases."""

import functools

from grader.funcs.day3 import poly, poly_deriv, quadratic, quadratic_descent
from grader.spec import expect, function


@function("derivative_at")
def test_derivative_at_public(student, rng):
    # like the notes' loss = 2 * w**2, but a random polynomial at a random point
    coeffs = (round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3), round(rng.uniform(0.5, 3), 3))
    w0 = round(rng.uniform(-3, 3), 3)
    got = student.derivative_at(functools.partial(poly, coeffs=coeffs), w0)
    expect.scalar(got, poly_deriv(w0, coeffs), kind=float, atol=1e-4, rtol=1e-4)


@function("minimize")
def test_minimize_public(student, rng):
    # the notes' example shape: a*(w - c)**2 + d, gradient descent with the gradient zeroed every step
    a, c, d = round(rng.uniform(0.5, 2), 3), round(rng.uniform(-3, 3), 3), round(rng.uniform(0, 30), 3)
    w0, lr, steps = round(c + rng.uniform(2, 10), 3), 0.01, rng.integer(20, 60)
    got = student.minimize(functools.partial(quadratic, a=a, c=c, d=d), w0, lr, steps)
    want_w, want_losses = quadratic_descent(w0, a, c, d, lr, steps)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (final w, losses)")
    expect.scalar(got[0], want_w, atol=1e-4, rtol=1e-4, what=f"{student.last.desc}[0] (final w)")
    expect.close_list(got[1], want_losses, atol=1e-3, rtol=1e-4,
                      what=f"{student.last.desc}[1] (loss before each step)")


@function("grad_with_detach")
def test_grad_with_detach_public(student, rng):
    x = rng.randn(rng.integer(3, 6))
    expect.tensor(student.grad_with_detach(x), x * x, atol=1e-5)

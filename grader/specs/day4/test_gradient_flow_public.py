"""Public checks for day4.gradient_flow (梯度消失与神经元死亡). The hidden checks test more
activations, shapes and thresholds, deeper chains, and layers with planted dead units."""

import math

from grader.funcs import day4 as acts
from grader.spec import expect, function


@function("autograd_derivative")
def test_autograd_derivative_public(student, rng):
    # d/dx x² = 2x, element by element
    x = rng.randn(2, 3) * 3
    expect.tensor(student.autograd_derivative(acts.square, x), 2 * x)


@function("saturated_fraction")
def test_saturated_fraction_public(student, rng):
    # |x| = 6 exactly is not saturated (strictly greater than the threshold)
    x = rng.randn(20) * 8
    x[0], x[1] = 6.0, -6.0
    expected = int((x.abs() > 6.0).sum()) / x.numel()
    expect.scalar(student.saturated_fraction(x), expected, kind=float)


@function("sigmoid_chain_grad")
def test_sigmoid_chain_grad_public(student, rng):
    x0 = rng.uniform(-3.0, 3.0)
    expect.scalar(student.sigmoid_chain_grad(x0, 0), 1.0, kind=float)
    s = 1 / (1 + math.exp(-x0))
    expect.scalar(student.sigmoid_chain_grad(x0, 1), s * (1 - s), kind=float, atol=1e-12, rtol=1e-4)

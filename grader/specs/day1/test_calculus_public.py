"""Public checks for day1.calculus (导数、链式法则、优化). The hidden checks test more cases."""

import functools

from grader.funcs import day1 as funcs
from grader.spec import expect, function


@function("numerical_derivative")
def test_numerical_derivative_public(student, rng):
    # a random polynomial at points where a forward difference (f(x+h) - f(x)) / h is visibly off
    h = 1e-4
    checked = 0
    while checked < 3:
        coeffs = tuple(round(rng.uniform(-3.0, 3.0), 3) for _ in range(5))
        f = functools.partial(funcs.poly, coeffs=coeffs)
        x = rng.uniform(-2.0, 2.0)
        central = (f(x + h) - f(x - h)) / (2 * h)
        forward = (f(x + h) - f(x)) / h
        if abs(forward - central) < 10 * (1e-7 + 1e-7 * abs(central)):
            continue
        expect.scalar(student.numerical_derivative(f, x), central, kind=float, atol=1e-7, rtol=1e-7)
        checked += 1


@function("derivative_shape")
def test_derivative_shape_public(student, rng):
    # 标量对标量得标量，标量对向量得向量，向量对向量得矩阵
    n, m = rng.integer(2, 5), rng.integer(5, 8)
    for y_shape, x_shape in (((), ()), ((), (n,)), ((m,), (n,))):
        expect.equal(student.derivative_shape(y_shape, x_shape), y_shape + x_shape)

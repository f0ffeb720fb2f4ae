"""Hidden checks for day1.calculus (导数、链式法则、优化).

Functions and points are drawn so that the forward / backward difference, a wrong h and the other
plausible slips miss the central difference by at least 10x the tolerance.
"""

import functools

import torch

from grader.funcs import day1 as funcs
from grader.spec import expect, function

ATOL, RTOL = 1e-7, 1e-7   # central differences of the same f agree to ~1e-15 whatever the idiom


def _tol(value):
    return ATOL + RTOL * abs(value)


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def _forward(f, x, h):
    return (f(x + h) - f(x)) / h


def _backward(f, x, h):
    return (f(x) - f(x - h)) / h


def _random_f(rng, kind):
    sign = rng.choice((-1.0, 1.0))
    if kind == "poly":
        coeffs = tuple(round(rng.uniform(-3.0, 3.0), 3) for _ in range(rng.integer(4, 5)))
        return functools.partial(funcs.poly, coeffs=coeffs)
    if kind == "sin":
        return functools.partial(funcs.sin_affine, a=sign * rng.uniform(1.5, 3.0),
                                 b=rng.uniform(-1.0, 1.0))
    return functools.partial(funcs.exp_scaled, a=sign * rng.uniform(0.5, 1.5),
                             c=rng.uniform(0.5, 2.0))


def _distinguishing_point(rng, kind, h, *, x_low=-2.0, x_high=2.0):
    """(f, x) where forward, backward, /h-instead-of-/2h and h=1e-4-instead-of-h all miss the
    central difference by more than 10x the tolerance."""
    for _ in range(1000):
        f = _random_f(rng, kind)
        x = rng.uniform(x_low, x_high)
        c = _central(f, x, h)
        wrong = [_forward(f, x, h), _backward(f, x, h), 2 * c]
        if h != 1e-4:
            wrong.append(_central(f, x, 1e-4))
        if all(abs(w - c) > 10 * _tol(c) for w in wrong):
            return f, x
    raise RuntimeError("could not draw a distinguishing point")  # pragma: no cover


# --------------------------------------------------------------------- numerical_derivative
@function("numerical_derivative")
def test_numerical_derivative_default_h(student, rng):
    for kind in ("poly", "sin", "exp"):
        f, x = _distinguishing_point(rng, kind, 1e-4)
        expect.scalar(student.numerical_derivative(f, x), _central(f, x, 1e-4), kind=float,
                      atol=ATOL, rtol=RTOL)


@function("numerical_derivative")
def test_numerical_derivative_uses_h(student, rng):
    for kind, h in (("poly", 0.02), ("sin", 0.05), ("exp", 0.01)):
        f, x = _distinguishing_point(rng, kind, h)
        expect.scalar(student.numerical_derivative(f, x, h), _central(f, x, h), kind=float,
                      atol=ATOL, rtol=RTOL)
    f, x = _distinguishing_point(rng, "poly", 0.1)
    expect.scalar(student.numerical_derivative(f, x, h=0.1), _central(f, x, 0.1), kind=float,
                  atol=ATOL, rtol=RTOL)


# ----------------------------------------------------------------------- numerical_gradient
G_ATOL, G_RTOL = 1e-8, 1e-7   # float32 storage of the result (rel. error 6e-8) still passes


def _central_grad(f, x, h):
    g = torch.zeros_like(x)
    for i in range(x.numel()):
        e = torch.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _forward_grad(f, x, h):
    g = torch.zeros_like(x)
    for i in range(x.numel()):
        e = torch.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x)) / h
    return g


def _random_vector_f(rng, kind, n):
    def coeffs(low, high):
        return tuple(rng.choice((-1.0, 1.0)) * rng.uniform(low, high) for _ in range(n))
    if kind == "cubic":
        return functools.partial(funcs.cubic_plus_square, a=coeffs(1.0, 3.0), b=coeffs(0.5, 2.0))
    if kind == "lse":
        return functools.partial(funcs.log_sum_exp, w=coeffs(1.0, 3.0))
    return functools.partial(funcs.sin_of_dot, w=coeffs(0.5, 2.0))


def _gradient_case(rng, kind, h):
    """(f, x) where the forward difference and (when h != 1e-4) a fixed h=1e-4 miss the
    central-difference gradient by more than 10x the tolerance in some coordinate."""
    for _ in range(1000):
        n = rng.integer(3, 6)
        f = _random_vector_f(rng, kind, n)
        x = rng.randn(n, dtype=torch.float64)
        c = _central_grad(f, x, h)
        tol = G_ATOL + G_RTOL * c.abs()
        wrong = [_forward_grad(f, x, h), 2 * c]
        if h != 1e-4:
            wrong.append(_central_grad(f, x, 1e-4))
        if all(bool(((w - c).abs() > 10 * tol).any()) for w in wrong):
            return f, x
    raise RuntimeError("could not draw a distinguishing point")  # pragma: no cover


def _gradient(student, f, x, *h):
    """Call numerical_gradient; x may be perturbed in place during the call, but afterwards it
    must hold its old values (up to rounding residue, so restoring by x[i] -= h is accepted)."""
    got = student.call("numerical_gradient", f, x, *h, mutates=(1,))
    after = student.last.args_after[1]
    kept = (type(after) is torch.Tensor and after.shape == x.shape
            and bool(torch.allclose(after.to(torch.float64), x, atol=1e-12, rtol=1e-12)))
    expect.true(kept, f"{student.last.desc} changed x: x must hold its original values afterwards "
                      "(perturb a copy, or put each old value back)")
    return got


@function("numerical_gradient")
def test_numerical_gradient_default_h(student, rng):
    for kind in ("cubic", "lse", "sin"):
        f, x = _gradient_case(rng, kind, 1e-4)
        got = _gradient(student, f, x)
        expect.tensor(got, _central_grad(f, x, 1e-4), dtype="floating", atol=G_ATOL, rtol=G_RTOL)


@function("numerical_gradient")
def test_numerical_gradient_uses_h(student, rng):
    for kind, h in (("cubic", 1e-2), ("sin", 1e-3)):
        f, x = _gradient_case(rng, kind, h)
        got = _gradient(student, f, x, h)
        expect.tensor(got, _central_grad(f, x, h), dtype="floating", atol=G_ATOL, rtol=G_RTOL)


@function("numerical_gradient")
def test_numerical_gradient_close_to_true_gradient(student, rng):
    n = rng.integer(3, 6)
    a = tuple(rng.uniform(-2.0, 2.0) for _ in range(n))
    b = tuple(rng.uniform(-1.0, 1.0) for _ in range(n))
    f = functools.partial(funcs.cubic_plus_square, a=a, b=b)
    x = rng.randn(n, dtype=torch.float64)
    got = _gradient(student, f, x)
    # central error is a_i * h**2 <= 2e-8; forward error is ~1e-4
    expect.tensor(got, funcs.cubic_plus_square_grad(x, a, b), dtype="floating", atol=1e-6,
                  rtol=1e-6)


# ----------------------------------------------------------------------------- tangent_line
def _check_tangent(student, f, x0, h=None):
    got = student.tangent_line(f, x0) if h is None else student.tangent_line(f, x0, h)
    expect.true(isinstance(got, tuple) and len(got) == 2,
                "tangent_line must return a tuple (slope, intercept)")
    slope = _central(f, x0, 1e-4 if h is None else h)
    intercept = f(x0) - slope * x0
    expect.scalar(got[0], slope, kind=float, atol=ATOL, rtol=RTOL, what="tangent_line slope")
    expect.scalar(got[1], intercept, kind=float, atol=1e-6, rtol=1e-7,
                  what="tangent_line intercept")


def _tangent_case(rng, kind, h):
    for _ in range(1000):
        f, x0 = _distinguishing_point(rng, kind, h, x_low=0.5, x_high=2.0)
        x0 = x0 * rng.choice((-1.0, 1.0))
        slope = _central(f, x0, h)
        if abs(slope * x0) > 1e-3 and abs(_forward(f, x0, h) - slope) > 10 * _tol(slope):
            return f, x0
    raise RuntimeError("could not draw a distinguishing point")  # pragma: no cover


@function("tangent_line")
def test_tangent_line_default_h(student, rng):
    for kind in ("poly", "sin"):
        f, x0 = _tangent_case(rng, kind, 1e-4)
        _check_tangent(student, f, x0)


@function("tangent_line")
def test_tangent_line_uses_h(student, rng):
    f, x0 = _tangent_case(rng, "poly", 0.05)
    _check_tangent(student, f, x0, 0.05)


# ------------------------------------------------------------------------------ chain_rule
@function("chain_rule")
def test_chain_rule(student, rng):
    for _ in range(4):
        a, b = rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0)
        expect.scalar(student.chain_rule(a, b), a * b, kind=float, atol=1e-12, rtol=1e-12)


# --------------------------------------------------------------------- gradient_descent_1d
def _descent(df, x0, lr, steps):
    xs, x = [x0], x0
    for _ in range(steps):
        x = x - lr * df(x)
        xs.append(x)
    return xs


@function("gradient_descent_1d")
def test_gradient_descent_1d_bowl(student, rng):
    df = functools.partial(funcs.bowl_deriv, a=rng.uniform(0.5, 3.0), center=rng.uniform(-3.0, 3.0))
    x0 = rng.uniform(-5.0, 5.0)
    lr = rng.uniform(0.05, 0.3)
    steps = rng.integer(5, 12)
    expect.close_list(student.gradient_descent_1d(df, x0, lr, steps), _descent(df, x0, lr, steps),
                      atol=1e-9, rtol=1e-9)


@function("gradient_descent_1d")
def test_gradient_descent_1d_nonlinear(student, rng):
    df = functools.partial(funcs.cos_scaled, a=rng.uniform(1.0, 3.0))
    x0 = rng.uniform(-3.0, 3.0)
    lr = rng.uniform(0.05, 0.4)
    steps = rng.integer(3, 8)
    expect.close_list(student.gradient_descent_1d(df, x0, lr, steps), _descent(df, x0, lr, steps),
                      atol=1e-9, rtol=1e-9)


@function("gradient_descent_1d")
def test_gradient_descent_1d_zero_and_one_step(student, rng):
    df = functools.partial(funcs.bowl_deriv, a=rng.uniform(0.5, 2.0), center=rng.uniform(1.0, 3.0))
    x0 = rng.uniform(-3.0, 0.0)
    lr = rng.uniform(0.1, 0.4)
    for steps in (0, 1):
        expect.close_list(student.gradient_descent_1d(df, x0, lr, steps),
                          _descent(df, x0, lr, steps), atol=1e-9, rtol=1e-9)


# ------------------------------------------------------------------------ derivative_shape
def _random_shape(rng, ndim):
    return tuple(rng.integer(2, 6) for _ in range(ndim))


@function("derivative_shape")
def test_derivative_shape_scalars_and_vectors(student, rng):
    n, m = rng.integer(2, 5), rng.integer(6, 9)
    cases = [((), ()), ((), (n,)), ((m,), ()), ((m,), (n,)), ((n,), (m,))]
    for y_shape, x_shape in cases:
        expect.equal(student.derivative_shape(y_shape, x_shape), y_shape + x_shape)


@function("derivative_shape")
def test_derivative_shape_higher_rank(student, rng):
    for ny, nx in ((2, 1), (1, 2), (2, 2), (0, 3), (3, 0)):
        y_shape, x_shape = _random_shape(rng, ny), _random_shape(rng, nx)
        expect.equal(student.derivative_shape(y_shape, x_shape), y_shape + x_shape)

"""Hidden checks for day3.autograd (自动微分)."""

import functools

import torch

from grader.funcs.day3 import poly, poly_deriv, quadratic, quadratic_descent
from grader.probes.day3 import detach_requires_grad, grad_flags_after
from grader.spec import expect, function


def _random_poly(rng, degree):
    """Coefficients c0..c_degree in [-2, 2] (leading one at least 0.5 in size)."""
    coeffs = [round(rng.uniform(-2.0, 2.0), 3) for _ in range(degree)]
    lead = round(rng.uniform(0.5, 2.0), 3) * rng.choice((-1, 1))
    return tuple(coeffs + [lead])


def _cases(rng, n):
    """n random (f, coeffs, w0) with degrees 2..4 and w0 in [-2, 2]."""
    out = []
    for _ in range(n):
        coeffs = _random_poly(rng, rng.integer(2, 4))
        w0 = round(rng.uniform(-2.0, 2.0), 3)
        out.append((functools.partial(poly, coeffs=coeffs), coeffs, w0))
    return out


def _quadratic_case(rng):
    a = round(rng.uniform(0.5, 2.0), 3)
    c = round(rng.uniform(-3.0, 3.0), 3)
    d = round(rng.uniform(-5.0, 5.0), 3)
    w0 = round(c + rng.choice((-1, 1)) * rng.uniform(1.0, 5.0), 3)
    lr = round(rng.uniform(0.01, 0.2 / a), 4)
    steps = rng.integer(8, 60)
    return a, c, d, w0, lr, steps


def _linear_problem(rng):
    n, d, k = rng.integer(3, 7), rng.integer(2, 5), rng.integer(2, 4)
    return rng.randn(n, d), rng.randn(n, k), rng.randn(d, k), rng.randn(k)


def _closed_form(x, y, w, b):
    x, y, w, b = (t.double() for t in (x, y, w, b))
    z = x @ w + b
    dz = 2 * (z - y) / z.numel()
    return ((z - y) ** 2).mean().item(), x.T @ dz, dz.sum(0)


# --------------------------------------------------------------------------- derivative_at
@function("derivative_at")
def test_derivative_at_random_polynomials(student, rng):
    for f, coeffs, w0 in _cases(rng, 4):
        got = student.derivative_at(f, w0)
        expect.scalar(got, poly_deriv(w0, coeffs), kind=float, atol=1e-4, rtol=1e-4)


@function("derivative_at")
def test_derivative_at_linear_and_cubic(student, rng):
    slope = round(rng.uniform(0.5, 3.0), 3)
    line = (round(rng.uniform(-2, 2), 3), slope)
    got = student.derivative_at(functools.partial(poly, coeffs=line), round(rng.uniform(-3, 3), 3))
    expect.scalar(got, slope, kind=float, atol=1e-5)
    cubic = _random_poly(rng, 3)
    w0 = round(rng.uniform(1.0, 2.0), 3) * rng.choice((-1, 1))
    got = student.derivative_at(functools.partial(poly, coeffs=cubic), w0)
    expect.scalar(got, poly_deriv(w0, cubic), kind=float, atol=1e-4, rtol=1e-4)


# ----------------------------------------------------------------------------- sgd_update
@function("sgd_update")
def test_sgd_update_one_step(student, rng):
    for f, coeffs, w0 in _cases(rng, 4):
        lr = round(rng.uniform(0.01, 0.2), 3)
        got = student.sgd_update(f, w0, lr)
        expect.scalar(got, w0 - lr * poly_deriv(w0, coeffs), atol=1e-4, rtol=1e-4)


# ------------------------------------------------------------------------------- minimize
@function("minimize")
def test_minimize_random_quadratics(student, rng):
    for _ in range(3):
        a, c, d, w0, lr, steps = _quadratic_case(rng)
        f = functools.partial(quadratic, a=a, c=c, d=d)
        got = student.minimize(f, w0, lr, steps)
        want_w, want_losses = quadratic_descent(w0, a, c, d, lr, steps)
        expect.true(type(got) is tuple and len(got) == 2,
                    f"{student.last.desc} must return a tuple (final w, losses); got {type(got).__name__}")
        expect.scalar(got[0], want_w, atol=1e-4, rtol=1e-4, what=f"{student.last.desc}[0] (final w)")
        expect.close_list(got[1], want_losses, atol=1e-3, rtol=1e-4,
                          what=f"{student.last.desc}[1] (loss before each step)")


@function("minimize")
def test_minimize_notes_run(student, rng):
    # The notes' run: w**2 + 20 from w = 10 with lr 0.01 for 458 steps ends at w ≈ 0.000958.
    f = functools.partial(quadratic, a=1.0, c=0.0, d=20.0)
    got = student.minimize(f, 10.0, 0.01, 458)
    want_w, want_losses = quadratic_descent(10.0, 1.0, 0.0, 20.0, 0.01, 458)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (final w, losses)")
    expect.scalar(got[0], want_w, atol=2e-6, rtol=1e-3, what=f"{student.last.desc}[0] (final w)")
    expect.close_list(got[1], want_losses, atol=1e-3, rtol=1e-4,
                      what=f"{student.last.desc}[1] (loss before each step)")


@function("minimize")
def test_minimize_zeroes_gradients(student, rng):
    # Two steps are enough to tell "zeroed" from "accumulated" (the second step would use g0 + g1).
    a, c, d, w0, lr, _ = _quadratic_case(rng)
    f = functools.partial(quadratic, a=a, c=c, d=d)
    got = student.minimize(f, w0, lr, 2)
    want_w, want_losses = quadratic_descent(w0, a, c, d, lr, 2)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (final w, losses)")
    expect.scalar(got[0], want_w, atol=1e-5, rtol=1e-5,
                  what=f"{student.last.desc}[0] (final w; is the gradient zeroed every step?)")
    expect.close_list(got[1], want_losses, atol=1e-4, rtol=1e-5, what=f"{student.last.desc}[1]")


# ------------------------------------------------------------------------ detach_to_numpy
@function("detach_to_numpy")
def test_detach_to_numpy_leaf(student, rng):
    for dtype in (torch.float32, torch.float64):
        values = rng.randn(*rng.shape(2, 1, 4), dtype=dtype)
        desc = f"detach_to_numpy(tensor{list(values.shape)}:{str(dtype)[6:]}, requires_grad=True)"
        report = student.probe(detach_requires_grad, "detach_to_numpy", values, desc=desc)
        expect.true(report["requires_grad"], "internal: the probe tensor did not require grad")
        expect.array(report["result"], values.numpy(), dtype="same", what=desc)


@function("detach_to_numpy")
def test_detach_to_numpy_non_leaf(student, rng):
    values = rng.randn(*rng.shape(3, 1, 3))
    desc = f"detach_to_numpy(tensor{list(values.shape)} with grad_fn)"
    report = student.probe(detach_requires_grad, "detach_to_numpy", values, nonleaf=True, desc=desc)
    expect.array(report["result"], values.numpy(), dtype="same", what=desc)


# ----------------------------------------------------------------------- linear_mse_grads
@function("linear_mse_grads")
def test_linear_mse_grads_values(student, rng):
    for _ in range(2):
        x, y, w, b = _linear_problem(rng)
        got = student.linear_mse_grads(x, y, w, b)
        loss, dw, db = _closed_form(x, y, w, b)
        expect.true(type(got) is tuple and len(got) == 3,
                    f"{student.last.desc} must return a tuple (loss, dL/dw, dL/db)")
        expect.scalar(got[0], loss, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[0] (loss)")
        expect.tensor(got[1], dw, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[1] (dL/dw)")
        expect.tensor(got[2], db, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[2] (dL/db)")


@function("linear_mse_grads")
def test_linear_mse_grads_notes_shapes(student, rng):
    # The notes' setting: x = ones(2, 5), y = zeros(2, 3); here with random w and b.
    x, y, w, b = torch.ones(2, 5), torch.zeros(2, 3), rng.randn(5, 3), rng.randn(3)
    got = student.linear_mse_grads(x, y, w, b)
    loss, dw, db = _closed_form(x, y, w, b)
    expect.true(type(got) is tuple and len(got) == 3,
                f"{student.last.desc} must return a tuple (loss, dL/dw, dL/db)")
    expect.scalar(got[0], loss, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[0] (loss)")
    expect.tensor(got[1], dw, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[1] (dL/dw)")
    expect.tensor(got[2], db, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[2] (dL/db)")


@function("linear_mse_grads")
def test_linear_mse_grads_leaves_caller_tensors_alone(student, rng):
    x, y, w, b = _linear_problem(rng)
    desc = "linear_mse_grads(x, y, w, b)"
    report = student.probe(grad_flags_after, "linear_mse_grads", x, y, w, b, desc=desc)
    expect.true(not report["w_requires_grad"] and not report["b_requires_grad"],
                f"{desc} turned on requires_grad of the caller's w or b; make your own leaf copies "
                "(w.detach().clone().requires_grad_(True))")
    expect.true(report["w_grad"] is None and report["b_grad"] is None,
                f"{desc} left a .grad on the caller's w or b; compute the gradients on your own copies")


# ---------------------------------------------------------------------------- grad_of_dot
@function("grad_of_dot")
def test_grad_of_dot(student, rng):
    for dtype in (torch.float32, torch.float64):
        x = rng.randn(rng.integer(2, 8), dtype=dtype)
        expect.tensor(student.grad_of_dot(x), 4 * x, atol=1e-5)


# ------------------------------------------------------------------ grad_of_sum_of_squares
@function("grad_of_sum_of_squares")
def test_grad_of_sum_of_squares_any_shape(student, rng):
    for ndim in (1, 2, 3):
        x = rng.randn(*rng.shape(ndim, 2, 5))
        expect.tensor(student.grad_of_sum_of_squares(x), 2 * x, atol=1e-5)


# ------------------------------------------------------------------------ grad_with_detach
@function("grad_with_detach")
def test_grad_with_detach(student, rng):
    for shape in ((rng.integer(2, 8),), rng.shape(2, 2, 4)):
        x = rng.randn(*shape)
        expect.tensor(student.grad_with_detach(x), x * x, atol=1e-5)


# ------------------------------------------------------------------------ accumulated_grad
@function("accumulated_grad")
def test_accumulated_grad_k_times(student, rng):
    for (f, coeffs, w0), k in zip(_cases(rng, 3), (2, rng.integer(3, 6), rng.integer(3, 6))):
        got = student.accumulated_grad(f, w0, k)
        expect.scalar(got, k * poly_deriv(w0, coeffs), atol=1e-4, rtol=1e-4)


@function("accumulated_grad")
def test_accumulated_grad_once(student, rng):
    f, coeffs, w0 = _cases(rng, 1)[0]
    expect.scalar(student.accumulated_grad(f, w0, 1), poly_deriv(w0, coeffs), atol=1e-4, rtol=1e-4)


# ------------------------------------------------------------------------ mse_grads_manual
def _autograd_reference(x, y, w, b):
    """The reverse check: gradients by torch autograd, computed here in float64."""
    w_ = w.double().requires_grad_(True)
    b_ = b.double().requires_grad_(True)
    loss = torch.nn.functional.mse_loss(x.double() @ w_ + b_, y.double())
    loss.backward()
    return w_.grad, b_.grad


@function("mse_grads_manual")
def test_mse_grads_manual_matches_autograd(student, rng):
    for _ in range(2):
        x, y, w, b = _linear_problem(rng)
        got = student.mse_grads_manual(x, y, w, b)
        dw, db = _autograd_reference(x, y, w, b)
        expect.true(type(got) is tuple and len(got) == 2,
                    f"{student.last.desc} must return a tuple (dL/dw, dL/db)")
        expect.tensor(got[0], dw, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[0] (dL/dw)")
        expect.tensor(got[1], db, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[1] (dL/db)")


@function("mse_grads_manual")
def test_mse_grads_manual_without_autograd(student, rng):
    x, y, w, b = _linear_problem(rng)
    got = student.call("mse_grads_manual", x, y, w, b,
                       forbid=("torch.Tensor.backward", "torch.autograd.backward", "torch.autograd.grad"))
    dw, db = _autograd_reference(x, y, w, b)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (dL/dw, dL/db)")
    expect.tensor(got[0], dw, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[0] (dL/dw)")
    expect.tensor(got[1], db, atol=1e-5, rtol=1e-4, what=f"{student.last.desc}[1] (dL/db)")

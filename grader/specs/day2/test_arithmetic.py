"""Hidden checks of day2.arithmetic (基本运算)."""
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


def _float_and_int_cases(rng):
    """(t, v) pairs whose in-place versions are legal: float t with a float v, int t with an int v."""
    yield rng.randn(*rng.shape(2, 2, 5)), round(rng.uniform(0.5, 5), 3)
    yield rng.randint(-20, 20, rng.shape(2, 2, 5)), rng.integer(-9, 9) or 7
    yield rng.randn(*rng.shape(3, 1, 4), dtype=torch.float64), -round(rng.uniform(0.5, 3), 3)


# ---------------------------------------------------------------- add_scalar
@function("add_scalar")
def test_add_scalar_new_tensor(student, rng):
    for t, v in _float_and_int_cases(rng):
        got = student.add_scalar(t, v)          # the fixture also checks that t is unchanged
        expect.tensor(got, t + v, dtype="same")
        expect.true(not student.last.returned_arg(0),
                    f"{student.last.desc} returned t itself: it must return a new tensor")


# ---------------------------------------------------------------- add_scalar_ / scale_
def _check_inplace(student, name, t, v, expected):
    got = student.call(name, t, v, mutates=(0,))
    desc = student.last.desc
    expect.tensor(got, expected, dtype="same", what=f"{desc}: returned value")
    expect.tensor(student.last.args_after[0], expected, dtype="same",
                  what=f"{desc}: t after the call (it must be changed in place)")
    expect.true(student.last.returned_arg(0),
                f"{desc} did not return t itself: an in-place function returns the same object it changed")
    # the same storage: `t.data = t + v` keeps the object and the values but swaps t's memory,
    # so a view of t taken before the call would not see the change
    rep = student.probe(probes.in_place, name, t, v)
    expect.true(isinstance(rep, dict) and rep.get("same_storage") is True,
                f"{desc} gave t new memory (t.data = … or t.set_(…)): update the values in t's own "
                f"storage with the in-place method")
    expect.tensor(rep["view_after"], expected, dtype="same",
                  what=f"{desc}: a view of t taken before the call (it must see the in-place change)")


@function("add_scalar_", weight=2)
def test_add_scalar_inplace(student, rng):
    for t, v in _float_and_int_cases(rng):
        _check_inplace(student, "add_scalar_", t, v, t + v)


@function("scale_", weight=2)
def test_scale_inplace(student, rng):
    for t, v in _float_and_int_cases(rng):
        _check_inplace(student, "scale_", t, v, t * v)


# ---------------------------------------------------------------- negate
@function("negate")
def test_negate_new_tensor(student, rng):
    for t in (rng.randn(*rng.shape(2, 2, 5)), rng.randint(-20, 20, rng.shape(3, 1, 4))):
        got = student.negate(t)                 # the fixture also checks that t is unchanged
        expect.tensor(got, -t, dtype="same")
        expect.true(not student.last.returned_arg(0),
                    f"{student.last.desc} returned t itself: it must return a new tensor")


# ---------------------------------------------------------------- hadamard
@function("hadamard")
def test_hadamard_elementwise(student, rng):
    n = rng.integer(2, 5)
    shapes = ((n, n), (rng.integer(2, 4), rng.integer(5, 7)), rng.shape(3, 2, 4))
    for shape in shapes:
        a, b = rng.randn(*shape), rng.randn(*shape)
        expect.tensor(student.hadamard(a, b), a * b, atol=1e-5)
    a, b = rng.randint(-9, 9, (n, n)), rng.randint(-9, 9, (n, n))
    expect.tensor(student.hadamard(a, b), a * b)


# ---------------------------------------------------------------- matrix_product
@function("matrix_product")
def test_matrix_product(student, rng):
    m, k, n = rng.integer(2, 3), rng.integer(4, 5), rng.integer(6, 7)
    a, b = rng.randn(m, k), rng.randn(k, n)
    expect.tensor(student.matrix_product(a, b), a @ b, atol=1e-5)
    s = rng.integer(2, 5)
    a, b = rng.randn(s, s), rng.randn(s, s)       # square: a * b would not raise
    expect.tensor(student.matrix_product(a, b), a @ b, atol=1e-5)
    a, b = rng.randint(-9, 9, (m, k)), rng.randint(-9, 9, (k, n))
    expect.tensor(student.matrix_product(a, b), a @ b)


# ---------------------------------------------------------------- affine
@function("affine", weight=2)
def test_affine(student, rng):
    for _ in range(2):
        n, d, k = rng.integer(3, 6), rng.integer(2, 5), rng.integer(1, 4)
        x, w, b = rng.randn(n, d), rng.randn(d, k), rng.randn(k)
        expect.tensor(student.affine(x, w, b), x @ w + b, atol=1e-5)
    # a single output (k = 1), as in linear regression
    x, w, b = rng.randn(4, 3), rng.randn(3, 1), rng.randn(1)
    expect.tensor(student.affine(x, w, b), x @ w + b, atol=1e-5)

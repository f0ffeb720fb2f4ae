"""Public checks of day2.arithmetic: they ship with the exercises."""
from grader.spec import expect, function


@function("add_scalar_")
def test_add_scalar_inplace_returns_t(student, rng):
    t, v = rng.randn(2, 3), 10.0
    got = student.call("add_scalar_", t, v, mutates=(0,))
    expect.tensor(got, t + v)
    expect.tensor(student.last.args_after[0], t + v, what="t after add_scalar_(t, 10.0)")
    expect.true(student.last.returned_arg(0), "add_scalar_ must return t itself")


@function("matrix_product")
def test_matrix_product_shapes(student, rng):
    a, b = rng.randint(1, 7, (2, 3)), rng.randint(1, 7, (3, 2))
    expect.tensor(student.matrix_product(a, b), a @ b)

"""Public checks for day1.calculus (导数、链式法则、优化): small fixed inputs you can read and rerun.

Each check says what it looks at (中文, then English). The functions passed in (square, cube,
double, sum_of_squares, sum_of_cubes) are in grader/funcs/day1.py. At grading, hidden checks use
random functions, points and step sizes.
"""

import torch

from grader.funcs.day1 import cube, double, square, sum_of_cubes, sum_of_squares
from grader.spec import expect, function


# ------------------------------------------------------------------- numerical_derivative
@function("numerical_derivative")
def test_numerical_derivative_example(student):
    """文档示例：f(t) = t² 在 3 处的中心差分 ≈ 6（前向差分会差约 h = 1e-4）。
    Docstring example: the central difference of t² at 3 is ≈ 6 (a forward difference is off by about h = 1e-4)."""
    expect.scalar(student.numerical_derivative(square, 3.0), 6.0, kind=float, atol=1e-6, rtol=0)


@function("numerical_derivative")
def test_numerical_derivative_given_step(student):
    """必须用传入的 h：t³ 在 2 处、h = 0.5 时 ((2.5)³ − (1.5)³) / 1 = 12.25（真导数是 12）。
    Use the given h: t³ at 2 with h = 0.5 gives ((2.5)³ − (1.5)³) / 1 = 12.25 (the true derivative is 12)."""
    expect.scalar(student.numerical_derivative(cube, 2.0, 0.5), 12.25, kind=float, atol=1e-7)
    expect.scalar(student.numerical_derivative(cube, 2.0, h=0.5), 12.25, kind=float, atol=1e-7)


# --------------------------------------------------------------------- numerical_gradient
def _gradient(student, f, x, *h):
    """Call numerical_gradient; x may be changed during the call but must hold its values after."""
    got = student.call("numerical_gradient", f, x, *h, mutates=(1,))
    after = student.last.args_after[1]
    kept = (type(after) is torch.Tensor and after.shape == x.shape
            and bool(torch.allclose(after.to(torch.float64), x, atol=1e-12, rtol=1e-12)))
    expect.true(kept, f"{student.last.desc} changed x: x must hold its original values afterwards "
                      "(perturb a copy, or put each old value back)")
    return got


@function("numerical_gradient")
def test_numerical_gradient_example(student):
    """文档示例：f(x) = (x**2).sum() 在 [1, 2, -3] 处的梯度 ≈ 2x = [2, 4, -6]；调用后 x 不变。
    Docstring example: the gradient of (x**2).sum() at [1, 2, -3] is ≈ 2x = [2, 4, -6]; x is unchanged afterwards."""
    x = torch.tensor([1.0, 2.0, -3.0], dtype=torch.float64)
    got = _gradient(student, sum_of_squares, x)
    expect.tensor(got, torch.tensor([2.0, 4.0, -6.0], dtype=torch.float64), dtype="floating",
                  atol=1e-6, rtol=0)


@function("numerical_gradient")
def test_numerical_gradient_given_step(student):
    """必须用传入的 h：(x**3).sum() 在 [1, 2] 处、h = 0.5 时每个分量为 3x² + h² = [3.25, 12.25]。
    The given h must be used: for (x**3).sum() at [1, 2] with h = 0.5 each component is 3x² + h² = [3.25, 12.25]."""
    x = torch.tensor([1.0, 2.0], dtype=torch.float64)
    got = _gradient(student, sum_of_cubes, x, 0.5)
    expect.tensor(got, torch.tensor([3.25, 12.25], dtype=torch.float64), dtype="floating",
                  atol=1e-7, rtol=0)


# --------------------------------------------------------------------------- tangent_line
def _check_tangent(student, got, slope, intercept, atol):
    expect.true(isinstance(got, tuple) and len(got) == 2,
                f"{student.last.desc} must return a tuple (slope, intercept)")
    expect.scalar(got[0], slope, kind=float, atol=atol, rtol=0, what=f"{student.last.desc}[0] (slope)")
    expect.scalar(got[1], intercept, kind=float, atol=atol, rtol=0,
                  what=f"{student.last.desc}[1] (intercept)")


@function("tangent_line")
def test_tangent_line_example(student):
    """文档示例：x² 在 x0 = 1 处的切线 y = 2x − 1，即 (slope, intercept) ≈ (2, −1)。
    Docstring example: the tangent of x² at x0 = 1 is y = 2x − 1, i.e. (slope, intercept) ≈ (2, −1)."""
    _check_tangent(student, student.tangent_line(square, 1.0), 2.0, -1.0, atol=1e-6)


@function("tangent_line")
def test_tangent_line_given_step(student):
    """用传入的 h：x³ 在 2 处、h = 0.5 时斜率 12.25，切线过 (2, 8)，截距 8 − 24.5 = −16.5。
    Use the given h: x³ at 2, h = 0.5 has slope 12.25; through (2, 8) the intercept is 8 − 24.5 = −16.5."""
    _check_tangent(student, student.tangent_line(cube, 2.0, 0.5), 12.25, -16.5, atol=1e-7)


# ----------------------------------------------------------------------------- chain_rule
@function("chain_rule")
def test_chain_rule_example(student):
    """文档示例：chain_rule(3.0, 2.0) = 3·2 = 6.0；再如 (−0.5)·4 = −2.0。
    Docstring example: chain_rule(3.0, 2.0) = 3·2 = 6.0; also (−0.5)·4 = −2.0."""
    expect.scalar(student.chain_rule(3.0, 2.0), 6.0, kind=float)
    expect.scalar(student.chain_rule(-0.5, 4.0), -2.0, kind=float)


# -------------------------------------------------------------------- gradient_descent_1d
@function("gradient_descent_1d")
def test_gradient_descent_1d_example(student):
    """文档示例：df(x) = 2x，x0 = 1，lr = 0.25，2 步 → [1.0, 0.5, 0.25]（含起点，共 steps+1 个）。
    Docstring example: df(x) = 2x, x0 = 1, lr = 0.25, 2 steps → [1.0, 0.5, 0.25] (start included, steps+1 values)."""
    expect.close_list(student.gradient_descent_1d(double, 1.0, 0.25, 2), [1.0, 0.5, 0.25],
                      atol=1e-9)


@function("gradient_descent_1d")
def test_gradient_descent_1d_more_and_zero_steps(student):
    """从 −2 出发、lr = 0.1 走 3 步：每步 x ← x − 0.1·2x，向 0 靠近；0 步时只有起点。
    From −2 with lr = 0.1, 3 steps of x ← x − 0.1·2x move towards 0; with 0 steps only the start."""
    expect.close_list(student.gradient_descent_1d(double, -2.0, 0.1, 3), [-2.0, -1.6, -1.28, -1.024],
                      atol=1e-9)
    expect.close_list(student.gradient_descent_1d(double, 5.0, 0.1, 0), [5.0], atol=1e-9)


# ----------------------------------------------------------------------- derivative_shape
@function("derivative_shape")
def test_derivative_shape_example(student):
    """标量对标量得标量 ()，标量对向量得向量 (3,)，向量对向量得矩阵 (2, 3)。
    Scalar by scalar is a scalar (), scalar by vector a vector (3,), vector by vector a matrix (2, 3)."""
    expect.equal(student.derivative_shape((), ()), ())
    expect.equal(student.derivative_shape((), (3,)), (3,))
    expect.equal(student.derivative_shape((2,), (3,)), (2, 3))


@function("derivative_shape")
def test_derivative_shape_matrix_cases(student):
    """一般规则是 y_shape + x_shape：(2, 3) 对 (4,) 得 (2, 3, 4)；(5,) 对标量得 (5,)。
    The general rule is y_shape + x_shape: (2, 3) by (4,) is (2, 3, 4); (5,) by a scalar is (5,)."""
    expect.equal(student.derivative_shape((2, 3), (4,)), (2, 3, 4))
    expect.equal(student.derivative_shape((), (2, 2)), (2, 2))
    expect.equal(student.derivative_shape((5,), ()), (5,))

"""Day 1 · 导数、链式法则、优化 (calculus).

笔记 Day1「导数」「链式法则」「优化方法」：用差商近似导数（中心差分比单侧差分更准），
切线、链式法则、梯度下降，以及求导结果的形状——「标量和标量求导，得到标量；标量和向量求导，
得到向量；向量和向量求导，得到矩阵」。

Day 1 notes, "derivatives", "chain rule", "optimisation": approximating derivatives by
difference quotients (the central difference is more accurate than a one-sided one), tangent
lines, the chain rule, gradient descent, and the shape of a derivative — "scalar by scalar is a
scalar, scalar by vector a vector, vector by vector a matrix".
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """用中心差分 ``(f(x+h) - f(x-h)) / (2h)`` 近似 f 在 x 处的导数，返回 Python float。

    中心差分的误差约为 h² 量级，而前向差分 ``(f(x+h) - f(x)) / h`` 的误差约为 h 量级。
    必须使用参数 h。

    例：``numerical_derivative(lambda t: t**2, 3.0)`` ≈ ``6.0``。

    Central difference ``(f(x+h) - f(x-h)) / (2h)`` as a Python float (error ~h², where the
    forward difference ``(f(x+h) - f(x)) / h`` has error ~h). Use the given h.
    Example: ``numerical_derivative(lambda t: t**2, 3.0)`` ≈ 6.0.
    """
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f: Callable[[Tensor], Tensor], x: Tensor, h: float = 1e-4) -> Tensor:
    """标量函数 f 在一维 float64 张量 x 处的梯度，每个分量用中心差分：
    ``(f(x + h·e_i) - f(x - h·e_i)) / (2h)``，e_i 为第 i 个单位向量。

    返回与 x 形状相同的浮点张量。调用结束后 x 的值必须保持不变（可以复制 x 再扰动，
    或原地扰动后恢复原值）。

    例：f(x) = (x**2).sum() 时，梯度约为 ``2 * x``。

    Gradient of the scalar function f at the 1-D float64 tensor x, each component by a central
    difference ``(f(x + h·e_i) - f(x - h·e_i)) / (2h)``. Returns a floating tensor of x's
    shape; x must hold its original values afterwards (perturb a copy, or restore the value).
    Example: for f(x) = (x**2).sum() the gradient is ≈ 2x.
    """
    grad = torch.zeros_like(x)
    for i in range(x.numel()):
        step = torch.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def tangent_line(f: Callable[[float], float], x0: float, h: float = 1e-4) -> tuple[float, float]:
    """返回 f 在 x0 处切线 ``y = slope·x + intercept`` 的 ``(slope, intercept)``。

    斜率用中心差分求；切线经过点 ``(x0, f(x0))``，所以 ``intercept = f(x0) - slope·x0``。

    例：f(x) = x² 在 x0 = 1 处：slope ≈ 2，intercept ≈ -1（切线 y = 2x - 1）。

    ``(slope, intercept)`` of the tangent ``y = slope·x + intercept`` at x0: slope by central
    difference; the line passes through ``(x0, f(x0))``, so ``intercept = f(x0) - slope·x0``.
    Example: x² at 1 → (≈2, ≈-1).
    """
    slope = (f(x0 + h) - f(x0 - h)) / (2 * h)
    return slope, f(x0) - slope * x0


def chain_rule(df_du: float, du_dx: float) -> float:
    """链式法则：y = f(u)，u = u(x) 时 ``dy/dx = dy/du · du/dx``。

    例：``chain_rule(3.0, 2.0)`` → ``6.0``。

    Chain rule for y = f(u(x)): ``dy/dx = dy/du · du/dx``. Example: ``chain_rule(3.0, 2.0)`` → 6.0.
    """
    return df_du * du_dx


def gradient_descent_1d(df: Callable[[float], float], x0: float, lr: float, steps: int) -> list[float]:
    """一维梯度下降：从 x0 出发重复 ``x ← x − lr·df(x)`` 共 ``steps`` 次，
    返回所有位置 ``[x0, x1, …, x_steps]``（长度 steps+1，包含起点）。

    df 是导函数（不是 f 本身）。

    例：df(x) = 2x（f = x²），x0 = 1，lr = 0.25，steps = 2 → ``[1.0, 0.5, 0.25]``。

    1-D gradient descent: starting at x0, apply ``x ← x − lr·df(x)`` ``steps`` times and return
    every position ``[x0, x1, …, x_steps]`` (length steps+1, start included). df is the
    derivative. Example: df(x) = 2x, x0 = 1, lr = 0.25, steps = 2 → [1.0, 0.5, 0.25].
    """
    xs = [x0]
    x = x0
    for _ in range(steps):
        x = x - lr * df(x)
        xs.append(x)
    return xs


def derivative_shape(y_shape: tuple[int, ...], x_shape: tuple[int, ...]) -> tuple[int, ...]:
    """dy/dx 的形状：``y_shape + x_shape``。

    笔记：「标量和标量求导，得到标量；标量和向量求导，得到向量；向量和向量求导，得到矩阵」。
    标量的形状是 ``()``。

    例：``derivative_shape((), ())`` → ``()``；``derivative_shape((), (3,))`` → ``(3,)``；
    ``derivative_shape((2,), (3,))`` → ``(2, 3)``。

    Shape of dy/dx: ``y_shape + x_shape`` (scalar by scalar → scalar, scalar by vector → vector,
    vector by vector → matrix; a scalar's shape is ``()``). Example: (2,) and (3,) → (2, 3).
    """
    return tuple(y_shape) + tuple(x_shape)

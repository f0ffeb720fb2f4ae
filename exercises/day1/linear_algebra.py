"""Day 1 · 线性代数 (linear algebra).

笔记 Day1「线性代数」：沿指定轴求和以降低维度（``A.sum(axis=0)``）、``keepdims=True``
保持轴数不变以便广播、均值、累积求和；点积、矩阵-向量积 ``torch.mv``、矩阵乘法
``torch.mm``、通用乘法 ``torch.matmul`` / ``@``（支持批量与广播）；范数 ``torch.norm``。

Day 1 notes, "linear algebra": reducing along an axis (``A.sum(axis=0)``), ``keepdims=True`` to
keep the number of axes for broadcasting, means, cumulative sums; dot products, matrix-vector
products ``torch.mv``, matrix products ``torch.mm``, the general ``torch.matmul`` / ``@`` (batches
and broadcasting); norms with ``torch.norm``.
"""

from __future__ import annotations

import torch
from torch import Tensor


def sum_along(A: Tensor, axis: int) -> Tensor:
    """沿 ``axis`` 求和，并去掉这个轴。

    笔记：``A`` 形状为 ``(5, 4)`` 时，``A.sum(axis=0)`` 形状为 ``(4,)``，``A.sum(axis=1)``
    形状为 ``(5,)``。axis 可以为负数（``-1`` 表示最后一个轴）。

    Sum along ``axis`` and remove that axis: for A of shape (5, 4), ``A.sum(axis=0)`` has shape
    (4,) and ``A.sum(axis=1)`` shape (5,). ``axis`` may be negative.
    """
    # TODO: A.sum with dim=axis.
    raise NotImplementedError("sum_along")


def sum_keepdims(A: Tensor, axis: int) -> Tensor:
    """沿 ``axis`` 求和，但保留这个轴（长度变为 1）。

    笔记：「通过某个维度求和，并且不把维度丢掉」``A.sum(axis=1, keepdims=True)``，
    ``(5, 4)`` → ``(5, 1)``。

    Sum along ``axis`` keeping it with size 1: ``A.sum(axis=1, keepdims=True)`` turns (5, 4)
    into (5, 1).
    """
    # TODO: A.sum with keepdim=True.
    raise NotImplementedError("sum_keepdims")


def row_normalize(A: Tensor) -> Tensor:
    """返回 A 的每一行除以该行元素之和（二维 A，结果每行之和为 1）。

    笔记：保持轴数不变（``keepdims=True``）后，``A / sum_A`` 可以通过广播逐行相除。
    不加 keepdims 时形状 ``(n,)`` 会被对齐到最后一维，结果是错的（或直接报错）。

    Divide each row of the 2-D tensor A by its row sum (so every row sums to 1), broadcasting a
    ``keepdims=True`` sum. Without keepdims the (n,) sums align with the last axis instead.
    """
    # TODO: divide by the row sums, kept as a column (keepdim).
    raise NotImplementedError("row_normalize")


def mean_along(A: Tensor, axis: int) -> Tensor:
    """沿 ``axis`` 求均值（A 为浮点张量），去掉这个轴。

    等价于 ``A.sum(axis) / A.shape[axis]``。

    Mean along ``axis`` of a floating tensor, removing the axis; equals
    ``A.sum(axis) / A.shape[axis]``.
    """
    # TODO: A.mean with dim=axis.
    raise NotImplementedError("mean_along")


def cumulative_sum(A: Tensor, axis: int) -> Tensor:
    """沿 ``axis`` 计算累积和（前缀和），形状与 A 相同。

    例：``cumulative_sum(torch.tensor([[1, 2], [3, 4]]), 0)`` → ``[[1, 2], [4, 6]]``。

    Running (prefix) sum along ``axis``, same shape as A (``A.cumsum(axis)``).
    Example: ``[[1, 2], [3, 4]]`` along axis 0 → ``[[1, 2], [4, 6]]``.
    """
    # TODO: torch.cumsum.
    raise NotImplementedError("cumulative_sum")


def dot(x: Tensor, y: Tensor) -> Tensor:
    """两个一维向量的点积（对应元素相乘再求和），结果是 0 维张量。

    Dot product of two 1-D tensors (sum of element-wise products) as a 0-d tensor
    (``torch.dot(x, y)`` or ``(x * y).sum()``).
    """
    # TODO: torch.dot or multiply then sum.
    raise NotImplementedError("dot")


def matvec(A: Tensor, x: Tensor) -> Tensor:
    """矩阵 × 向量：A 形状 ``(m, n)``，x 形状 ``(n,)``，结果形状 ``(m,)``。

    笔记表格：``torch.mv(A, x)``——matrix vector，A 为 2D，x 为 1D。

    Matrix × vector with ``torch.mv`` semantics: A (m, n), x (n,) → (m,).
    """
    # TODO: torch.mv.
    raise NotImplementedError("matvec")


def matmul(A: Tensor, B: Tensor) -> Tensor:
    """矩阵 × 矩阵：A 形状 ``(n, m)``，B 形状 ``(m, p)``，结果形状 ``(n, p)``（只处理二维）。

    笔记表格：``torch.mm(A, B)``——matrix matrix。注意不是按元素乘 ``A * B``。

    Matrix × matrix with ``torch.mm`` semantics (2-D only): (n, m) @ (m, p) → (n, p). Not the
    element-wise ``A * B``.
    """
    # TODO: torch.mm.
    raise NotImplementedError("matmul")


def batched_matmul(A: Tensor, B: Tensor) -> Tensor:
    """通用矩阵乘法，``torch.matmul`` / ``@`` 的语义：最后两维做矩阵乘法，前面的维度是批量维，
    并且按广播规则对齐。

    例：``(10, 2, 3) @ (3, 4)`` → ``(10, 2, 4)``；``(2, 1, 2, 3) @ (5, 3, 4)`` → ``(2, 5, 2, 4)``。
    笔记表格：``torch.matmul(a, b) / @``——兼容 1D/2D/高维，广播。

    General matrix product with ``torch.matmul`` / ``@`` semantics: the last two axes are
    multiplied as matrices, leading axes are batch axes that broadcast.
    Example: (10, 2, 3) @ (3, 4) → (10, 2, 4); (2, 1, 2, 3) @ (5, 3, 4) → (2, 5, 2, 4).
    """
    # TODO: torch.matmul or @.
    raise NotImplementedError("batched_matmul")


def l2_norm(x: Tensor) -> Tensor:
    """向量的 L2 范数（欧几里得长度）：各元素平方和的平方根，0 维张量。

    笔记：``torch.norm()`` 求范数。例：``l2_norm(torch.tensor([3., -4.]))`` → ``tensor(5.)``。

    Euclidean (L2) norm of a vector: square root of the sum of squares, as a 0-d tensor
    (``torch.norm(x)``). Example: ``[3., -4.]`` → ``tensor(5.)``.
    """
    # TODO: torch.norm, or the square root of the sum of squares.
    raise NotImplementedError("l2_norm")


def l1_norm(x: Tensor) -> Tensor:
    """向量的 L1 范数：各元素绝对值之和，0 维张量。

    例：``l1_norm(torch.tensor([3., -4.]))`` → ``tensor(7.)``。

    L1 norm: sum of absolute values, as a 0-d tensor. Example: ``[3., -4.]`` → ``tensor(7.)``.
    """
    # TODO: absolute values, then sum.
    raise NotImplementedError("l1_norm")


def frobenius_norm(A: Tensor) -> Tensor:
    """矩阵的 Frobenius 范数：所有元素平方和的平方根，0 维张量。

    例：``frobenius_norm(torch.ones(4, 9))`` → ``tensor(6.)``。

    Frobenius norm of a matrix: square root of the sum of squares of all elements, 0-d
    (``torch.norm(A)``). Example: ``torch.ones(4, 9)`` → ``tensor(6.)``.
    """
    # TODO: square root of the sum of all squared elements.
    raise NotImplementedError("frobenius_norm")


def reduced_shape(shape: tuple[int, ...], axis: int, keepdims: bool = False) -> tuple[int, ...]:
    """不创建张量，推算形状为 ``shape`` 的 A 执行 ``A.sum(axis, keepdims)`` 后的形状。

    axis 可以为负数（``-1`` 为最后一个轴）。keepdims 为 False 时去掉该轴，为 True 时该轴长度变为 1。

    例：``reduced_shape((5, 4), 0)`` → ``(4,)``；``reduced_shape((5, 4), 1, True)`` → ``(5, 1)``；
    ``reduced_shape((2, 3, 4), -1)`` → ``(2, 3)``。

    Work out, without building a tensor, the shape of ``A.sum(axis, keepdims)`` for an A of shape
    ``shape``; negative axes count from the end. keepdims=False removes the axis, True keeps it
    with size 1. Example: ``reduced_shape((5, 4), 1, True)`` → ``(5, 1)``.
    """
    # TODO: normalise a negative axis first, then build the tuple.
    raise NotImplementedError("reduced_shape")

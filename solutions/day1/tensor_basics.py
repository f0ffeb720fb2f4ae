"""Day 1 · 数据操作 (tensor basics).

笔记 Day1「torch数组基本操作」：创建张量（arange / reshape / zeros / ones）、切片（``1:3`` 左闭右开，
``::3`` 三个一跳）、按元素运算、拼接（dim=0 按行，dim=1 按列）、逻辑运算得到布尔张量、
求和得到单元素张量、广播机制，以及原地操作节省内存。

Day 1 notes, "basic tensor operations": creating tensors (arange / reshape / zeros / ones),
slicing (``1:3`` is half-open, ``::3`` takes every third element), element-wise arithmetic,
concatenation (dim=0 stacks rows, dim=1 columns), comparisons giving bool tensors, sums giving a
one-element tensor, broadcasting, and in-place updates that save memory.
"""

from __future__ import annotations

import torch
from torch import Tensor


def grid(rows: int, cols: int) -> Tensor:
    """返回 ``0 .. rows*cols-1`` 按行优先排成 ``rows×cols`` 的 int64 张量。

    笔记里的 ``x = torch.arange(12)``、``X = x.reshape(3, 4)``：先生成一维序列，再改变形状
    （元素个数和元素值都不变）。

    例：``grid(2, 3)`` → ``tensor([[0, 1, 2], [3, 4, 5]])``，dtype ``torch.int64``。

    Return ``0 .. rows*cols-1`` laid out row-major as a ``rows×cols`` int64 tensor, like the
    notes' ``torch.arange(12).reshape(3, 4)``.

    Example: ``grid(2, 3)`` → ``tensor([[0, 1, 2], [3, 4, 5]])`` (dtype ``torch.int64``).
    """
    return torch.arange(rows * cols).reshape(rows, cols)


def slice_range(x: Tensor, start: int, stop: int) -> Tensor:
    """返回 ``x[start:stop]``（沿第 0 维切片）。

    笔记：「1:3 表示左闭右开」——包含 start，不包含 stop。遵循 Python 切片规则：负数下标从末尾
    数起，越界的下标会被截断而不会报错。

    例：``slice_range(torch.arange(5), 1, 3)`` → ``tensor([1, 2])``；
    ``slice_range(torch.arange(5), -2, 99)`` → ``tensor([3, 4])``。

    Return ``x[start:stop]`` along dim 0. Half-open like Python slices ("1:3 左闭右开"):
    negative indices count from the end, indices past the end are clipped.

    Example: ``slice_range(torch.arange(5), 1, 3)`` → ``tensor([1, 2])``.
    """
    return x[start:stop]


def every_kth(x: Tensor, k: int) -> Tensor:
    """返回沿第 0 维、从下标 0 开始每隔 k 个取一个的元素。

    笔记：「::3 表示三个一跳」。

    例：``every_kth(torch.arange(7), 3)`` → ``tensor([0, 3, 6])``。

    Return every k-th element along dim 0, starting at index 0 (the notes' ``::3``).

    Example: ``every_kth(torch.arange(7), 3)`` → ``tensor([0, 3, 6])``.
    """
    return x[::k]


def constants(shape: tuple[int, ...]) -> tuple[Tensor, Tensor]:
    """返回 ``(全 0 张量, 全 1 张量)``，形状为 ``shape``，dtype 为 float32。

    笔记：``torch.zeros(3, 4)``、``torch.ones((2, 3, 4))``。

    例：``constants((2, 3))`` → ``(tensor([[0., 0., 0.], [0., 0., 0.]]),
    tensor([[1., 1., 1.], [1., 1., 1.]]))``。

    Return ``(zeros, ones)`` of the given shape, both float32 (``torch.zeros`` / ``torch.ones``).
    """
    return torch.zeros(shape), torch.ones(shape)


def elementwise(x: Tensor, y: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    """返回 ``(x+y, x-y, x*y, x/y, x**y)``，全部按元素计算。

    笔记：「常见的标准算术运算符(+-*/**)都可以被升级为按元素运算」。注意 ``/`` 是真除法
    （整数相除也得到浮点数），不是整除 ``//``。

    例：``x = torch.tensor([1.0, 2, 4, 8])``，``y = torch.tensor([2, 2, 2, 2])`` 时
    ``x / y`` 为 ``tensor([0.5, 1., 2., 4.])``，``x ** y`` 为 ``tensor([1., 4., 16., 64.])``。

    Return ``(x+y, x-y, x*y, x/y, x**y)``, all element-wise. ``/`` is true division (even for
    integer tensors), not floor division ``//``.
    """
    return x + y, x - y, x * y, x / y, x ** y


def concat_both(X: Tensor, Y: Tensor) -> tuple[Tensor, Tensor]:
    """返回 ``(沿 dim=0 拼接, 沿 dim=1 拼接)``，X 在前、Y 在后。

    笔记：「dim=0 在 0 维合并（按行），dim=1 按列」。拼接（cat）不会新增维度。

    例：X、Y 都是 3×4 时，结果形状为 ``(6, 4)`` 和 ``(3, 8)``。

    Return ``(torch.cat((X, Y), dim=0), torch.cat((X, Y), dim=1))``: rows stacked, then columns
    side by side. Concatenation adds no new axis: two 3×4 inputs give (6, 4) and (3, 8).
    """
    return torch.cat((X, Y), dim=0), torch.cat((X, Y), dim=1)


def equal_mask(X: Tensor, Y: Tensor) -> Tensor:
    """返回布尔张量（dtype ``torch.bool``），X 与 Y 对应元素相等处为 True。

    笔记：「通过逻辑运算符构建二元张量」``X == Y``。

    例：``equal_mask(torch.tensor([1, 2]), torch.tensor([1, 3]))`` → ``tensor([True, False])``。

    Return a ``torch.bool`` tensor that is True where X and Y are equal (the notes' ``X == Y``).
    """
    return X == Y


def total(X: Tensor) -> Tensor:
    """返回 X 所有元素之和，是一个 0 维张量（不是 Python 数字）。

    笔记：「对张量中的所有元素进行求和，会产生一个单元素张量」``X.sum()`` → ``tensor(66.)``。

    Return the sum of all elements as a 0-d tensor (``X.sum()``), not a Python number.
    """
    return X.sum()


def broadcast_add(a: Tensor, b: Tensor) -> Tensor:
    """返回 ``a + b``，形状不同时按广播机制扩展。

    笔记：``a = torch.arange(3).reshape((3, 1))``、``b = torch.arange(2).reshape((1, 2))``，
    ``a + b`` 的形状是 ``(3, 2)``：a 沿列复制，b 沿行复制。

    Return ``a + b`` with broadcasting, e.g. shapes (3, 1) + (1, 2) → (3, 2).
    """
    return a + b


def add_into(X: Tensor, Y: Tensor) -> Tensor:
    """把 Y **原地**加到 X 上，并返回 X 本身（同一个对象、同一块内存）。

    笔记里的节省内存：``X += Y`` 或 ``X[:] = X + Y`` 不会分配新的张量；而 ``X = X + Y``
    会让名字 X 指向一个新张量（``id(X)`` 改变），调用者手里的 X 并没有变。

    例：``X = torch.zeros(2)``；``add_into(X, torch.ones(2)) is X`` 为 True，之后 X 为 ``[1., 1.]``。

    Add Y into X **in place** and return X itself (same object, same storage). ``X += Y`` or
    ``X[:] = X + Y`` work in place; ``X = X + Y`` only rebinds a local name to a new tensor.
    """
    X += Y
    return X


def broadcast_shape(shape_a: tuple[int, ...], shape_b: tuple[int, ...]) -> tuple[int, ...] | None:
    """按广播规则手工推算 ``a + b`` 的形状；不兼容时返回 None。

    规则：把两个形状右对齐，短的在左边补 1；逐维比较，两者相等、或其中一个为 1 时兼容，
    结果取不为 1 的那个（都为 1 则为 1）；否则不兼容。大小为 0 的维度同样适用：0 与 1 得 0，
    0 与 3 不兼容。

    例：``broadcast_shape((3, 1), (1, 2))`` → ``(3, 2)``；``broadcast_shape((2, 3), (3,))``
    → ``(2, 3)``；``broadcast_shape((2, 3), (2,))`` → ``None``。

    Work out by the broadcasting rule the shape ``a + b`` would have, or None when incompatible:
    align the shapes on the right (pad the shorter with 1s on the left); per dimension the sizes
    must be equal or one of them 1, and the result takes the other one. Size-0 dimensions follow
    the same rule (0 with 1 → 0, 0 with 3 → incompatible).
    """
    n = max(len(shape_a), len(shape_b))
    a = (1,) * (n - len(shape_a)) + tuple(shape_a)
    b = (1,) * (n - len(shape_b)) + tuple(shape_b)
    out = []
    for da, db in zip(a, b):
        if da == db or db == 1:
            out.append(da)
        elif da == 1:
            out.append(db)
        else:
            return None
    return tuple(out)

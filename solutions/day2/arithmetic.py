"""基本运算：加减乘除与取反（普通版与带下划线的就地版）、点乘（逐元素相乘）与矩阵乘法。

Basic arithmetic: add/sub/mul/div/neg (new tensor) vs `add_`/`mul_` … (in place, like pandas'
`inplace=True`), the element-wise product (点乘) and the matrix product (`@`).
See the notes, Day 2 "张量的基本运算", "张量的点乘和矩阵乘法".
"""
import torch
from torch import Tensor


def add_scalar(t: Tensor, v) -> Tensor:
    """返回新张量 `t + v`（每个元素都加 v），t 本身不变。

    Return a new tensor `t + v` (v is added to every element); t itself is unchanged.

    例 / Example::

        t = torch.tensor([1, 2, 3])
        add_scalar(t, 10)    # tensor([11, 12, 13]); t is still tensor([1, 2, 3])
    """
    return t.add(v)


def add_scalar_(t: Tensor, v) -> Tensor:
    """**就地**给 t 的每个元素加 v（`add_`），并返回 t 本身（同一个对象）。

    Add v to every element of t **in place** (`add_`, the underscore version) and return t
    itself — the same object, not a new tensor.

    例 / Example::

        t = torch.tensor([1., 2.])
        r = add_scalar_(t, 0.5)    # r is t; t is now tensor([1.5, 2.5])
    """
    return t.add_(v)


def scale_(t: Tensor, v) -> Tensor:
    """**就地**把 t 的每个元素乘以 v（`mul_`），并返回 t 本身。

    Multiply every element of t by v **in place** (`mul_`) and return t itself.

    例 / Example::

        t = torch.tensor([1., 2.])
        r = scale_(t, 3)      # r is t; t is now tensor([3., 6.])
    """
    return t.mul_(v)


def negate(t: Tensor) -> Tensor:
    """返回新张量 −t（`neg()`），t 本身不变。

    Return a new tensor −t (`neg()`); t itself is unchanged.

    例 / Example::

        negate(torch.tensor([1, -2, 3]))    # tensor([-1,  2, -3])
    """
    return t.neg()


def hadamard(a: Tensor, b: Tensor) -> Tensor:
    """点乘（逐元素相乘，Hadamard 积）：`a * b` 或 `a.mul(b)`，要求 a、b 形状相同。

    Element-wise (Hadamard) product `a * b` / `a.mul(b)` of two tensors of the same shape —
    what the notes call 点乘. Not the matrix product, not a sum.

    例 / Example::

        a = torch.tensor([[1, 2, 3], [4, 5, 6]])
        hadamard(a, a)    # tensor([[ 1,  4,  9], [16, 25, 36]])
    """
    return a * b


def matrix_product(a: Tensor, b: Tensor) -> Tensor:
    """矩阵乘法 `a @ b`（或 `a.matmul(b)`）：(m, k) @ (k, n) → (m, n)。

    Matrix product `a @ b` (or `a.matmul(b)`, `torch.mm`) of two 2-D tensors:
    (m, k) @ (k, n) → (m, n).

    例 / Example::

        a = torch.tensor([[1, 2, 3], [4, 5, 6]])
        b = torch.tensor([[1, 2], [3, 4], [5, 6]])
        matrix_product(a, b)    # tensor([[22, 28], [49, 64]])
    """
    return a @ b


def affine(x: Tensor, w: Tensor, b: Tensor) -> Tensor:
    """仿射变换 `x @ w + b`：x (n, d)，w (d, k)，b (k,) → (n, k)（b 广播到每一行）。

    The affine map `x @ w + b`: x of shape (n, d), w (d, k), b (k,) → (n, k); b is broadcast
    and added to every row.

    例 / Example::

        x = torch.tensor([[1., 2.]]); w = torch.tensor([[1.], [1.]]); b = torch.tensor([0.5])
        affine(x, w, b)    # tensor([[3.5]])
    """
    return x @ w + b

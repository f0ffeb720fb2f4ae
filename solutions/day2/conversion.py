"""类型转换与 NumPy 互操作：`type()`/`.half()`… 转换 dtype；张量 ↔ ndarray 何时共享内存；`item()`。

Type conversion and NumPy interop: changing a tensor's dtype (`type()`, `.half()`, `.float()` …),
which tensor ↔ ndarray conversions share memory and which copy, and `item()`.
See the notes, Day 2 "张量类型转换方法".
"""
import numpy
import torch
from torch import Tensor


def cast(t: Tensor, dtype: torch.dtype) -> Tensor:
    """把 t 转换成 dtype 类型（`t.type(dtype)` 或 `t.to(dtype)`）。

    Return t converted to `dtype` (`t.type(dtype)` or `t.to(dtype)`). Float → integer casts
    truncate toward zero. When t already has that dtype, returning t itself is fine.

    例 / Example::

        cast(torch.tensor([1.7, -2.5]), torch.int16)   # tensor([ 1, -2], dtype=torch.int16)
    """
    return t.to(dtype)


def all_casts(t: Tensor) -> tuple[Tensor, ...]:
    """返回 `(t.half(), t.float(), t.double(), t.short(), t.int(), t.long())`。

    Return the six conversions of the notes, in this order:
    float16, float32, float64, int16, int32, int64
    (`half`, `float`, `double`, `short`, `int`, `long`).

    例 / Example::

        h, f, d, s, i, l = all_casts(torch.tensor([1.5, 2.0]))
        s        # tensor([1, 2], dtype=torch.int16)
    """
    return t.half(), t.float(), t.double(), t.short(), t.int(), t.long()


def to_numpy_shared(t: Tensor) -> numpy.ndarray:
    """张量 → ndarray，且**共享内存**：修改其中一个，另一个也随之改变（`t.numpy()`）。

    Tensor → ndarray that **shares memory** with t: writing into one changes the other
    (`t.numpy()`). Same dtype as t.

    例 / Example::

        t = torch.tensor([1, 2, 3])
        n = to_numpy_shared(t)
        n[0] = 100       # now t[0] == 100 too
    """
    return t.numpy()


def to_numpy_copy(t: Tensor) -> numpy.ndarray:
    """张量 → ndarray 的**独立拷贝**，dtype 与 t 相同（笔记：`t.numpy().copy()`）。

    Tensor → an **independent copy** as an ndarray with t's dtype (notes: `t.numpy().copy()`):
    writing into one does not change the other.

    例 / Example::

        n = to_numpy_copy(torch.tensor([1, 2, 3]))   # array([1, 2, 3]), int64
    """
    return t.numpy().copy()


def from_numpy_shared(a: numpy.ndarray) -> Tensor:
    """ndarray → 张量，且**共享内存**（`torch.from_numpy`），dtype 与 a 相同。

    ndarray → tensor that **shares memory** with a (`torch.from_numpy`); a's dtype is kept.

    例 / Example::

        a = np.array([1, 2, 3])
        t = from_numpy_shared(a)     # tensor([1, 2, 3]), int64
        a[0] = 100                   # now t[0] == 100 too
    """
    return torch.from_numpy(a)


def from_numpy_copy(a: numpy.ndarray) -> Tensor:
    """ndarray → 张量的**独立拷贝**（`torch.tensor(a)`），dtype 与 a 相同。

    ndarray → an **independent** tensor copy with a's dtype (`torch.tensor(a)`).

    例 / Example::

        t = from_numpy_copy(np.array([1.5, 2.5]))    # tensor([1.5, 2.5], dtype=torch.float64)
    """
    return torch.tensor(a)


def scalar(t: Tensor) -> int | float | bool:
    """取出只有一个元素的张量中的 Python 数值（`t.item()`），返回的不是张量。

    The Python number inside a one-element tensor (`t.item()`): an `int` for integer
    tensors, a `float` for floating tensors, a `bool` for bool tensors — not a tensor.

    例 / Example::

        scalar(torch.tensor(100))      # 100 (a Python int)
        scalar(torch.tensor([[2.5]]))  # 2.5 (a Python float)
    """
    return t.item()

"""形状操作：reshape、unsqueeze/squeeze、transpose/permute、view 与 contiguous。

Shape operations: `reshape`, `unsqueeze`/`squeeze`, `transpose`/`permute`, and why `view`
needs a contiguous tensor (`is_contiguous`, `contiguous`).
See the notes, Day 2 "张量形状操作".
"""
import torch
from torch import Tensor


def reshape_to(t: Tensor, shape: tuple[int, ...]) -> Tensor:
    """把 t 变成形状 shape（`reshape` 语义）：shape 中可以有一个 -1（自动推算），不连续的张量也要能用。

    `reshape` semantics: return t's elements (row-major order) in the given shape; one entry
    may be -1 (inferred from the others), and a non-contiguous t (e.g. after `transpose`)
    must work too.

    例 / Example::

        reshape_to(torch.arange(6), (3, -1))    # tensor([[0, 1], [2, 3], [4, 5]])
    """
    return t.reshape(shape)


def add_axis(t: Tensor, dim: int) -> Tensor:
    """`unsqueeze(dim)`：在第 dim 维插入一个大小为 1 的维度（升维）；dim 可以为负。

    `unsqueeze(dim)`: insert a new axis of size 1 at position `dim`; negative dims count from
    the end as in torch (`-1` appends a last axis).

    例 / Example::

        add_axis(torch.zeros(2, 3), 1).shape    # torch.Size([2, 1, 3])
        add_axis(torch.zeros(2, 3), -1).shape   # torch.Size([2, 3, 1])
    """
    return t.unsqueeze(dim)


def drop_unit_axes(t: Tensor) -> Tensor:
    """`squeeze()`：删除**所有**大小为 1 的维度（降维）。

    `squeeze()`: remove **every** axis of size 1.

    例 / Example::

        drop_unit_axes(torch.zeros(2, 1, 1, 3, 1)).shape    # torch.Size([2, 3])
    """
    return t.squeeze()


def swap_axes(t: Tensor, d0: int, d1: int) -> Tensor:
    """`transpose(d0, d1)`：交换两个维度（一次只能交换两个）。

    `transpose(d0, d1)`: swap two axes (the data moves with them — this is not a reshape).

    例 / Example::

        swap_axes(torch.zeros(2, 3, 4), 0, 1).shape   # torch.Size([3, 2, 4])
    """
    return t.transpose(d0, d1)


def reorder_axes(t: Tensor, dims: tuple[int, ...]) -> Tensor:
    """`permute(dims)`：按 dims 重新排列所有维度，新的第 k 维是原来的第 dims[k] 维。

    `permute(dims)`: reorder all axes; new axis k is old axis `dims[k]`.

    例 / Example::

        reorder_axes(torch.zeros(2, 3, 4), (2, 0, 1)).shape   # torch.Size([4, 2, 3])
    """
    return t.permute(dims)


def flatten_any(t: Tensor) -> Tensor:
    """把任意张量展平成一维（按逻辑上的行优先顺序）；对 transpose 后不连续的张量也要能用。

    Flatten any tensor to 1-D in row-major order of its logical layout. Must also work on a
    non-contiguous tensor (after `transpose`/`permute`), where a bare `view(-1)` raises:
    use `reshape(-1)`, `flatten()`, or `contiguous()` before `view`.

    例 / Example::

        flatten_any(torch.tensor([[1, 2], [3, 4]]).T)   # tensor([1, 3, 2, 4])
    """
    return t.reshape(-1)


def viewable(t: Tensor) -> bool:
    """能否直接对 t 使用 `view`，即 t 是否连续（`is_contiguous()`），返回 Python 的 bool。

    Whether `view` can be used on t directly, i.e. whether t is contiguous
    (`is_contiguous()`); return a Python bool.

    例 / Example::

        t = torch.zeros(2, 3)
        viewable(t), viewable(t.transpose(0, 1))    # (True, False)
    """
    return t.is_contiguous()

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
    # TODO: a method that accepts -1 and non-contiguous tensors
    raise NotImplementedError("reshape_to")


def add_axis(t: Tensor, dim: int) -> Tensor:
    """`unsqueeze(dim)`：在第 dim 维插入一个大小为 1 的维度（升维）；dim 可以为负。

    `unsqueeze(dim)`: insert a new axis of size 1 at position `dim`; negative dims count from
    the end as in torch (`-1` appends a last axis).

    例 / Example::

        add_axis(torch.zeros(2, 3), 1).shape    # torch.Size([2, 1, 3])
        add_axis(torch.zeros(2, 3), -1).shape   # torch.Size([2, 3, 1])
    """
    # TODO: the raise-a-dimension method of the notes (升维)
    raise NotImplementedError("add_axis")


def drop_unit_axes(t: Tensor) -> Tensor:
    """`squeeze()`：删除**所有**大小为 1 的维度（降维）。

    `squeeze()`: remove **every** axis of size 1.

    例 / Example::

        drop_unit_axes(torch.zeros(2, 1, 1, 3, 1)).shape    # torch.Size([2, 3])
    """
    # TODO: the lower-dimension method of the notes (降维)
    raise NotImplementedError("drop_unit_axes")


def swap_axes(t: Tensor, d0: int, d1: int) -> Tensor:
    """`transpose(d0, d1)`：交换两个维度（一次只能交换两个）。

    `transpose(d0, d1)`: swap two axes (the data moves with them — this is not a reshape).

    例 / Example::

        swap_axes(torch.zeros(2, 3, 4), 0, 1).shape   # torch.Size([3, 2, 4])
    """
    # TODO: the method that swaps exactly two axes
    raise NotImplementedError("swap_axes")


def reorder_axes(t: Tensor, dims: tuple[int, ...]) -> Tensor:
    """`permute(dims)`：按 dims 重新排列所有维度，新的第 k 维是原来的第 dims[k] 维。

    `permute(dims)`: reorder all axes; new axis k is old axis `dims[k]`.

    例 / Example::

        reorder_axes(torch.zeros(2, 3, 4), (2, 0, 1)).shape   # torch.Size([4, 2, 3])
    """
    # TODO: the method that reorders all axes at once
    raise NotImplementedError("reorder_axes")


def flatten_any(t: Tensor) -> Tensor:
    """把任意张量展平成一维（按逻辑上的行优先顺序）；对 transpose 后不连续的张量也要能用。

    Flatten any tensor to 1-D in row-major order of its logical layout. Must also work on a
    non-contiguous tensor (after `transpose`/`permute`), where a bare `view(-1)` raises:
    use `reshape(-1)`, `flatten()`, or `contiguous()` before `view`.

    例 / Example::

        flatten_any(torch.tensor([[1, 2], [3, 4]]).T)   # tensor([1, 3, 2, 4])
    """
    # TODO: reshape(-1) / flatten() work on non-contiguous tensors; view(-1) does not
    raise NotImplementedError("flatten_any")


def viewable(t: Tensor) -> bool:
    """能否直接对 t 使用 `view`，即 t 是否连续（`is_contiguous()`），返回 Python 的 bool。

    Whether `view` can be used on t directly, i.e. whether t is contiguous
    (`is_contiguous()`); return a Python bool.

    例 / Example::

        t = torch.zeros(2, 3)
        viewable(t), viewable(t.transpose(0, 1))    # (True, False)
    """
    # TODO: ask the tensor whether it is contiguous
    raise NotImplementedError("viewable")

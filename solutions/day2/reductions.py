"""常用运算函数：按行/列求和、max 及其索引、mean（需要浮点数）、pow/sqrt/exp/log。

Reductions and element-wise math: sums along dim 0 / dim 1, `max` with indices, `mean`
(which needs a floating tensor), and `pow`, `sqrt`, `exp`, `log`.
See the notes, Day 2 "张量常用运算函数".
"""
import torch
from torch import Tensor


def column_sums(t: Tensor) -> Tensor:
    """按列求和：沿 dim 0 求和（`t.sum(dim=0)`），(m, n) → (n,)。

    Column sums: sum along dim 0 (`t.sum(dim=0)`), shape (m, n) → (n,).

    例 / Example::

        column_sums(torch.tensor([[1, 2, 3], [4, 5, 6]]))   # tensor([5, 7, 9])
    """
    return t.sum(dim=0)


def row_sums(t: Tensor) -> Tensor:
    """按行求和：沿 dim 1 求和（`t.sum(dim=1)`），(m, n) → (m,)。

    Row sums: sum along dim 1 (`t.sum(dim=1)`), shape (m, n) → (m,).

    例 / Example::

        row_sums(torch.tensor([[1, 2, 3], [4, 5, 6]]))      # tensor([ 6, 15])
    """
    return t.sum(dim=1)


def max_with_index(t: Tensor, dim: int) -> tuple[Tensor, Tensor]:
    """沿 dim 取最大值，返回 `(values, indices)`：最大值及其在 dim 上的位置（int64）。

    Maximum along `dim`: return the tuple `(values, indices)` — the maxima and where they are
    along `dim` (int64). `dim` is removed from the shape.

    例 / Example::

        max_with_index(torch.tensor([[1, 5, 3], [4, 2, 6]]), 1)
        # (tensor([5, 6]), tensor([1, 2]))
    """
    values, indices = t.max(dim=dim)
    return values, indices


def float_mean(t: Tensor, dim: int | None = None) -> Tensor:
    """求均值；整数张量先转成 float32（`mean` 只能用于浮点数），浮点张量保持原 dtype。

    Mean along `dim` (all elements when dim is None). `mean` only works on floating tensors
    (notes: "求mean只能用float"), so convert integer input to float32 first; floating input
    keeps its dtype (float64 stays float64).

    例 / Example::

        float_mean(torch.tensor([[1, 2, 3], [4, 5, 6]]), 0)   # tensor([2.5000, 3.5000, 4.5000])
        float_mean(torch.tensor([[1, 2, 3], [4, 5, 6]]))      # tensor(3.5000)
    """
    if not t.is_floating_point():
        t = t.float()
    return t.mean() if dim is None else t.mean(dim=dim)


def elementwise_math(t: Tensor) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """对正数张量 t 返回 `(t**2, sqrt(t), exp(t), log(t))`（自然对数）。

    For a tensor of positive values return `(t ** 2, t.sqrt(), t.exp(), t.log())` (natural
    log). For integer input sqrt/exp/log are float32 (torch promotes them); `t ** 2` may stay
    integer.

    例 / Example::

        sq, rt, ex, lg = elementwise_math(torch.tensor([1, 4]))
        sq   # tensor([ 1, 16]);  rt  # tensor([1., 2.])
    """
    return t ** 2, t.sqrt(), t.exp(), t.log()

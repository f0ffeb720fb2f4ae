"""索引：简单行列索引、列表索引、范围（切片）索引、布尔索引、多维索引。

Indexing: single rows and columns, list (fancy) indexing, slicing with steps, boolean
masks, and indexing one axis of an N-D tensor.
See the notes, Day 2 "张量索引操作".
"""
import torch
from torch import Tensor


def row(t: Tensor, i: int) -> Tensor:
    """二维张量的第 i 行（`t[i]` 或 `t[i, :]`），形状 (n,)。

    Row i of a 2-D tensor (`t[i]` or `t[i, :]`), shape (n,).

    例 / Example::

        row(torch.tensor([[1, 2], [3, 4]]), 1)    # tensor([3, 4])
    """
    # TODO: index the first axis
    raise NotImplementedError("row")


def column(t: Tensor, j: int) -> Tensor:
    """二维张量的第 j 列（`t[:, j]`），形状 (m,)。

    Column j of a 2-D tensor (`t[:, j]`), shape (m,).

    例 / Example::

        column(torch.tensor([[1, 2], [3, 4]]), 1)  # tensor([2, 4])
    """
    # TODO: index the second axis, keep all rows
    raise NotImplementedError("column")


def pick(t: Tensor, rows: list[int], cols: list[int]) -> Tensor:
    """列表索引：取出位置 `(rows[k], cols[k])` 的元素，得到长度 len(rows) 的一维张量。

    List indexing `t[rows, cols]`: the elements at `(rows[0], cols[0])`, `(rows[1], cols[1])`, …
    — the k-th row index is paired with the k-th column index, giving a 1-D tensor.

    例 / Example::

        t = torch.arange(9).reshape(3, 3)
        pick(t, [0, 1], [1, 2])    # tensor([1, 5])  (elements (0,1) and (1,2))
    """
    # TODO: index with two lists at once
    raise NotImplementedError("pick")


def top_left(t: Tensor, r: int, c: int) -> Tensor:
    """范围索引：前 r 行、前 c 列（`t[:r, :c]`）。

    Slicing: the first r rows and first c columns (`t[:r, :c]`), shape (r, c).

    例 / Example::

        top_left(torch.arange(12).reshape(3, 4), 2, 3)   # tensor([[0, 1, 2], [4, 5, 6]])
    """
    # TODO: slices :r and :c
    raise NotImplementedError("top_left")


def odd_rows_even_cols(t: Tensor) -> Tensor:
    """奇数行、偶数列（按 0 起始的下标）：行 1, 3, 5, …，列 0, 2, 4, …（步长切片）。

    Rows 1, 3, 5, … and columns 0, 2, 4, … (0-based indices), with step slicing
    (`start:stop:step`).

    例 / Example::

        odd_rows_even_cols(torch.arange(16).reshape(4, 4))   # tensor([[ 4,  6], [12, 14]])
    """
    # TODO: slices with a step (start::2)
    raise NotImplementedError("odd_rows_even_cols")


def rows_where(t: Tensor, col: int, threshold) -> Tensor:
    """布尔索引：取出第 col 列的值**严格大于** threshold 的所有行（整行）。

    Boolean indexing: all rows (whole rows) whose value in column `col` is **strictly**
    greater than `threshold`. No such row → shape (0, n).

    例 / Example::

        t = torch.tensor([[1, 7], [2, 5], [3, 9]])
        rows_where(t, 1, 5)      # tensor([[1, 7], [3, 9]])   (5 is not > 5)
    """
    # TODO: a boolean mask built from column col
    raise NotImplementedError("rows_where")


def select_along(t: Tensor, axis: int, i: int) -> Tensor:
    """多维索引：在第 axis 轴上取下标 i，该轴被去掉（3 维张量 axis=1 时即 `t[:, i, :]`）。

    Multi-dimensional indexing: take index i along `axis` of an N-D tensor; that axis is
    removed (for a 3-D tensor and axis 1 this is `t[:, i, :]`). Other axes, even of size 1,
    stay.

    例 / Example::

        t = torch.arange(24).reshape(2, 3, 4)
        select_along(t, 2, 0).shape     # torch.Size([2, 3])   (t[:, :, 0])
    """
    # TODO: t.select, or an index tuple with slice(None) before position axis
    raise NotImplementedError("select_along")

"""拼接：`cat` 沿已有的维度拼接，`stack` 沿新的维度堆叠。

Joining tensors: `cat` joins along an existing axis, `stack` along a new one.
See the notes, Day 2 "张量拼接".
"""
import torch
from torch import Tensor


def cat_on(tensors: list[Tensor], dim: int) -> Tensor:
    """`torch.cat(tensors, dim)`：沿已有的第 dim 维拼接（除 dim 外其它维大小必须相同）；dim 可为负。

    `torch.cat(tensors, dim)`: join along the existing axis `dim` (all other sizes must match);
    the number of dimensions stays the same; dim may be negative.

    例 / Example::

        a = torch.zeros(2, 3); b = torch.ones(2, 3)
        cat_on([a, b], 0).shape, cat_on([a, b], 1).shape   # (2+2, 3) = (4, 3) and (2, 6)
    """
    # TODO: join along an existing axis
    raise NotImplementedError("cat_on")


def stack_on(tensors: list[Tensor], dim: int) -> Tensor:
    """`torch.stack(tensors, dim)`：沿一个新的第 dim 维堆叠（各张量形状必须相同），维数加 1。

    `torch.stack(tensors, dim)`: join along a **new** axis inserted at `dim` (all shapes must be
    equal); the result has one more dimension; dim may be negative as in `unsqueeze`.

    例 / Example::

        a = torch.zeros(2, 3); b = torch.ones(2, 3)
        stack_on([a, b], 0).shape, stack_on([a, b], 2).shape   # (2, 2, 3) and (2, 3, 2)
    """
    # TODO: join along a new axis
    raise NotImplementedError("stack_on")

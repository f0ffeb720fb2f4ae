"""张量创建：torch.tensor / torch.Tensor、全 0 全 1 与填充、arange 与 linspace、随机张量与随机种子。

Creating tensors: `torch.tensor` vs `torch.Tensor`, ones/zeros/full (and their `_like`
versions), `arange` vs `linspace`, random tensors and the random seed.
See the notes, Day 2 "张量基本创建", "创建01张量", "创建线性和随机张量".
"""
import numpy
import torch
from torch import Tensor


def from_data(data: list) -> Tensor:
    """用 `torch.tensor` 从 Python 列表创建张量，dtype 自动推断：整数 → int64，浮点数 → float32。

    Build a tensor from a (nested) Python list with `torch.tensor` semantics: the dtype is
    inferred, ints → int64, floats (or a mix of ints and floats) → float32.

    例 / Example::

        from_data([[1, 2, 3], [4, 5, 6]])   # tensor([[1, 2, 3], [4, 5, 6]]), int64, shape (2, 3)
        from_data([1.5, 2])                 # tensor([1.5000, 2.0000]), float32

    注意 / Note: `torch.Tensor(data)`（大写 T）总是得到 float32，不符合要求。
    `torch.Tensor(data)` (capital T) always gives float32, which is not what is asked.
    """
    # TODO: the lower-case constructor infers the dtype
    raise NotImplementedError("from_data")


def from_numpy_float(arr: numpy.ndarray) -> Tensor:
    """把 NumPy 数组转成 float32 张量，并且是**拷贝**：之后修改 arr 不能影响返回的张量。

    Convert a NumPy array to a float32 tensor that is a **copy**: changing `arr` afterwards
    must not change the result (and vice versa).

    例 / Example::

        a = np.array([[1, 2], [3, 4]])
        t = from_numpy_float(a)     # tensor([[1., 2.], [3., 4.]]), float32
        a[0, 0] = 100               # t is still 1. at [0, 0]

    笔记中 `torch.tensor(data, dtype=torch.float)` 会拷贝；`torch.from_numpy(arr).float()`
    在 arr 已是 float32 时不会拷贝（`.float()` 原样返回），要小心。
    In the notes `torch.tensor(data, dtype=torch.float)` copies; `torch.from_numpy(arr).float()`
    does not copy when arr is already float32 (`.float()` returns the same tensor).
    """
    # TODO: make a float32 copy, e.g. torch.tensor(..., dtype=...)
    raise NotImplementedError("from_numpy_float")


def uninitialized(rows: int, cols: int) -> Tensor:
    """`torch.Tensor(rows, cols)`：形状为 (rows, cols) 的 float32 张量，元素值未初始化（任意值）。

    `torch.Tensor(rows, cols)`: a float32 tensor of shape (rows, cols) whose values are
    uninitialised (whatever was in memory). Only the shape and dtype matter.

    例 / Example::

        uninitialized(2, 3).shape   # torch.Size([2, 3]); dtype torch.float32

    笔记：`torch.tensor(2, 3)` 会报错，而 `torch.Tensor(2, 3)` 不会（它把参数当作形状）。
    Notes: `torch.tensor(2, 3)` raises, `torch.Tensor(2, 3)` does not (it reads them as a shape).
    """
    # TODO: capital-T constructor (or empty)
    raise NotImplementedError("uninitialized")


def constants_like(t: Tensor, value) -> tuple[Tensor, Tensor, Tensor]:
    """返回 `(ones_like(t), zeros_like(t), full_like(t, value))`，三者都与 t 形状、dtype 相同。

    Return `(ones_like(t), zeros_like(t), full_like(t, value))`: each has t's shape **and dtype**.

    例 / Example::

        t = torch.tensor([[1, 2], [3, 4], [5, 6]])     # int64
        constants_like(t, 6)
        # (tensor([[1, 1], [1, 1], [1, 1]]), tensor([[0, 0], ...]), tensor([[6, 6], ...])), all int64
    """
    # TODO: the *_like functions
    raise NotImplementedError("constants_like")


def filled(shape: tuple[int, ...], value) -> Tensor:
    """`torch.full(shape, value)`：dtype 由 value 推断（int → int64，float → float32，bool → bool）。

    `torch.full(shape, value)`: every element is `value`; the dtype is inferred from value as
    torch does (int → int64, float → float32, bool → bool).

    例 / Example::

        filled((2, 3), 6)      # tensor([[6, 6, 6], [6, 6, 6]]), int64
        filled((2,), 0.5)      # tensor([0.5000, 0.5000]), float32
    """
    # TODO: a creation function that fills a shape with one value
    raise NotImplementedError("filled")


def stepped_range(start, end, step) -> Tensor:
    """`torch.arange(start, end, step)`：从 start 开始、步长为 step、不含 end 的等差序列。

    `torch.arange(start, end, step)`: start, start+step, … up to but excluding end. Integer
    arguments give int64, float arguments give float32; step may be negative.

    例 / Example::

        stepped_range(0, 10, 2)      # tensor([0, 2, 4, 6, 8]), int64
        stepped_range(1.0, 2.0, 0.25)  # tensor([1.0000, 1.2500, 1.5000, 1.7500]), float32
    """
    # TODO: the creation function taking (start, end, step)
    raise NotImplementedError("stepped_range")


def evenly_spaced(start: float, end: float, steps: int) -> Tensor:
    """`torch.linspace(start, end, steps)`：从 start 到 end（包含两端）均匀取 steps 个点，float32。

    `torch.linspace(start, end, steps)`: `steps` evenly spaced points from start to end, both
    included, float32. The third argument is the number of points, **not** the step size
    (notes: "参数3是元素的个数,不是步长").

    例 / Example::

        evenly_spaced(1, 10, 6)   # tensor([ 1.0000,  2.8000,  4.6000,  6.4000,  8.2000, 10.0000])
    """
    # TODO: torch.linspace (third argument = number of points)
    raise NotImplementedError("evenly_spaced")


def seeded_samples(seed: int, shape: tuple[int, ...]) -> tuple[Tensor, Tensor, Tensor]:
    """设置随机种子 seed 后，依次生成 `rand(shape)`、`randn(shape)`、`randint(0, 10, shape)`。

    Seed the random generator with `seed` once, then draw, in this order, `rand(shape)`
    (uniform [0, 1)), `randn(shape)` (standard normal) and `randint(0, 10, shape)` (int64 in
    0..9), and return the three tensors. Same seed → same three tensors.

    例 / Example::

        a, b, c = seeded_samples(1, (2, 3))   # same values as the notes' dm02 with manual_seed(1)

    只在开始时设一次种子（不要在每次采样前重设），顺序也不能换。
    Seed once at the start (not before every draw) and keep the order.
    """
    # TODO: torch.manual_seed once, then rand, randn, randint
    raise NotImplementedError("seeded_samples")

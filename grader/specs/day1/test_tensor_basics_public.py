"""Public checks for day1.tensor_basics (数据操作): small fixed inputs you can read and rerun.

Each check says what it looks at (中文, then English). At grading, hidden checks run the same
kinds of cases on random inputs, so a result copied from here or from the notes will not pass.
"""

import torch

from grader.probes import day1 as probes
from grader.spec import expect, function


def _parts(got, n, name):
    """The result must be a tuple of n items."""
    expect.true(isinstance(got, (tuple, list)) and len(got) == n,
                f"{name} must return a tuple of {n} tensors, got {type(got).__name__}"
                + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""))
    return got


# ------------------------------------------------------------------------------------- grid
@function("grid")
def test_grid_example(student):
    """文档示例：grid(2, 3) 为 [[0, 1, 2], [3, 4, 5]]，dtype 为 int64。
    Docstring example: grid(2, 3) is [[0, 1, 2], [3, 4, 5]] with dtype int64."""
    expect.tensor(student.grid(2, 3), torch.tensor([[0, 1, 2], [3, 4, 5]]), dtype=torch.int64)


@function("grid")
def test_grid_one_row(student):
    """只有一行时形状仍是二维 (1, 4)，按行优先、从 0 开始。
    A single row is still 2-D, shape (1, 4), row-major from 0."""
    expect.tensor(student.grid(1, 4), torch.tensor([[0, 1, 2, 3]]), dtype=torch.int64)
    expect.tensor(student.grid(3, 1), torch.tensor([[0], [1], [2]]), dtype=torch.int64)


# ------------------------------------------------------------------------------ slice_range
@function("slice_range")
def test_slice_range_example(student):
    """文档示例：左闭右开，slice_range(arange(5), 1, 3) 为 [1, 2]。
    Docstring example: half-open, slice_range(arange(5), 1, 3) is [1, 2]."""
    expect.tensor(student.slice_range(torch.arange(5), 1, 3), torch.tensor([1, 2]))


@function("slice_range")
def test_slice_range_python_rules(student):
    """负数下标从末尾数起，越界的 stop 被截断，start >= stop 得到空张量。
    Negative indices count from the end, a stop past the end is clipped, start >= stop is empty."""
    x = torch.arange(5)
    expect.tensor(student.slice_range(x, -2, 99), torch.tensor([3, 4]))
    expect.tensor(student.slice_range(x, 1, -1), torch.tensor([1, 2, 3]))
    expect.tensor(student.slice_range(x, 4, 2), torch.tensor([], dtype=torch.int64))


@function("slice_range")
def test_slice_range_rows(student):
    """二维张量沿第 0 维切片：取出整行。
    On a 2-D tensor the slice takes whole rows (dim 0)."""
    X = torch.tensor([[0, 1], [2, 3], [4, 5]])
    expect.tensor(student.slice_range(X, 1, 10), torch.tensor([[2, 3], [4, 5]]))


# -------------------------------------------------------------------------------- every_kth
@function("every_kth")
def test_every_kth_example(student):
    """文档示例：「::3 三个一跳」，every_kth(arange(7), 3) 为 [0, 3, 6]（从下标 0 开始）。
    Docstring example: every_kth(arange(7), 3) is [0, 3, 6], starting at index 0."""
    expect.tensor(student.every_kth(torch.arange(7), 3), torch.tensor([0, 3, 6]))


@function("every_kth")
def test_every_kth_rows_and_large_k(student):
    """二维张量按行跳取；k 比长度还大时只剩第 0 个。
    On a 2-D tensor whole rows are taken; a k larger than the length leaves element 0 only."""
    X = torch.tensor([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]])
    expect.tensor(student.every_kth(X, 2), torch.tensor([[0, 1], [4, 5], [8, 9]]))
    expect.tensor(student.every_kth(torch.tensor([5.0, 6.0, 7.0]), 5), torch.tensor([5.0]))


# -------------------------------------------------------------------------------- constants
@function("constants")
def test_constants_example(student):
    """文档示例：constants((2, 3)) 返回 (全 0, 全 1)，都是 float32。
    Docstring example: constants((2, 3)) returns (zeros, ones), both float32."""
    zeros, ones = _parts(student.constants((2, 3)), 2, "constants((2, 3))")
    expect.tensor(zeros, torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]), dtype=torch.float32,
                  what="constants((2, 3))[0] (zeros)")
    expect.tensor(ones, torch.tensor([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]), dtype=torch.float32,
                  what="constants((2, 3))[1] (ones)")


@function("constants")
def test_constants_three_dims(student):
    """任意形状都可以，例如 (2, 3, 4)。
    Any shape works, e.g. (2, 3, 4)."""
    zeros, ones = _parts(student.constants((2, 3, 4)), 2, "constants((2, 3, 4))")
    expect.tensor(zeros, torch.zeros(2, 3, 4), dtype=torch.float32, what="constants((2, 3, 4))[0]")
    expect.tensor(ones, torch.ones(2, 3, 4), dtype=torch.float32, what="constants((2, 3, 4))[1]")


# ------------------------------------------------------------------------------ elementwise
_OPS = ("x+y", "x-y", "x*y", "x/y", "x**y")


def _check_five(got, expected, call):
    got = _parts(got, 5, call)
    for op, g, e in zip(_OPS, got, expected):
        expect.tensor(g, e, atol=1e-5, what=f"{call}: {op}")


@function("elementwise")
def test_elementwise_example(student):
    """笔记示例：x = [1., 2, 4, 8]，y = [2, 2, 2, 2]。
    The notes' example: x = [1., 2, 4, 8], y = [2, 2, 2, 2]."""
    x, y = torch.tensor([1.0, 2, 4, 8]), torch.tensor([2, 2, 2, 2])
    expected = (torch.tensor([3.0, 4, 6, 10]), torch.tensor([-1.0, 0, 2, 6]),
                torch.tensor([2.0, 4, 8, 16]), torch.tensor([0.5, 1, 2, 4]),
                torch.tensor([1.0, 4, 16, 64]))
    _check_five(student.elementwise(x, y), expected, "elementwise(x, y)")


@function("elementwise")
def test_elementwise_int_true_division(student):
    """整数张量：/ 是真除法（7 / 2 = 3.5），不是整除 //；** 是 x 的 y 次方。
    Integer tensors: / is true division (7 / 2 = 3.5), not //; ** raises x to the power y."""
    x, y = torch.tensor([7, 3, 8]), torch.tensor([2, 2, 4])
    expected = (torch.tensor([9, 5, 12]), torch.tensor([5, 1, 4]), torch.tensor([14, 6, 32]),
                torch.tensor([3.5, 1.5, 2.0]), torch.tensor([49, 9, 4096]))
    _check_five(student.elementwise(x, y), expected, "elementwise(x, y)")


# ------------------------------------------------------------------------------ concat_both
@function("concat_both")
def test_concat_both_example(student):
    """两个 2×3：dim=0 按行拼成 (4, 3)，dim=1 按列拼成 (2, 6)；X 在前，不新增维度。
    Two 2×3 tensors: dim=0 gives (4, 3), dim=1 gives (2, 6); X first, no new axis."""
    X = torch.tensor([[0, 1, 2], [3, 4, 5]])
    Y = torch.tensor([[10, 11, 12], [13, 14, 15]])
    by_rows, by_cols = _parts(student.concat_both(X, Y), 2, "concat_both(X, Y)")
    expect.tensor(by_rows, torch.tensor([[0, 1, 2], [3, 4, 5], [10, 11, 12], [13, 14, 15]]),
                  what="concat_both(X, Y)[0] (dim=0)")
    expect.tensor(by_cols, torch.tensor([[0, 1, 2, 10, 11, 12], [3, 4, 5, 13, 14, 15]]),
                  what="concat_both(X, Y)[1] (dim=1)")


# ------------------------------------------------------------------------------- equal_mask
@function("equal_mask")
def test_equal_mask_example(student):
    """文档示例：[1, 2] 与 [1, 3] 得 [True, False]，dtype 为 torch.bool（不要 .int()/.float()）。
    Docstring example: [1, 2] vs [1, 3] is [True, False], dtype torch.bool (no .int()/.float())."""
    expect.tensor(student.equal_mask(torch.tensor([1, 2]), torch.tensor([1, 3])),
                  torch.tensor([True, False]), dtype=torch.bool)


@function("equal_mask")
def test_equal_mask_floats_2d(student):
    """二维浮点张量逐元素比较，仍返回 bool 张量。
    Element-wise comparison of 2-D float tensors, still a bool tensor."""
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    Y = torch.tensor([[1.0, 0.0], [3.0, 5.0]])
    expect.tensor(student.equal_mask(X, Y), torch.tensor([[True, False], [True, False]]),
                  dtype=torch.bool)


# ------------------------------------------------------------------------------------ total
@function("total")
def test_total_example(student):
    """笔记示例：arange(12.) 排成 3×4，X.sum() 为 0 维张量 tensor(66.)，不是 Python 数字（不要 .item()）。
    The notes' example: the 3×4 arange(12.) sums to the 0-d tensor tensor(66.), not a Python number."""
    X = torch.arange(12.0).reshape(3, 4)
    expect.tensor(student.total(X), torch.tensor(66.0))


@function("total")
def test_total_three_dims_int(student):
    """三维整数张量：所有元素之和，仍是 0 维张量。
    A 3-D integer tensor: the sum of every element, still a 0-d tensor."""
    X = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    expect.tensor(student.total(X), torch.tensor(36))


# ---------------------------------------------------------------------------- broadcast_add
@function("broadcast_add")
def test_broadcast_add_example(student):
    """笔记示例：(3, 1) 的 arange(3) 加 (1, 2) 的 arange(2)，得到 (3, 2)。
    The notes' example: arange(3) as (3, 1) plus arange(2) as (1, 2) gives (3, 2)."""
    a = torch.arange(3).reshape((3, 1))
    b = torch.arange(2).reshape((1, 2))
    expect.tensor(student.broadcast_add(a, b), torch.tensor([[0, 1], [1, 2], [2, 3]]))


@function("broadcast_add")
def test_broadcast_add_other_values(student):
    """别的数值与形状：(3, 1) + (1, 2)，以及 (2, 3) + (3,)（每一行都加上同一个向量）。
    Other values and shapes: (3, 1) + (1, 2), and (2, 3) + (3,) (the vector is added to each row)."""
    a = torch.tensor([[10.0], [20.0], [30.0]])
    b = torch.tensor([[1.0, 2.0]])
    expect.tensor(student.broadcast_add(a, b), torch.tensor([[11.0, 12.0], [21.0, 22.0], [31.0, 32.0]]))
    M = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    v = torch.tensor([100.0, 200.0, 300.0])
    expect.tensor(student.broadcast_add(M, v), torch.tensor([[101.0, 202.0, 303.0], [104.0, 205.0, 306.0]]))


# --------------------------------------------------------------------------------- add_into
@function("add_into")
def test_add_into_example(student):
    """文档示例：add_into(X, Y) 返回 X 本身，之后 X 为 [1., 1.]（X = X + Y 只会新建张量）。
    Docstring example: add_into(X, Y) returns X itself, then X is [1., 1.] (X = X + Y makes a new tensor)."""
    X, Y = torch.zeros(2), torch.ones(2)
    student.call("add_into", X, Y, mutates=(0,))
    call = student.last
    expect.true(call.returned_arg(0),
                f"{call.desc} must return X itself (the same object), not a new tensor; "
                "X = X + Y only rebinds a local name — use X += Y or X[:] = X + Y")
    expect.tensor(call.args_after[0], torch.tensor([1.0, 1.0]), what="X after add_into(X, Y)")


@function("add_into")
def test_add_into_same_memory(student):
    """原地修改：X 还是同一个对象，并且仍使用原来那块内存（不能用 X.data = ... 换掉）。
    In place: X stays the same object and keeps its memory (swapping it with X.data = ... is not in place)."""
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    Y = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
    seen = student.probe(probes.in_place_identity, "add_into", X, Y)
    expect.true(seen["same_object"], "add_into(X, Y) must return X itself (the same object)")
    expect.true(seen["same_storage"],
                "add_into(X, Y) replaced X's memory (e.g. X.data = ...); add in place instead")
    expect.tensor(seen["x_after"], torch.tensor([[11.0, 22.0], [33.0, 44.0]]),
                  what="X after add_into(X, Y)")


# -------------------------------------------------------------------------- broadcast_shape
@function("broadcast_shape")
def test_broadcast_shape_example(student):
    """文档示例：(3, 1) 与 (1, 2) 得 (3, 2)；(2, 3) 与 (3,) 得 (2, 3)；(2, 3) 与 (2,) 不兼容得 None。
    Docstring examples: (3, 1) and (1, 2) → (3, 2); (2, 3) and (3,) → (2, 3); (2, 3) and (2,) → None."""
    expect.equal(student.broadcast_shape((3, 1), (1, 2)), (3, 2))
    expect.equal(student.broadcast_shape((2, 3), (3,)), (2, 3))
    expect.equal(student.broadcast_shape((2, 3), (2,)), None)


@function("broadcast_shape")
def test_broadcast_shape_different_ndim(student):
    """维数不同时右对齐、在短的左边补 1；两个标量 () 得 ()。结果是元组。
    Different ndim: align on the right, pad the shorter with 1s on the left; two scalars () give (). A tuple."""
    expect.equal(student.broadcast_shape((2, 1, 4), (3, 1)), (2, 3, 4))
    expect.equal(student.broadcast_shape((5,), (2, 1, 1)), (2, 1, 5))
    expect.equal(student.broadcast_shape((), (2, 3)), (2, 3))
    expect.equal(student.broadcast_shape((), ()), ())


@function("broadcast_shape")
def test_broadcast_shape_incompatible_anywhere(student):
    """不兼容可能出现在任何一维（不只是最后一维），这时返回 None。
    A mismatch in any dimension (not only the last) makes the shapes incompatible: None."""
    expect.equal(student.broadcast_shape((4, 3), (2, 3)), None)
    expect.equal(student.broadcast_shape((2, 1, 3), (3, 4, 1)), None)
    expect.equal(student.broadcast_shape((3, 4), (3, 1)), (3, 4))


@function("broadcast_shape")
def test_broadcast_shape_zero_dims(student):
    """长度为 0 的维度规则相同：0 与 1 得 0，0 与 0 得 0，0 与 3 不兼容。
    Size-0 dimensions follow the same rule: 0 with 1 → 0, 0 with 0 → 0, 0 with 3 → None."""
    expect.equal(student.broadcast_shape((0,), (1,)), (0,))
    expect.equal(student.broadcast_shape((2, 0), (2, 1)), (2, 0))
    expect.equal(student.broadcast_shape((1, 0), (0,)), (1, 0))
    expect.equal(student.broadcast_shape((0,), (3,)), None)

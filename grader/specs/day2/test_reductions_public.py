"""Public checks of day2.reductions (常用运算函数): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import math

import torch

from grader.probes import day2 as probes
from grader.spec import expect, function

T = [[1, 2, 3], [4, 5, 6]]      # the docstrings' 2×3 example (not square: dim 0 and dim 1 differ)


# ---------------------------------------------------------------- column_sums / row_sums
@function("column_sums")
def test_column_sums_example(student):
    """文档示例：沿 dim 0 求和，(2, 3) → (3,)，不保留被求和的维度。
    Docstring example: sum along dim 0, (2, 3) → (3,), the summed axis is not kept."""
    expect.tensor(student.column_sums(torch.tensor(T)), torch.tensor([5, 7, 9]))


@function("row_sums")
def test_row_sums_example(student):
    """文档示例：沿 dim 1 求和，(2, 3) → (2,)，不保留被求和的维度。
    Docstring example: sum along dim 1, (2, 3) → (2,), the summed axis is not kept."""
    expect.tensor(student.row_sums(torch.tensor(T)), torch.tensor([6, 15]))


# ---------------------------------------------------------------- max_with_index
def _expect_max(student, t, dim, values, indices):
    # through a probe, so that returning t.max(dim) itself (a named tuple) is accepted
    got = student.probe(probes.as_plain_tuple, "max_with_index", t, dim)
    desc = f"max_with_index(tensor({t.tolist()}), {dim})"
    expect.true(isinstance(got, (tuple, list)) and len(got) == 2, f"{desc} must return a tuple (values, indices)")
    expect.tensor(got[0], values, dtype="same", what=f"{desc}[0] (values)")
    expect.tensor(got[1], indices, dtype=torch.int64, what=f"{desc}[1] (indices)")


@function("max_with_index")
def test_max_with_index_example(student):
    """文档示例：dim=1 时每行的最大值及其列号；dim=0 时每列的最大值及其行号（int64）。
    Docstring example: dim=1 gives each row's max and its column; dim=0 each column's max and its row (int64)."""
    t = torch.tensor([[1, 5, 3], [4, 2, 6]])
    _expect_max(student, t, 1, torch.tensor([5, 6]), torch.tensor([1, 2]))
    _expect_max(student, t, 0, torch.tensor([4, 5, 6]), torch.tensor([1, 0, 1]))


# ---------------------------------------------------------------- float_mean
@function("float_mean")
def test_float_mean_example(student):
    """文档示例：整数张量先转 float32 再求均值；dim=None 时对全部元素求均值。
    Docstring examples: an integer tensor is converted to float32 first; dim=None averages all elements."""
    t = torch.tensor(T)
    expect.tensor(student.float_mean(t, 0), torch.tensor([2.5, 3.5, 4.5]), dtype=torch.float32)
    expect.tensor(student.float_mean(t), torch.tensor(3.5), dtype=torch.float32)
    expect.tensor(student.float_mean(t, 1), torch.tensor([2.0, 5.0]), dtype=torch.float32)


@function("float_mean")
def test_float_mean_float64_stays_float64(student):
    """浮点输入保持原 dtype：float64 的均值仍是 float64（不要转成 float32）。
    Floating input keeps its dtype: the mean of float64 input is float64 (do not cast it to float32)."""
    t = torch.tensor([[0.1, 0.2], [0.3, 0.5]], dtype=torch.float64)
    expect.tensor(student.float_mean(t), torch.tensor(0.275, dtype=torch.float64), dtype=torch.float64)
    expect.tensor(student.float_mean(t, 0), torch.tensor([0.2, 0.35], dtype=torch.float64), dtype=torch.float64)


# ---------------------------------------------------------------- elementwise_math
@function("elementwise_math")
def test_elementwise_math_example(student):
    """文档示例：(t**2, sqrt, exp, 自然对数 log)；整数输入时 sqrt、exp、log 是 float32。
    Docstring example: (t**2, sqrt, exp, natural log); for integer input sqrt, exp and log are float32."""
    got = student.elementwise_math(torch.tensor([1, 4]))
    expect.true(isinstance(got, (tuple, list)) and len(got) == 4,
                "elementwise_math must return a tuple of 4 tensors (t**2, sqrt, exp, log)")
    expect.tensor(got[0], torch.tensor([1, 16]), what="elementwise_math(tensor([1, 4]))[0] (t**2)")
    expected = (torch.tensor([1.0, 2.0]), torch.tensor([math.e, math.exp(4)]), torch.tensor([0.0, math.log(4)]))
    for k, (g, e, n) in enumerate(zip(got[1:], expected, ("sqrt", "exp", "log")), start=1):
        expect.tensor(g, e, dtype=torch.float32, atol=1e-5, what=f"elementwise_math(tensor([1, 4]))[{k}] ({n})")

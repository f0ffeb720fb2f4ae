"""Public checks of day2.arithmetic (基本运算): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


# ---------------------------------------------------------------- add_scalar
@function("add_scalar")
def test_add_scalar_example(student):
    """文档示例：返回新张量 t + 10，t 本身不变（检查会确认 t 未被修改）。
    Docstring example: a new tensor t + 10; t itself is unchanged (the check verifies t afterwards)."""
    t = torch.tensor([1, 2, 3])
    got = student.add_scalar(t, 10)
    expect.tensor(got, torch.tensor([11, 12, 13]), dtype=torch.int64)
    expect.true(not student.last.returned_arg(0), f"{student.last.desc} returned t itself: return a new tensor")


@function("add_scalar")
def test_add_scalar_uses_v(student):
    """加的是参数 v（这里是 0.5），不是固定的数。
    It adds the argument v (here 0.5), not a fixed number."""
    expect.tensor(student.add_scalar(torch.tensor([1.0, -2.0]), 0.5), torch.tensor([1.5, -1.5]),
                  dtype=torch.float32)


# ---------------------------------------------------------------- add_scalar_ / scale_
def _expect_in_place(student, name, t, v, expected):
    got = student.call(name, t, v, mutates=(0,))
    desc = student.last.desc
    expect.tensor(got, expected, dtype="same", what=f"{desc}: returned value")
    expect.tensor(student.last.args_after[0], expected, dtype="same", what=f"{desc}: t after the call")
    expect.true(student.last.returned_arg(0), f"{desc} must return t itself (the same object), not a new tensor")
    rep = student.probe(probes.in_place, name, t, v)
    expect.true(rep["same_storage"] is True,
                f"{desc} gave t new memory (t.data = … or t.set_(…)): change t's values in place instead")
    expect.tensor(rep["view_after"], expected, dtype="same",
                  what=f"{desc}: a view of t taken before the call (an in-place change shows there)")


@function("add_scalar_")
def test_add_scalar__example(student):
    """文档示例：就地加 0.5，返回 t 本身；t 原来的内存被改写（事先取的视图也看到新值）。
    Docstring example: add 0.5 in place and return t itself; t's own memory changes (a view taken before sees it)."""
    _expect_in_place(student, "add_scalar_", torch.tensor([1.0, 2.0]), 0.5, torch.tensor([1.5, 2.5]))


@function("scale_")
def test_scale__example(student):
    """文档示例：就地乘以 3，返回 t 本身；t 原来的内存被改写（事先取的视图也看到新值）。
    Docstring example: multiply by 3 in place and return t itself; t's own memory changes (a view taken before sees it)."""
    _expect_in_place(student, "scale_", torch.tensor([1.0, 2.0]), 3, torch.tensor([3.0, 6.0]))


# ---------------------------------------------------------------- negate
@function("negate")
def test_negate_example(student):
    """文档示例：每个元素取相反数（负数变正数），返回新张量，t 不变。
    Docstring example: every element negated (negatives become positive), a new tensor; t unchanged."""
    t = torch.tensor([1, -2, 3])
    expect.tensor(student.negate(t), torch.tensor([-1, 2, -3]), dtype=torch.int64)
    expect.true(not student.last.returned_arg(0), f"{student.last.desc} returned t itself: return a new tensor")


# ---------------------------------------------------------------- hadamard
@function("hadamard")
def test_hadamard_example(student):
    """文档示例：逐元素相乘，形状不变（不是矩阵乘法，也不求和）。
    Docstring example: element-wise product, same shape (not the matrix product, not a sum)."""
    a = torch.tensor([[1, 2, 3], [4, 5, 6]])
    expect.tensor(student.hadamard(a, a), torch.tensor([[1, 4, 9], [16, 25, 36]]))


@function("hadamard")
def test_hadamard_square_matrices(student):
    """方阵也逐元素相乘（a @ b 在这里不会报错，但结果不同）。
    Square matrices are multiplied element-wise too (a @ b would not raise here, but differs)."""
    a, b = torch.tensor([[1, 2], [3, 4]]), torch.tensor([[5, 6], [7, 8]])
    expect.tensor(student.hadamard(a, b), torch.tensor([[5, 12], [21, 32]]))


# ---------------------------------------------------------------- matrix_product
@function("matrix_product")
def test_matrix_product_example(student):
    """文档示例：(2, 3) @ (3, 2) → (2, 2)。
    Docstring example: (2, 3) @ (3, 2) → (2, 2)."""
    a = torch.tensor([[1, 2, 3], [4, 5, 6]])
    b = torch.tensor([[1, 2], [3, 4], [5, 6]])
    expect.tensor(student.matrix_product(a, b), torch.tensor([[22, 28], [49, 64]]))


# ---------------------------------------------------------------- affine
@function("affine")
def test_affine_example(student):
    """文档示例：x @ w + b，一个样本、一个输出。
    Docstring example: x @ w + b with one sample and one output."""
    x, w, b = torch.tensor([[1.0, 2.0]]), torch.tensor([[1.0], [1.0]]), torch.tensor([0.5])
    expect.tensor(student.affine(x, w, b), torch.tensor([[3.5]]))


@function("affine")
def test_affine_bias_added_to_every_row(student):
    """b 的形状是 (k,)，加到 x @ w 的每一行上：(2, 2) @ (2, 3) + (3,) → (2, 3)。
    b of shape (k,) is added to every row of x @ w: (2, 2) @ (2, 3) + (3,) → (2, 3)."""
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    w = torch.tensor([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    b = torch.tensor([0.5, -1.0, 10.0])
    expect.tensor(student.affine(x, w, b), torch.tensor([[1.5, 1.0, 10.0], [3.5, 3.0, 12.0]]))

"""Public checks of day2.joining (拼接): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import torch

from grader.spec import expect, function

A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8, 9], [10, 11, 12]]


@function("cat_on")
def test_cat_on_example(student):
    """文档示例：两个 (2, 3) 沿 dim 0 拼成 (4, 3)，沿 dim 1 拼成 (2, 6)；维数不变。
    Docstring example: two (2, 3) tensors joined along dim 0 give (4, 3), along dim 1 (2, 6); no new axis."""
    a, b = torch.tensor(A), torch.tensor(B)
    expect.tensor(student.cat_on([a, b], 0), torch.tensor(A + B))
    expect.tensor(student.cat_on([a, b], 1), torch.tensor([[1, 2, 3, 7, 8, 9], [4, 5, 6, 10, 11, 12]]))


@function("cat_on")
def test_cat_on_negative_dim_and_sizes(student):
    """dim 可以为负（-1 是最后一维）；拼接的那一维大小可以不同：(2, 1) 与 (2, 2) 得 (2, 3)。
    dim may be negative (-1 is the last axis); sizes along it may differ: (2, 1) and (2, 2) give (2, 3)."""
    a, b = torch.tensor([[0], [1]]), torch.tensor([[2, 3], [4, 5]])
    expect.tensor(student.cat_on([a, b], -1), torch.tensor([[0, 2, 3], [1, 4, 5]]))


@function("stack_on")
def test_stack_on_example(student):
    """文档示例：两个 (2, 3) 沿新的 dim 0 堆叠得 (2, 2, 3)，dim 2 得 (2, 3, 2)，dim 1 得另一种 (2, 2, 3)。
    Docstring example: two (2, 3) on a new dim 0 give (2, 2, 3), on dim 2 (2, 3, 2), on dim 1 another (2, 2, 3)."""
    a, b = torch.tensor(A), torch.tensor(B)
    expect.tensor(student.stack_on([a, b], 0), torch.tensor([A, B]))
    expect.tensor(student.stack_on([a, b], 2),
                  torch.tensor([[[1, 7], [2, 8], [3, 9]], [[4, 10], [5, 11], [6, 12]]]))
    expect.tensor(student.stack_on([a, b], 1), torch.tensor([[A[0], B[0]], [A[1], B[1]]]))


@function("stack_on")
def test_stack_on_negative_dim(student):
    """dim 可以为负，和 unsqueeze 一样：-1 在最后加新维，三个 (2,) 得 (2, 3)。
    dim may be negative as in unsqueeze: -1 adds the new axis last, three (2,) tensors give (2, 3)."""
    ts = [torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([5, 6])]
    expect.tensor(student.stack_on(ts, -1), torch.tensor([[1, 3, 5], [2, 4, 6]]))

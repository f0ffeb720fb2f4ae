"""Public checks of day2.indexing (索引): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import torch

from grader.spec import expect, function

M = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]     # 3×4: rows and columns cannot be mixed up


# ---------------------------------------------------------------- row / column
@function("row")
def test_row_example(student):
    """文档示例：row(t, 1) 是第 1 行（下标从 0 开始），形状 (n,)。
    Docstring example: row(t, 1) is row 1 (0-based), shape (n,)."""
    expect.tensor(student.row(torch.tensor([[1, 2], [3, 4]]), 1), torch.tensor([3, 4]), dtype=torch.int64)


@function("row")
def test_row_of_3x4(student):
    """3×4 矩阵：第 0 行和第 2 行，各有 4 个元素。
    A 3×4 matrix: rows 0 and 2, 4 elements each."""
    t = torch.tensor(M)
    expect.tensor(student.row(t, 0), torch.tensor([0, 1, 2, 3]), dtype=torch.int64)
    expect.tensor(student.row(t, 2), torch.tensor([8, 9, 10, 11]), dtype=torch.int64)


@function("column")
def test_column_example(student):
    """文档示例：column(t, 1) 是第 1 列，形状 (m,)（不是 (m, 1)）。
    Docstring example: column(t, 1) is column 1, shape (m,) (not (m, 1))."""
    expect.tensor(student.column(torch.tensor([[1, 2], [3, 4]]), 1), torch.tensor([2, 4]), dtype=torch.int64)


@function("column")
def test_column_of_3x4(student):
    """3×4 矩阵：第 3 列有 3 个元素。
    A 3×4 matrix: column 3 has 3 elements."""
    expect.tensor(student.column(torch.tensor(M), 3), torch.tensor([3, 7, 11]), dtype=torch.int64)


# ---------------------------------------------------------------- pick
@function("pick")
def test_pick_example(student):
    """文档示例：取 (0, 1) 和 (1, 2) 两个元素，得到一维张量（不是 2×2 子矩阵）。
    Docstring example: the elements (0, 1) and (1, 2), a 1-D tensor (not a 2×2 sub-matrix)."""
    t = torch.arange(9).reshape(3, 3)
    expect.tensor(student.pick(t, [0, 1], [1, 2]), torch.tensor([1, 5]), dtype=torch.int64)


@function("pick")
def test_pick_three_pairs(student):
    """3×4 矩阵上取 (2, 3)、(0, 0)、(1, 3)：第 k 个行号配第 k 个列号。
    On a 3×4 matrix, (2, 3), (0, 0), (1, 3): the k-th row index goes with the k-th column index."""
    expect.tensor(student.pick(torch.tensor(M), [2, 0, 1], [3, 0, 3]), torch.tensor([11, 0, 7]), dtype=torch.int64)


# ---------------------------------------------------------------- top_left
@function("top_left")
def test_top_left_example(student):
    """文档示例：前 2 行、前 3 列，形状 (2, 3)（不含第 r 行和第 c 列）。
    Docstring example: the first 2 rows and first 3 columns, shape (2, 3) (row r and column c excluded)."""
    expect.tensor(student.top_left(torch.tensor(M), 2, 3), torch.tensor([[0, 1, 2], [4, 5, 6]]), dtype=torch.int64)


@function("top_left")
def test_top_left_one_column(student):
    """r=3、c=1：所有行的第 0 列，形状 (3, 1)。
    r=3, c=1: column 0 of every row, shape (3, 1)."""
    expect.tensor(student.top_left(torch.tensor(M), 3, 1), torch.tensor([[0], [4], [8]]), dtype=torch.int64)


# ---------------------------------------------------------------- odd_rows_even_cols
@function("odd_rows_even_cols")
def test_odd_rows_even_cols_example(student):
    """文档示例：4×4 中取行 1、3 和列 0、2。
    Docstring example: rows 1, 3 and columns 0, 2 of a 4×4 tensor."""
    expect.tensor(student.odd_rows_even_cols(torch.arange(16).reshape(4, 4)), torch.tensor([[4, 6], [12, 14]]),
                  dtype=torch.int64)


@function("odd_rows_even_cols")
def test_odd_rows_even_cols_odd_sizes(student):
    """3×5：只有第 1 行是奇数行，偶数列是 0、2、4。
    3×5: row 1 is the only odd row; the even columns are 0, 2, 4."""
    expect.tensor(student.odd_rows_even_cols(torch.arange(15).reshape(3, 5)), torch.tensor([[5, 7, 9]]),
                  dtype=torch.int64)


# ---------------------------------------------------------------- rows_where
@function("rows_where")
def test_rows_where_example(student):
    """文档示例：第 1 列严格大于 5 的整行；等于 5 的行不要。
    Docstring example: whole rows whose column-1 value is strictly greater than 5; a row equal to 5 is left out."""
    t = torch.tensor([[1, 7], [2, 5], [3, 9]])
    expect.tensor(student.rows_where(t, 1, 5), torch.tensor([[1, 7], [3, 9]]), dtype=torch.int64)


@function("rows_where")
def test_rows_where_no_row_left(student):
    """没有行满足条件时结果形状是 (0, n)。
    When no row qualifies the result has shape (0, n)."""
    t = torch.tensor([[1, 7], [2, 5], [3, 9]])
    expect.tensor(student.rows_where(t, 0, 3), torch.zeros((0, 2), dtype=torch.int64), dtype=torch.int64)


# ---------------------------------------------------------------- select_along
@function("select_along")
def test_select_along_example(student):
    """文档示例：(2, 3, 4) 在 axis 2 上取下标 0，即 t[:, :, 0]，形状 (2, 3)；axis 1 即 t[:, 1, :]。
    Docstring example: index 0 along axis 2 of (2, 3, 4) is t[:, :, 0], shape (2, 3); along axis 1, t[:, 1, :]."""
    t = torch.arange(24).reshape(2, 3, 4)
    expect.tensor(student.select_along(t, 2, 0), torch.tensor([[0, 4, 8], [12, 16, 20]]), dtype=torch.int64)
    expect.tensor(student.select_along(t, 1, 1), torch.tensor([[4, 5, 6, 7], [16, 17, 18, 19]]), dtype=torch.int64)


@function("select_along")
def test_select_along_keeps_unit_axes(student):
    """只去掉 axis 这一维：其它大小为 1 的维度要保留，(1, 3, 2) 在 axis 2 上取得 (1, 3)。
    Only `axis` is removed: other size-1 axes stay, (1, 3, 2) along axis 2 gives (1, 3)."""
    t = torch.tensor([[[1, 2], [3, 4], [5, 6]]])
    expect.tensor(student.select_along(t, 2, 1), torch.tensor([[2, 4, 6]]), dtype=torch.int64)

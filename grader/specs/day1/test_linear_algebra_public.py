"""Public checks for day1.linear_algebra (线性代数): small fixed inputs you can read and rerun.

Each check says what it looks at (中文, then English). At grading, hidden checks run the same
kinds of cases on random inputs and shapes.
"""

import torch

from grader.spec import expect, function

# the 2×3 matrix most checks below use
A23 = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


# ------------------------------------------------------------------------------- sum_along
@function("sum_along")
def test_sum_along_example(student):
    """2×3 矩阵：axis=0 得 (3,) 的列和，axis=1 得 (2,) 的行和（求和的轴被去掉）。
    A 2×3 matrix: axis=0 gives the (3,) column sums, axis=1 the (2,) row sums (the axis is removed)."""
    expect.tensor(student.sum_along(A23, 0), torch.tensor([5.0, 7.0, 9.0]))
    expect.tensor(student.sum_along(A23, 1), torch.tensor([6.0, 15.0]))


@function("sum_along")
def test_sum_along_negative_axis(student):
    """负数轴从末尾数起：形状 (2, 3, 4) 沿 -1 求和得 (2, 3)，沿 1 求和得 (2, 4)。
    Negative axes count from the end: (2, 3, 4) summed along -1 is (2, 3), along 1 is (2, 4)."""
    A = torch.arange(24.0).reshape(2, 3, 4)
    expect.tensor(student.sum_along(A, -1), A.sum(-1), atol=1e-5)
    expect.tensor(student.sum_along(A, 1), A.sum(1), atol=1e-5)


# ---------------------------------------------------------------------------- sum_keepdims
@function("sum_keepdims")
def test_sum_keepdims_example(student):
    """keepdims：2×3 沿 axis=1 求和得 (2, 1)，沿 axis=0 得 (1, 3)（该轴保留，长度为 1）。
    keepdims: a 2×3 summed along axis=1 is (2, 1), along axis=0 is (1, 3) (the axis stays, size 1)."""
    expect.tensor(student.sum_keepdims(A23, 1), torch.tensor([[6.0], [15.0]]))
    expect.tensor(student.sum_keepdims(A23, 0), torch.tensor([[5.0, 7.0, 9.0]]))


@function("sum_keepdims")
def test_sum_keepdims_three_dims(student):
    """三维张量、负数轴：(2, 3, 4) 沿 -1 得 (2, 3, 1)，沿 0 得 (1, 3, 4)。
    3-D and negative axes: (2, 3, 4) along -1 is (2, 3, 1), along 0 is (1, 3, 4)."""
    A = torch.arange(24.0).reshape(2, 3, 4)
    expect.tensor(student.sum_keepdims(A, -1), A.sum(-1, keepdim=True), atol=1e-5)
    expect.tensor(student.sum_keepdims(A, 0), A.sum(0, keepdim=True), atol=1e-5)


# --------------------------------------------------------------------------- row_normalize
@function("row_normalize")
def test_row_normalize_example(student):
    """每行除以自己的行和：[[1, 3], [1, 1]] → [[0.25, 0.75], [0.5, 0.5]]（不加 keepdims 会除错）。
    Each row over its own sum: [[1, 3], [1, 1]] → [[0.25, 0.75], [0.5, 0.5]] (keepdims matters here)."""
    A = torch.tensor([[1.0, 3.0], [1.0, 1.0]])
    expect.tensor(student.row_normalize(A), torch.tensor([[0.25, 0.75], [0.5, 0.5]]))


@function("row_normalize")
def test_row_normalize_wide(student):
    """2×3 矩阵：行和为 6 和 8，结果每一行之和为 1。
    A 2×3 matrix with row sums 6 and 8: every row of the result sums to 1."""
    A = torch.tensor([[1.0, 2.0, 3.0], [2.0, 2.0, 4.0]])
    expect.tensor(student.row_normalize(A), torch.tensor([[1 / 6, 2 / 6, 3 / 6], [0.25, 0.25, 0.5]]))


# ------------------------------------------------------------------------------ mean_along
@function("mean_along")
def test_mean_along_example(student):
    """2×3 矩阵：axis=0 的均值为 [2.5, 3.5, 4.5]，axis=1 为 [2, 5]（除以该轴长度，轴被去掉）。
    A 2×3 matrix: the mean along axis=0 is [2.5, 3.5, 4.5], along axis=1 [2, 5] (divide by that axis' length)."""
    expect.tensor(student.mean_along(A23, 0), torch.tensor([2.5, 3.5, 4.5]))
    expect.tensor(student.mean_along(A23, 1), torch.tensor([2.0, 5.0]))


@function("mean_along")
def test_mean_along_last_axis(student):
    """axis=-1 表示最后一个轴：(2, 3, 4) 的结果形状为 (2, 3)。
    axis=-1 is the last axis: a (2, 3, 4) input gives shape (2, 3)."""
    A = torch.arange(24.0).reshape(2, 3, 4)
    expect.tensor(student.mean_along(A, -1), A.mean(-1), atol=1e-5)


# -------------------------------------------------------------------------- cumulative_sum
@function("cumulative_sum")
def test_cumulative_sum_example(student):
    """文档示例：[[1, 2], [3, 4]] 沿 axis=0 的累积和为 [[1, 2], [4, 6]]，形状不变。
    Docstring example: [[1, 2], [3, 4]] along axis=0 is [[1, 2], [4, 6]], same shape."""
    A = torch.tensor([[1, 2], [3, 4]])
    expect.tensor(student.cumulative_sum(A, 0), torch.tensor([[1, 2], [4, 6]]))


@function("cumulative_sum")
def test_cumulative_sum_along_rows(student):
    """沿 axis=1（或 -1）在每一行内累加：[[1, 2], [3, 4]] → [[1, 3], [3, 7]]。
    Along axis=1 (or -1) each row is accumulated: [[1, 2], [3, 4]] → [[1, 3], [3, 7]]."""
    A = torch.tensor([[1, 2], [3, 4]])
    expect.tensor(student.cumulative_sum(A, 1), torch.tensor([[1, 3], [3, 7]]))
    expect.tensor(student.cumulative_sum(A, -1), torch.tensor([[1, 3], [3, 7]]))


# ------------------------------------------------------------------------------------- dot
@function("dot")
def test_dot_example(student):
    """[1, 2, 3]·[4, 5, 6] = 32，结果是 0 维张量（不是 Python 数字，也不是逐元素乘积）。
    [1, 2, 3]·[4, 5, 6] = 32 as a 0-d tensor (not a Python number, not the element-wise product)."""
    x, y = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])
    expect.tensor(student.dot(x, y), torch.tensor(32.0))


# ---------------------------------------------------------------------------------- matvec
@function("matvec")
def test_matvec_example(student):
    """(2, 3) 矩阵乘 (3,) 向量得 (2,)：[[1, 2, 3], [4, 5, 6]] · [1, 1, 2] = [9, 21]。
    A (2, 3) matrix times a (3,) vector is (2,): [[1, 2, 3], [4, 5, 6]] · [1, 1, 2] = [9, 21]."""
    expect.tensor(student.matvec(A23, torch.tensor([1.0, 1.0, 2.0])), torch.tensor([9.0, 21.0]))


@function("matvec")
def test_matvec_two_by_two(student):
    """方阵：结果第 i 个元素是第 i 行与 x 的点积（不是转置后的乘积）。
    A square matrix: element i is row i dotted with x (not the product with the transpose)."""
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    expect.tensor(student.matvec(A, torch.tensor([1.0, -1.0])), torch.tensor([-1.0, -1.0]))


# ---------------------------------------------------------------------------------- matmul
@function("matmul")
def test_matmul_example(student):
    """(2, 3) @ (3, 2) 得 (2, 2)。
    (2, 3) @ (3, 2) gives (2, 2)."""
    B = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    expect.tensor(student.matmul(A23, B), torch.tensor([[4.0, 5.0], [10.0, 11.0]]))


@function("matmul")
def test_matmul_not_elementwise(student):
    """矩阵乘法不是按元素乘 A * B，也不是 B @ A：[[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]。
    Not the element-wise A * B, nor B @ A: [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]."""
    A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
    expect.tensor(student.matmul(A, B), torch.tensor([[19.0, 22.0], [43.0, 50.0]]))


# -------------------------------------------------------------------------- batched_matmul
@function("batched_matmul")
def test_batched_matmul_example(student):
    """批量乘同一个矩阵：(2, 2, 3) @ (3, 4) 得 (2, 2, 4)，每一批分别做矩阵乘法。
    A batch times one matrix: (2, 2, 3) @ (3, 4) gives (2, 2, 4), one matrix product per batch item."""
    A = torch.arange(12.0).reshape(2, 2, 3)
    B = torch.arange(12.0).reshape(3, 4)
    expected = torch.stack([A[0] @ B, A[1] @ B])
    expect.tensor(student.batched_matmul(A, B), expected, atol=1e-4)


@function("batched_matmul")
def test_batched_matmul_batch_dims_broadcast(student):
    """文档示例的形状：(2, 1, 2, 3) @ (5, 3, 4) 得 (2, 5, 2, 4)，批量维按广播对齐。
    The docstring's shapes: (2, 1, 2, 3) @ (5, 3, 4) gives (2, 5, 2, 4); batch axes broadcast."""
    A = torch.arange(12.0).reshape(2, 1, 2, 3) / 10
    B = torch.arange(60.0).reshape(5, 3, 4) / 10
    expected = torch.stack([torch.stack([A[i, 0] @ B[j] for j in range(5)]) for i in range(2)])
    expect.tensor(student.batched_matmul(A, B), expected, atol=1e-4)


# --------------------------------------------------------------------------------- norms
@function("l2_norm")
def test_l2_norm_example(student):
    """文档示例：[3, -4] 的 L2 范数为 tensor(5.)：平方和再开方。
    Docstring example: the L2 norm of [3, -4] is tensor(5.): square root of the sum of squares."""
    expect.tensor(student.l2_norm(torch.tensor([3.0, -4.0])), torch.tensor(5.0))


@function("l1_norm")
def test_l1_norm_example(student):
    """文档示例：[3, -4] 的 L1 范数为 tensor(7.)：绝对值之和。
    Docstring example: the L1 norm of [3, -4] is tensor(7.): the sum of absolute values."""
    expect.tensor(student.l1_norm(torch.tensor([3.0, -4.0])), torch.tensor(7.0))


@function("frobenius_norm")
def test_frobenius_norm_example(student):
    """文档示例：ones(4, 9) 的 Frobenius 范数为 tensor(6.)（一个 0 维张量）。
    Docstring example: the Frobenius norm of ones(4, 9) is tensor(6.) (a 0-d tensor)."""
    expect.tensor(student.frobenius_norm(torch.ones(4, 9)), torch.tensor(6.0))


@function("frobenius_norm")
def test_frobenius_norm_two_by_two(student):
    """[[1, 1], [1, -1]]：所有元素平方和为 4，范数为 2（不是绝对值之和，也不是最大奇异值）。
    [[1, 1], [1, -1]]: the squares sum to 4, the norm is 2 (not the sum of |a|, not the spectral norm)."""
    A = torch.tensor([[1.0, 1.0], [1.0, -1.0]])
    expect.tensor(student.frobenius_norm(A), torch.tensor(2.0))


# --------------------------------------------------------------------------- reduced_shape
@function("reduced_shape")
def test_reduced_shape_example(student):
    """文档示例：((5, 4), 0) → (4,)；((5, 4), 1, True) → (5, 1)；((2, 3, 4), -1) → (2, 3)。
    Docstring examples: ((5, 4), 0) → (4,); ((5, 4), 1, True) → (5, 1); ((2, 3, 4), -1) → (2, 3)."""
    expect.equal(student.reduced_shape((5, 4), 0), (4,))
    expect.equal(student.reduced_shape((5, 4), 1, True), (5, 1))
    expect.equal(student.reduced_shape((2, 3, 4), -1), (2, 3))


@function("reduced_shape")
def test_reduced_shape_keep_axis(student):
    """keepdims=True 时该轴留在原位置、长度为 1；负数轴同样适用。
    With keepdims=True the axis stays in its place with size 1; negative axes work too."""
    expect.equal(student.reduced_shape((5, 4), 0, keepdims=True), (1, 4))
    expect.equal(student.reduced_shape((2, 3, 4), -2, keepdims=True), (2, 1, 4))
    expect.equal(student.reduced_shape((2, 3, 4), -3), (3, 4))

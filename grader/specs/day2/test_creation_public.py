"""Public checks of day2.creation (张量创建): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import numpy as np
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


# ---------------------------------------------------------------- from_data
@function("from_data")
def test_from_data_example(student):
    """文档示例：整数列表得到 int64，浮点数（或整数与浮点数混合）得到 float32。
    Docstring examples: a list of ints gives int64, floats (or ints mixed with floats) float32."""
    expect.tensor(student.from_data([[1, 2, 3], [4, 5, 6]]), torch.tensor([[1, 2, 3], [4, 5, 6]]),
                  dtype=torch.int64)
    expect.tensor(student.from_data([1.5, 2]), torch.tensor([1.5, 2.0]), dtype=torch.float32)


# ---------------------------------------------------------------- from_numpy_float
@function("from_numpy_float")
def test_from_numpy_float_example(student):
    """文档示例：int64 数组转成 float32 张量，值不变。
    Docstring example: an int64 array becomes a float32 tensor with the same values."""
    a = np.array([[1, 2], [3, 4]])
    expect.tensor(student.from_numpy_float(a), torch.tensor([[1.0, 2.0], [3.0, 4.0]]), dtype=torch.float32)


@function("from_numpy_float")
def test_from_numpy_float_copies_float32_input(student):
    """已是 float32 的数组也必须拷贝：之后改数组不能改变张量（反之亦然）。
    A float32 array must be copied too: writing into the array must not change the tensor (nor the reverse)."""
    a = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
    got = student.from_numpy_float(a)
    expect.tensor(got, torch.tensor([[0.5, 1.5], [2.5, 3.5]]), dtype=torch.float32)
    expect.true(not student.last.shares_memory(0),
                f"{student.last.desc} shares memory with arr: it must return a copy")
    rep = student.probe(probes.write_through, "from_numpy_float", a)
    expect.true(rep["input_to_result"] is not True and rep["result_to_input"] is not True,
                "from_numpy_float(arr: ndarray float32[2, 2]): writing into arr changed the returned "
                "tensor (or the reverse): it must be an independent copy")


# ---------------------------------------------------------------- uninitialized
@function("uninitialized")
def test_uninitialized_example(student):
    """形状是 (rows, cols)（不是含两个数的一维张量），dtype 是 float32；值不检查。
    The shape is (rows, cols) (not a 1-D tensor holding the two numbers), the dtype float32; values are not checked."""
    for rows, cols in ((2, 3), (4, 1)):
        got = student.uninitialized(rows, cols)
        desc = student.last.desc
        expect.true(type(got) is torch.Tensor, f"{desc} returned {type(got).__name__}, expected a Tensor")
        expect.equal(tuple(got.shape), (rows, cols), what=f"{desc}: shape")
        expect.true(got.dtype == torch.float32, f"{desc}: dtype {got.dtype}, expected torch.float32")


# ---------------------------------------------------------------- constants_like
def _expect_like(student, t, value, ones, zeros, full):
    got = student.constants_like(t, value)
    desc = student.last.desc
    expect.true(isinstance(got, (tuple, list)) and len(got) == 3,
                f"{desc} must return a tuple of 3 tensors (ones, zeros, full)")
    for k, (g, e, n) in enumerate(zip(got, (ones, zeros, full), ("ones_like", "zeros_like", "full_like"))):
        expect.tensor(g, e, dtype="same", what=f"{desc}[{k}] ({n})")


@function("constants_like")
def test_constants_like_example(student):
    """文档示例：int64 输入，按 (1, 0, value) 的顺序返回，三者都是 int64、形状 (3, 2)。
    Docstring example: an int64 input gives (ones, zeros, full of 6) in that order, all int64 of shape (3, 2)."""
    t = torch.tensor([[1, 2], [3, 4], [5, 6]])
    _expect_like(student, t, 6, torch.tensor([[1, 1], [1, 1], [1, 1]]), torch.tensor([[0, 0], [0, 0], [0, 0]]),
                 torch.tensor([[6, 6], [6, 6], [6, 6]]))


@function("constants_like")
def test_constants_like_keeps_dtype_of_t(student):
    """dtype 跟随 t 而不是 value：float64 的 t 配 6 仍是 float64；int64 的 t 配 2.5 仍是 int64（截断为 2）。
    The dtype follows t, not value: float64 t with 6 stays float64; int64 t with 2.5 stays int64 (2.5 → 2)."""
    t = torch.tensor([0.5, -1.5, 2.0], dtype=torch.float64)
    _expect_like(student, t, 6, torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64),
                 torch.tensor([6.0, 6.0, 6.0], dtype=torch.float64))
    t = torch.tensor([[7, -7]])
    _expect_like(student, t, 2.5, torch.tensor([[1, 1]]), torch.tensor([[0, 0]]), torch.tensor([[2, 2]]))


@function("constants_like")
def test_constants_like_ignores_values_of_t(student):
    """t 的值无关紧要，含 inf 和 nan 也一样（t * 0 在那里是 nan）。
    The values of t do not matter, inf and nan included (t * 0 is nan there)."""
    t = torch.tensor([float("inf"), float("nan"), -1.0])
    _expect_like(student, t, 0.5, torch.ones(3), torch.zeros(3), torch.tensor([0.5, 0.5, 0.5]))


# ---------------------------------------------------------------- filled
@function("filled")
def test_filled_example(student):
    """文档示例：dtype 由 value 推断，int → int64，float → float32，bool → bool。
    Docstring examples: the dtype is inferred from value, int → int64, float → float32, bool → bool."""
    expect.tensor(student.filled((2, 3), 6), torch.tensor([[6, 6, 6], [6, 6, 6]]), dtype=torch.int64)
    expect.tensor(student.filled((2,), 0.5), torch.tensor([0.5, 0.5]), dtype=torch.float32)
    expect.tensor(student.filled((1, 2), True), torch.tensor([[True, True]]), dtype=torch.bool)


# ---------------------------------------------------------------- stepped_range
@function("stepped_range")
def test_stepped_range_example(student):
    """文档示例：不含 end；整数参数得到 int64，浮点参数得到 float32。
    Docstring examples: end is excluded; int arguments give int64, float arguments float32."""
    expect.tensor(student.stepped_range(0, 10, 2), torch.tensor([0, 2, 4, 6, 8]), dtype=torch.int64)
    expect.tensor(student.stepped_range(1.0, 2.0, 0.25), torch.tensor([1.0, 1.25, 1.5, 1.75]),
                  dtype=torch.float32)


@function("stepped_range")
def test_stepped_range_negative_step(student):
    """步长可以为负：从 5 往下数到 0（不含 0）。
    The step may be negative: count down from 5 to 0 (0 excluded)."""
    expect.tensor(student.stepped_range(5, 0, -2), torch.tensor([5, 3, 1]), dtype=torch.int64)


# ---------------------------------------------------------------- evenly_spaced
@function("evenly_spaced")
def test_evenly_spaced_example(student):
    """文档示例：第三个参数是点数（含两端），不是步长；float32。
    Docstring example: the third argument is the number of points (both ends included), not a step; float32."""
    expect.tensor(student.evenly_spaced(1, 10, 6), torch.tensor([1.0, 2.8, 4.6, 6.4, 8.2, 10.0]),
                  dtype=torch.float32, atol=1e-5)
    expect.tensor(student.evenly_spaced(0.0, 1.0, 3), torch.tensor([0.0, 0.5, 1.0]), dtype=torch.float32)


# ---------------------------------------------------------------- seeded_samples
@function("seeded_samples")
def test_seeded_samples_example(student):
    """种子 1 和 42、形状 (2, 3)：与 manual_seed(seed) 后依次 rand、randn、randint(0, 10) 的结果相同。
    Seeds 1 and 42, shape (2, 3): the values of manual_seed(seed) then rand, randn, randint(0, 10), in this order."""
    for seed in (1, 42):
        g = torch.Generator().manual_seed(seed)
        ref = (torch.rand((2, 3), generator=g), torch.randn((2, 3), generator=g),
               torch.randint(0, 10, (2, 3), generator=g))
        got = student.seeded_samples(seed, (2, 3))
        expect.true(isinstance(got, (tuple, list)) and len(got) == 3,
                    "seeded_samples must return a tuple (rand, randn, randint)")
        for k, (g_, e, n) in enumerate(zip(got, ref, ("rand", "randn", "randint"))):
            expect.tensor(g_, e, dtype="same", what=f"seeded_samples({seed}, (2, 3))[{k}] ({n})")

"""Public checks of day2.conversion (类型转换与 NumPy 互操作): they ship with the exercises.

Fixed, small inputs (mostly the docstring examples); the checks at grading use random ones.
"""
import numpy as np
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


# ---------------------------------------------------------------- cast
@function("cast")
def test_cast_example(student):
    """文档示例：浮点转 int16 向零截断。
    Docstring example: float → int16 truncates toward zero."""
    t = torch.tensor([1.7, -2.5])
    expect.tensor(student.cast(t, torch.int16), torch.tensor([1, -2], dtype=torch.int16), dtype=torch.int16)


@function("cast")
def test_cast_uses_the_dtype_argument(student):
    """目标类型由参数 dtype 决定：int64 → float64，float32 → int64。
    The target type is the dtype argument: int64 → float64, float32 → int64."""
    expect.tensor(student.cast(torch.tensor([1, 2]), torch.float64), torch.tensor([1.0, 2.0], dtype=torch.float64),
                  dtype=torch.float64)
    expect.tensor(student.cast(torch.tensor([3.9, -0.5]), torch.int64), torch.tensor([3, 0]), dtype=torch.int64)


# ---------------------------------------------------------------- all_casts
@function("all_casts")
def test_all_casts_example(student):
    """文档示例：依次是 float16、float32、float64、int16、int32、int64。
    Docstring example: float16, float32, float64, int16, int32, int64, in this order."""
    t = torch.tensor([1.5, 2.0])
    got = student.all_casts(t)
    expect.true(isinstance(got, (tuple, list)) and len(got) == 6, "all_casts must return 6 tensors")
    floats = torch.tensor([1.5, 2.0])
    ints = torch.tensor([1, 2])
    expected = (floats.half(), floats, floats.double(), ints.short(), ints.int(), ints)
    names = ("half", "float", "double", "short", "int", "long")
    for k, (g, e, n) in enumerate(zip(got, expected, names)):
        expect.tensor(g, e, dtype=e.dtype, what=f"all_casts(t)[{k}] (t.{n}())")


# ---------------------------------------------------------------- to_numpy_shared
@function("to_numpy_shared")
def test_to_numpy_shared_example(student):
    """文档示例：同 dtype 的数组，与 t 共享内存：改数组会改 t，改 t 也会改数组。
    Docstring example: an array of t's dtype sharing t's memory: writing into one changes the other."""
    t = torch.tensor([1, 2, 3])
    got = student.to_numpy_shared(t)
    expect.array(got, np.array([1, 2, 3], dtype=np.int64), dtype="same")
    expect.true(student.last.shares_memory(0), "to_numpy_shared(t) must share memory with t")
    rep = student.probe(probes.write_through, "to_numpy_shared", t)
    expect.true(rep["result_to_input"] is True and rep["input_to_result"] is True,
                "to_numpy_shared(tensor([1, 2, 3])): writing into the array must change t and writing into "
                f"t must change the array (got array→t {rep['result_to_input']}, t→array {rep['input_to_result']})")


# ---------------------------------------------------------------- to_numpy_copy
@function("to_numpy_copy")
def test_to_numpy_copy_example(student):
    """文档示例：int64 张量得到 int64 数组（dtype 不变），且是独立拷贝。
    Docstring example: an int64 tensor gives an int64 array (same dtype), an independent copy."""
    t = torch.tensor([1, 2, 3])
    got = student.to_numpy_copy(t)
    expect.array(got, np.array([1, 2, 3], dtype=np.int64), dtype="same")
    expect.true(not student.last.shares_memory(0), f"{student.last.desc} shares memory with t: it must be a copy")
    rep = student.probe(probes.write_through, "to_numpy_copy", t)
    expect.true(rep["result_to_input"] is not True and rep["input_to_result"] is not True,
                "to_numpy_copy(tensor([1, 2, 3])): writing into one changed the other: it must be a copy")


@function("to_numpy_copy")
def test_to_numpy_copy_float32_stays_float32(student):
    """float32 张量得到 float32 数组（不是 NumPy 默认的 float64）。
    A float32 tensor gives a float32 array (not NumPy's default float64)."""
    got = student.to_numpy_copy(torch.tensor([0.5, -1.25]))
    expect.array(got, np.array([0.5, -1.25], dtype=np.float32), dtype="same")


# ---------------------------------------------------------------- from_numpy_shared
@function("from_numpy_shared")
def test_from_numpy_shared_example(student):
    """文档示例：int64 数组得到 int64 张量，与数组共享内存（改 a 会改张量）。
    Docstring example: an int64 array gives an int64 tensor sharing the array's memory (writing into a changes it)."""
    a = np.array([1, 2, 3], dtype=np.int64)
    got = student.from_numpy_shared(a)
    expect.tensor(got, torch.tensor([1, 2, 3]), dtype=torch.int64)
    expect.true(student.last.shares_memory(0), f"{student.last.desc} does not share memory with a")
    rep = student.probe(probes.write_through, "from_numpy_shared", a)
    expect.true(rep["result_to_input"] is True and rep["input_to_result"] is True,
                "from_numpy_shared(np.array([1, 2, 3])): writing into a must change the tensor and the "
                f"reverse (got tensor→a {rep['result_to_input']}, a→tensor {rep['input_to_result']})")


# ---------------------------------------------------------------- from_numpy_copy
@function("from_numpy_copy")
def test_from_numpy_copy_example(student):
    """文档示例：float64 数组得到 float64 张量（dtype 不变），且是独立拷贝。
    Docstring example: a float64 array gives a float64 tensor (same dtype), an independent copy."""
    a = np.array([1.5, 2.5])
    got = student.from_numpy_copy(a)
    expect.tensor(got, torch.tensor([1.5, 2.5], dtype=torch.float64), dtype=torch.float64)
    expect.true(not student.last.shares_memory(0), f"{student.last.desc} shares memory with a: it must be a copy")
    rep = student.probe(probes.write_through, "from_numpy_copy", a)
    expect.true(rep["result_to_input"] is not True and rep["input_to_result"] is not True,
                "from_numpy_copy(np.array([1.5, 2.5])): writing into one changed the other: it must be a copy")


# ---------------------------------------------------------------- scalar
@function("scalar")
def test_scalar_example(student):
    """文档示例：返回 Python 数值（int 或 float），不是张量也不是列表。
    Docstring examples: a Python number (int or float), not a tensor and not a list."""
    expect.scalar(student.scalar(torch.tensor(100)), 100, kind=int)
    expect.scalar(student.scalar(torch.tensor([[2.5]])), 2.5, kind=float)


@function("scalar")
def test_scalar_of_bool_tensor(student):
    """布尔张量得到 Python bool。
    A bool tensor gives a Python bool."""
    expect.scalar(student.scalar(torch.tensor([True])), True, kind=bool)

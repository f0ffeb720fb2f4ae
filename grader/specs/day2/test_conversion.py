"""Hidden checks of day2.conversion (类型转换与 NumPy 互操作)."""
import numpy as np
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


def _mixed_floats(rng, *shape):
    # positive and negative values with fractional parts, inside int16 range
    return (rng.randn(*shape) * 40).round(decimals=2) + 0.3


# ---------------------------------------------------------------- cast
@function("cast", weight=2)
def test_cast_between_dtypes(student, rng):
    cases = (
        (_mixed_floats(rng, *rng.shape(2, 2, 5)), torch.int16),      # truncation toward zero
        (rng.randint(-100, 100, rng.shape(2, 2, 5)), torch.float64),
        (rng.randn(*rng.shape(1, 3, 8), dtype=torch.float64), torch.float32),
        (_mixed_floats(rng, *rng.shape(2, 2, 4)), torch.int64),
        (rng.randint(-5, 5, rng.shape(2, 2, 4)), torch.int32),
        (rng.randn(*rng.shape(2, 2, 4)), torch.float16),
    )
    for t, dtype in cases:
        expect.tensor(student.cast(t, dtype), t.to(dtype), dtype=dtype)


@function("cast")
def test_cast_to_own_dtype(student, rng):
    # returning t itself is fine here; only dtype and values are checked
    for t in (rng.randn(*rng.shape(2, 2, 5)), rng.randint(-9, 9, rng.shape(2, 2, 5))):
        expect.tensor(student.cast(t, t.dtype), t, dtype=t.dtype)


# ---------------------------------------------------------------- all_casts
_CAST_NAMES = ("half", "float", "double", "short", "int", "long")
_CAST_DTYPES = (torch.float16, torch.float32, torch.float64, torch.int16, torch.int32, torch.int64)


def _check_all_casts(student, t):
    got = student.all_casts(t)
    desc = student.last.desc
    expect.true(isinstance(got, (tuple, list)) and len(got) == 6,
                f"{desc} must return a tuple of 6 tensors (half, float, double, short, int, long)")
    for k, (g, dt, n) in enumerate(zip(got, _CAST_DTYPES, _CAST_NAMES)):
        expect.tensor(g, t.to(dt), dtype=dt, atol=1e-3 if dt == torch.float16 else 1e-6,
                      what=f"{desc}[{k}] (t.{n}())")


@function("all_casts", weight=2)
def test_all_casts_from_float(student, rng):
    _check_all_casts(student, _mixed_floats(rng, *rng.shape(2, 2, 5)))


@function("all_casts")
def test_all_casts_from_int(student, rng):
    _check_all_casts(student, rng.randint(-500, 500, rng.shape(2, 2, 5)).to(torch.int16))


# ---------------------------------------------------------------- to_numpy_shared / to_numpy_copy
def _tensors(rng):
    yield rng.randint(-50, 50, rng.shape(2, 2, 5))
    yield rng.randn(*rng.shape(2, 2, 5))
    yield rng.randn(*rng.shape(1, 3, 7), dtype=torch.float64)


@function("to_numpy_shared")
def test_to_numpy_shared_values_and_memory(student, rng):
    for t in _tensors(rng):
        got = student.to_numpy_shared(t)
        expect.array(got, t.numpy(), dtype="same")
        expect.true(student.last.shares_memory(0),
                    f"{student.last.desc} does not share memory with t: use the conversion that "
                    f"does not copy (the notes: 上面的方法共享内存)")


@function("to_numpy_shared")
def test_to_numpy_shared_write_through(student, rng):
    for t in _tensors(rng):
        rep = student.probe(probes.write_through, "to_numpy_shared", t)
        expect.true(rep["result_type"] == "ndarray",
                    f"to_numpy_shared must return a numpy.ndarray, got {rep['result_type']}")
        expect.true(rep["result_to_input"] is True and rep["input_to_result"] is True,
                    f"to_numpy_shared(t: {str(t.dtype).replace('torch.', '')}{list(t.shape)}): writing "
                    f"into the array must change t and writing into t must change the array "
                    f"(got array→t {rep['result_to_input']}, t→array {rep['input_to_result']})")


@function("to_numpy_copy")
def test_to_numpy_copy_values_dtype_and_memory(student, rng):
    for t in _tensors(rng):
        got = student.to_numpy_copy(t)
        expect.array(got, t.numpy(), dtype="same")
        expect.true(not student.last.shares_memory(0),
                    f"{student.last.desc} shares memory with t: it must be an independent copy")


@function("to_numpy_copy")
def test_to_numpy_copy_write_through(student, rng):
    for t in _tensors(rng):
        rep = student.probe(probes.write_through, "to_numpy_copy", t)
        expect.true(rep["result_type"] == "ndarray",
                    f"to_numpy_copy must return a numpy.ndarray, got {rep['result_type']}")
        expect.true(rep["result_to_input"] is not True and rep["input_to_result"] is not True,
                    f"to_numpy_copy(t: {str(t.dtype).replace('torch.', '')}{list(t.shape)}): writing into "
                    f"one changed the other: the array must be an independent copy")


# ---------------------------------------------------------------- from_numpy_shared / from_numpy_copy
def _arrays(rng):
    yield rng.np.integers(-50, 50, size=rng.shape(2, 2, 5)).astype(np.int64)
    yield rng.np.normal(size=rng.shape(2, 2, 5))                       # float64
    yield rng.np.normal(size=rng.shape(1, 3, 7)).astype(np.float32)


@function("from_numpy_shared")
def test_from_numpy_shared_values_and_memory(student, rng):
    for a in _arrays(rng):
        got = student.from_numpy_shared(a)
        expect.tensor(got, torch.from_numpy(a.copy()), dtype="same")
        expect.true(student.last.shares_memory(0),
                    f"{student.last.desc} does not share memory with a (torch.from_numpy does)")


@function("from_numpy_shared")
def test_from_numpy_shared_write_through(student, rng):
    for a in _arrays(rng):
        rep = student.probe(probes.write_through, "from_numpy_shared", a)
        expect.true(rep["result_type"] == "Tensor",
                    f"from_numpy_shared must return a torch.Tensor, got {rep['result_type']}")
        expect.true(rep["result_to_input"] is True and rep["input_to_result"] is True,
                    f"from_numpy_shared(a: ndarray {a.dtype}{list(a.shape)}): writing into a must change "
                    f"the tensor and the reverse (got tensor→a {rep['result_to_input']}, "
                    f"a→tensor {rep['input_to_result']})")


@function("from_numpy_copy")
def test_from_numpy_copy_values_dtype_and_memory(student, rng):
    for a in _arrays(rng):
        got = student.from_numpy_copy(a)
        expect.tensor(got, torch.from_numpy(a.copy()), dtype="same")
        expect.true(not student.last.shares_memory(0),
                    f"{student.last.desc} shares memory with a: it must be an independent copy")


@function("from_numpy_copy")
def test_from_numpy_copy_write_through(student, rng):
    for a in _arrays(rng):
        rep = student.probe(probes.write_through, "from_numpy_copy", a)
        expect.true(rep["result_type"] == "Tensor",
                    f"from_numpy_copy must return a torch.Tensor, got {rep['result_type']}")
        expect.true(rep["result_to_input"] is not True and rep["input_to_result"] is not True,
                    f"from_numpy_copy(a: ndarray {a.dtype}{list(a.shape)}): writing into one changed the "
                    f"other: the tensor must be an independent copy")


# ---------------------------------------------------------------- scalar
@function("scalar", weight=2)
def test_scalar_returns_python_number(student, rng):
    cases = (
        (torch.tensor(rng.integer(-1000, 1000)), int),
        (torch.tensor([rng.integer(-1000, 1000)]), int),
        (rng.randn(1, 1), float),
        (rng.randn(1).reshape(()), float),
        (torch.tensor([[rng.choice([True, False])]]), bool),
    )
    for t, kind in cases:
        expect.scalar(student.scalar(t), t.item(), kind=kind)

"""Hidden checks of day2.reductions (常用运算函数)."""
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


def _matrices(rng):
    m, n = rng.integer(2, 4), rng.integer(5, 7)        # never square: dim 0 vs 1 shows in the shape
    yield rng.randn(m, n)
    yield rng.randint(-20, 20, (n, m))
    yield rng.randn(m, m + 1, dtype=torch.float64)


# ---------------------------------------------------------------- column_sums / row_sums
@function("column_sums")
def test_column_sums(student, rng):
    for t in _matrices(rng):
        expect.tensor(student.column_sums(t), t.sum(dim=0), atol=1e-5)


@function("row_sums")
def test_row_sums(student, rng):
    for t in _matrices(rng):
        expect.tensor(student.row_sums(t), t.sum(dim=1), atol=1e-5)


# ---------------------------------------------------------------- max_with_index
def _check_max(student, t, dim):
    # through a probe so that `return t.max(dim)` (a torch.return_types.max, a tuple subclass)
    # is accepted like a plain tuple
    got = student.probe(probes.as_plain_tuple, "max_with_index", t, dim)
    desc = f"max_with_index(tensor{list(t.shape)}:{str(t.dtype).replace('torch.', '')}, {dim})"
    expect.true(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{desc} must return a tuple (values, indices)")
    expect.tensor(student.last.args_after[0], t, dtype="same",
                  what=f"t after {desc} (it must leave its input unchanged)")
    ref = t.max(dim=dim)
    expect.tensor(got[0], ref.values, dtype="same", what=f"{desc}[0] (values)")
    expect.tensor(got[1], ref.indices, dtype=torch.int64, what=f"{desc}[1] (indices)")


@function("max_with_index", weight=2)
def test_max_with_index_2d(student, rng):
    t = rng.distinct(rng.integer(2, 4), rng.integer(5, 7))      # distinct values: no ties
    for dim in (0, 1, -1):
        _check_max(student, t, dim)
    m, n = rng.integer(3, 5), rng.integer(2, 4)
    ints = torch.randperm(m * n, generator=rng.torch).reshape(m, n)   # distinct ints
    for dim in (0, 1):
        _check_max(student, ints, dim)


@function("max_with_index")
def test_max_with_index_3d(student, rng):
    t = rng.distinct(2, 3, 4)
    for dim in (0, 1, 2):
        _check_max(student, t, dim)


# ---------------------------------------------------------------- float_mean
@function("float_mean", weight=2)
def test_float_mean_integer_input(student, rng):
    t = rng.randint(-50, 50, (rng.integer(2, 4), rng.integer(5, 7)))
    ref = t.to(torch.float32)
    expect.tensor(student.float_mean(t), ref.mean(), dtype=torch.float32, atol=1e-5)
    expect.tensor(student.float_mean(t, None), ref.mean(), dtype=torch.float32, atol=1e-5)
    for dim in (0, 1, -1):
        expect.tensor(student.float_mean(t, dim), ref.mean(dim=dim), dtype=torch.float32, atol=1e-5)
    expect.tensor(student.float_mean(t, dim=0), ref.mean(dim=0), dtype=torch.float32, atol=1e-5)


@function("float_mean")
def test_float_mean_floating_input_keeps_dtype(student, rng):
    for dtype in (torch.float32, torch.float64):
        t = rng.randn(rng.integer(2, 4), rng.integer(5, 7), dtype=dtype)
        expect.tensor(student.float_mean(t), t.mean(), dtype=dtype, atol=1e-5)
        for dim in (0, 1):
            expect.tensor(student.float_mean(t, dim), t.mean(dim=dim), dtype=dtype, atol=1e-5)


# ---------------------------------------------------------------- elementwise_math
_MATH_NAMES = ("t**2", "sqrt", "exp", "log")


def _check_math(student, t, float_dtype):
    got = student.elementwise_math(t)
    desc = student.last.desc
    expect.true(isinstance(got, (tuple, list)) and len(got) == 4,
                f"{desc} must return a tuple of 4 tensors (t**2, sqrt, exp, log)")
    f = t.to(torch.float64)
    refs = (f ** 2, f.sqrt(), f.exp(), f.log())
    for k, (g, e, n) in enumerate(zip(got, refs, _MATH_NAMES)):
        dtype = None if k == 0 else float_dtype
        expect.tensor(g, e, dtype=dtype, atol=1e-5, rtol=1e-5, what=f"{desc}[{k}] ({n})")


@function("elementwise_math", weight=2)
def test_elementwise_math_integer_input(student, rng):
    t = rng.randint(1, 10, rng.shape(2, 2, 5))          # positive ints, as in the notes
    _check_math(student, t, torch.float32)


@function("elementwise_math")
def test_elementwise_math_float_input(student, rng):
    t = rng.rand(*rng.shape(2, 2, 5)) * 4 + 0.1
    _check_math(student, t, None)

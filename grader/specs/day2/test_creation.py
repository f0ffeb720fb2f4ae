"""Hidden checks of day2.creation (张量创建)."""
import numpy as np
import torch

from grader.probes import day2 as probes
from grader.spec import expect, function


def _int_grid(rng, rows, cols, low=-50, high=50):
    return [[rng.integer(low, high) for _ in range(cols)] for _ in range(rows)]


def _float_grid(rng, rows, cols):
    # Python floats (torch infers float32 from the type, whatever the value)
    return [[round(rng.uniform(-10, 10), 3) for _ in range(cols)] for _ in range(rows)]


# ---------------------------------------------------------------- from_data
@function("from_data")
def test_from_data_ints_are_int64(student, rng):
    for rows, cols in ((rng.integer(2, 5), rng.integer(2, 5)), (1, rng.integer(3, 6))):
        data = _int_grid(rng, rows, cols)
        expect.tensor(student.from_data(data), torch.tensor(data), dtype=torch.int64)
    flat = [rng.integer(-9, 9) for _ in range(rng.integer(2, 6))]
    expect.tensor(student.from_data(flat), torch.tensor(flat), dtype=torch.int64)


@function("from_data")
def test_from_data_floats_are_float32(student, rng):
    data = _float_grid(rng, rng.integer(2, 4), rng.integer(2, 4))
    expect.tensor(student.from_data(data), torch.tensor(data), dtype=torch.float32)
    # a mix of ints and floats is promoted to float32
    mixed = [rng.integer(-9, 9), round(rng.uniform(-5, 5), 2), rng.integer(0, 9), rng.integer(-9, 0)]
    expect.tensor(student.from_data(mixed), torch.tensor(mixed), dtype=torch.float32)
    cube = [_float_grid(rng, 2, 3) for _ in range(rng.integer(2, 3))]
    expect.tensor(student.from_data(cube), torch.tensor(cube), dtype=torch.float32)


# ---------------------------------------------------------------- from_numpy_float
def _arrays(rng):
    shape = rng.shape(2, 2, 5)
    yield rng.np.integers(-20, 20, size=shape).astype(np.int64)
    yield rng.np.normal(size=shape).astype(np.float64)
    yield rng.np.normal(size=shape).astype(np.float32)
    yield rng.np.integers(0, 9, size=rng.shape(1, 2, 7)).astype(np.int32)


@function("from_numpy_float", weight=2)
def test_from_numpy_float_values_dtype_and_copy(student, rng):
    for arr in _arrays(rng):
        got = student.from_numpy_float(arr)
        expect.tensor(got, torch.tensor(arr, dtype=torch.float32), dtype=torch.float32)
        expect.true(
            not student.last.shares_memory(0),
            f"{student.last.desc} shares memory with arr: it must return a copy "
            f"(changing arr afterwards must not change the tensor)",
        )


@function("from_numpy_float", weight=2)
def test_from_numpy_float_write_through(student, rng):
    # float32 input is the trap: torch.from_numpy(arr).float() returns a view there
    for arr in (rng.np.normal(size=rng.shape(2, 2, 5)).astype(np.float32),
                rng.np.integers(-9, 9, size=rng.shape(1, 2, 6)).astype(np.int64)):
        rep = student.probe(probes.write_through, "from_numpy_float", arr)
        expect.true(
            rep["input_to_result"] is not True and rep["result_to_input"] is not True,
            f"from_numpy_float(arr: ndarray {arr.dtype}{list(arr.shape)}): writing into arr changed "
            f"the returned tensor (or the reverse): it must be an independent copy",
        )


# ---------------------------------------------------------------- uninitialized
@function("uninitialized")
def test_uninitialized_shape_and_dtype(student, rng):
    for rows, cols in ((rng.integer(2, 4), rng.integer(5, 7)), (rng.integer(5, 7), rng.integer(1, 4))):
        got = student.uninitialized(rows, cols)
        desc = student.last.desc
        expect.true(type(got) is torch.Tensor, f"{desc} returned {type(got).__name__}, expected a Tensor")
        expect.equal(tuple(got.shape), (rows, cols), what=f"{desc}: shape")
        expect.true(got.dtype == torch.float32, f"{desc}: dtype {got.dtype}, expected torch.float32")


# ---------------------------------------------------------------- constants_like
def _check_like(student, t, value):
    got = student.constants_like(t, value)
    desc = student.last.desc
    expect.true(isinstance(got, (tuple, list)) and len(got) == 3,
                f"{desc} must return a tuple of 3 tensors (ones, zeros, full), got {type(got).__name__}"
                + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""))
    names = ("ones_like", "zeros_like", "full_like")
    refs = (torch.ones_like(t), torch.zeros_like(t), torch.full_like(t, value))
    for k, (g, e, n) in enumerate(zip(got, refs, names)):
        expect.tensor(g, e, dtype="same", what=f"{desc}[{k}] ({n})")


@function("constants_like")
def test_constants_like_integer_tensor(student, rng):
    t = rng.randint(-9, 10, rng.shape(2, 2, 5))
    _check_like(student, t, rng.integer(2, 9))
    # a float value into an integer tensor: full_like keeps t's dtype (the value is truncated),
    # where ones_like(t) * value would turn float
    _check_like(student, t, rng.choice([-1, 1]) * (rng.integer(1, 8) + 0.5))


@function("constants_like")
def test_constants_like_float_tensors(student, rng):
    _check_like(student, rng.randn(*rng.shape(2, 2, 5)), round(rng.uniform(-5, 5), 3))
    # an int value into a float tensor: the result keeps t's dtype (not int64)
    _check_like(student, rng.randn(*rng.shape(3, 1, 4)), rng.integer(2, 9))
    _check_like(student, rng.randn(*rng.shape(2, 2, 4), dtype=torch.float64), round(rng.uniform(-3, 3), 3))
    # the values of t do not matter, inf and nan included (t * 0 is nan there)
    t = rng.randn(*rng.shape(2, 2, 4))
    flat = t.view(-1)
    flat[0], flat[-1], flat[flat.numel() // 2] = float("inf"), float("nan"), float("-inf")
    _check_like(student, t, round(rng.uniform(-5, 5), 3))


# ---------------------------------------------------------------- filled
@function("filled")
def test_filled_dtype_from_value(student, rng):
    cases = (
        (rng.shape(2, 1, 5), rng.integer(-20, 20)),           # int -> int64
        (rng.shape(3, 1, 4), round(rng.uniform(-5, 5), 2)),       # float -> float32
        (rng.shape(1, 2, 6), rng.choice([True, False])),     # bool -> bool
        (rng.shape(2, 1, 4), float(rng.integer(1, 9))),      # 3.0 is a float -> float32
    )
    for shape, value in cases:
        expect.tensor(student.filled(shape, value), torch.full(shape, value), dtype="same")


# ---------------------------------------------------------------- stepped_range
@function("stepped_range")
def test_stepped_range_integers(student, rng):
    start = rng.integer(-10, 10)
    step = rng.integer(2, 5)
    end = start + step * rng.integer(3, 8) + rng.integer(0, step - 1)
    expect.tensor(student.stepped_range(start, end, step), torch.arange(start, end, step), dtype=torch.int64)
    # a negative step counts down
    expect.tensor(student.stepped_range(end, start, -step), torch.arange(end, start, -step), dtype=torch.int64)


@function("stepped_range")
def test_stepped_range_floats(student, rng):
    start = round(rng.uniform(-5, 5), 2)
    step = round(rng.uniform(0.2, 1.5), 2)
    end = round(start + step * (rng.integer(3, 9) + rng.uniform(0.25, 0.75)), 3)
    expect.tensor(student.stepped_range(start, end, step), torch.arange(start, end, step),
                  dtype=torch.float32, atol=1e-5)
    # integer bounds with a float step still give float32
    lo, k = rng.integer(-3, 3), rng.integer(3, 7)
    expect.tensor(student.stepped_range(lo, lo + k, 0.5), torch.arange(lo, lo + k, 0.5),
                  dtype=torch.float32, atol=1e-5)


# ---------------------------------------------------------------- evenly_spaced
@function("evenly_spaced")
def test_evenly_spaced_is_count_not_step(student, rng):
    for _ in range(3):
        start = round(rng.uniform(-10, 10), 2)
        end = round(start + rng.choice([-1, 1]) * rng.uniform(2, 20), 2)
        steps = rng.integer(2, 15)
        expect.tensor(student.evenly_spaced(start, end, steps), torch.linspace(start, end, steps),
                      dtype=torch.float32, atol=1e-5)
    # integer bounds (as in the notes) still give float32
    a, b, n = rng.integer(0, 5), rng.integer(10, 30), rng.integer(3, 9)
    expect.tensor(student.evenly_spaced(a, b, n), torch.linspace(a, b, n), dtype=torch.float32, atol=1e-5)


# ---------------------------------------------------------------- seeded_samples
def _reference_draws(seed, shape):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(shape, generator=g), torch.randn(shape, generator=g),
            torch.randint(0, 10, shape, generator=g))


def _check_draws(student, seed, shape):
    got = student.seeded_samples(seed, shape)
    desc = student.last.desc
    expect.true(isinstance(got, (tuple, list)) and len(got) == 3,
                f"{desc} must return a tuple (rand, randn, randint) of 3 tensors")
    for k, (g, e, n) in enumerate(zip(got, _reference_draws(seed, shape), ("rand", "randn", "randint"))):
        expect.tensor(g, e, dtype="same", atol=1e-6, rtol=0, what=f"{desc}[{k}] ({n})")


@function("seeded_samples", weight=2)
def test_seeded_samples_match_draw_order(student, rng):
    for ndim in (1, 2, 3):
        _check_draws(student, rng.integer(0, 2**31 - 1), rng.shape(ndim, 1, 5))


@function("seeded_samples")
def test_seeded_samples_larger_shape_and_repeatable(student, rng):
    seed, shape = rng.integer(0, 10**6), (rng.integer(4, 7), rng.integer(5, 9))
    _check_draws(student, seed, shape)
    _check_draws(student, seed, shape)  # same seed, same draws

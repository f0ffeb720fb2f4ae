"""Hidden checks for day1.tensor_basics (数据操作)."""

import torch

from grader.probes import day1 as probes
from grader.spec import expect, function


def _parts(got, n, name):
    """The result must be a tuple of n items (a list is tolerated)."""
    expect.true(isinstance(got, (tuple, list)) and len(got) == n,
                f"{name} must return a tuple of {n} tensors, got {type(got).__name__}"
                + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""))
    return got


def _two_distinct(rng, low, high):
    a = rng.integer(low, high)
    b = rng.integer(low, high - 1)
    return a, (b + 1 if b >= a else b)


# ------------------------------------------------------------------------------------- grid
@function("grid")
def test_grid_random_shapes(student, rng):
    for _ in range(3):
        rows, cols = _two_distinct(rng, 2, 7)
        got = student.grid(rows, cols)
        expect.tensor(got, torch.arange(rows * cols).reshape(rows, cols), dtype=torch.int64)


@function("grid")
def test_grid_single_row_or_column(student, rng):
    n = rng.integer(2, 9)
    expect.tensor(student.grid(1, n), torch.arange(n).reshape(1, n), dtype=torch.int64)
    expect.tensor(student.grid(n, 1), torch.arange(n).reshape(n, 1), dtype=torch.int64)


# ------------------------------------------------------------------------------- slice_range
@function("slice_range")
def test_slice_range_inside(student, rng):
    n = rng.integer(6, 10)
    x = rng.randn(n, 3)
    start = rng.integer(0, n - 3)
    stop = rng.integer(start + 1, n - 1)
    expect.tensor(student.slice_range(x, start, stop), x[start:stop])


@function("slice_range")
def test_slice_range_negative_and_past_end(student, rng):
    n = rng.integer(6, 10)
    x = rng.randint(-50, 50, (n,))
    cases = [
        (-rng.integer(2, n - 1), n),                  # negative start
        (rng.integer(0, 2), -rng.integer(1, 3)),      # negative stop
        (rng.integer(1, n - 2), n + rng.integer(1, 5)),  # stop past the end
        (-n - rng.integer(1, 3), rng.integer(1, n)),  # start before the beginning
        (rng.integer(3, n - 1), rng.integer(0, 2)),   # empty: start after stop
        (n + 1, n + 3),                               # empty: both past the end
    ]
    for start, stop in cases:
        expect.tensor(student.slice_range(x, start, stop), x[start:stop])


# --------------------------------------------------------------------------------- every_kth
@function("every_kth")
def test_every_kth_vector(student, rng):
    n = rng.integer(8, 15)
    x = rng.randn(n)
    for k in (1, 2, rng.integer(3, 5), n + rng.integer(0, 3)):
        expect.tensor(student.every_kth(x, k), x[::k])


@function("every_kth")
def test_every_kth_matrix_rows(student, rng):
    n = rng.integer(7, 12)
    x = rng.randint(0, 100, (n, rng.integer(2, 4)))
    k = rng.integer(2, 4)
    expect.tensor(student.every_kth(x, k), x[::k])


# --------------------------------------------------------------------------------- constants
@function("constants")
def test_constants_random_shapes(student, rng):
    for ndim in (1, 2, 3):
        shape = rng.shape(ndim, low=1, high=5)
        zeros, ones = _parts(student.constants(shape), 2, "constants")
        expect.tensor(zeros, torch.zeros(shape), dtype=torch.float32, what=f"constants({shape})[0]")
        expect.tensor(ones, torch.ones(shape), dtype=torch.float32, what=f"constants({shape})[1]")


# ------------------------------------------------------------------------------- elementwise
_OPS = ("x+y", "x-y", "x*y", "x/y", "x**y")


def _check_elementwise(student, x, y):
    got = _parts(student.elementwise(x, y), 5, "elementwise")
    expected = (x + y, x - y, x * y, x / y, x ** y)
    for op, g, e in zip(_OPS, got, expected):
        expect.tensor(g, e, atol=1e-5, what=f"elementwise(x, y): {op}")


@function("elementwise")
def test_elementwise_float_and_int(student, rng):
    n = rng.integer(4, 8)
    x = rng.rand(n) * 4 + 0.5                 # positive floats, like [1.0, 2, 4, 8]
    y = rng.randint(1, 4, (n,))               # small positive ints, like [2, 2, 2, 2]
    _check_elementwise(student, x, y)


@function("elementwise")
def test_elementwise_integers_true_division(student, rng):
    x = rng.randint(1, 10, (2, rng.integer(3, 5)))
    y = rng.randint(1, 4, tuple(x.shape))
    _check_elementwise(student, x, y)


# ------------------------------------------------------------------------------- concat_both
@function("concat_both")
def test_concat_both(student, rng):
    for _ in range(2):
        rows, cols = _two_distinct(rng, 2, 5)
        X, Y = rng.randn(rows, cols), rng.randn(rows, cols)
        by_rows, by_cols = _parts(student.concat_both(X, Y), 2, "concat_both")
        expect.tensor(by_rows, torch.cat((X, Y), dim=0), what="concat_both(X, Y)[0] (dim=0)")
        expect.tensor(by_cols, torch.cat((X, Y), dim=1), what="concat_both(X, Y)[1] (dim=1)")


# -------------------------------------------------------------------------------- equal_mask
@function("equal_mask")
def test_equal_mask_integers(student, rng):
    shape = (rng.integer(2, 4), rng.integer(3, 5))
    X, Y = rng.randint(0, 3, shape), rng.randint(0, 3, shape)
    expect.tensor(student.equal_mask(X, Y), X == Y, dtype=torch.bool)


@function("equal_mask")
def test_equal_mask_floats(student, rng):
    X = rng.randn(3, 4)
    Y = X.clone()
    change = rng.rand(3, 4) < 0.5
    Y[change] += 1.0
    expect.tensor(student.equal_mask(X, Y), X == Y, dtype=torch.bool)


# ------------------------------------------------------------------------------------- total
@function("total")
def test_total_float(student, rng):
    X = rng.randn(rng.integer(2, 5), rng.integer(2, 5))
    expect.tensor(student.total(X), X.sum(), atol=1e-5)


@function("total")
def test_total_int(student, rng):
    X = rng.randint(-20, 20, (rng.integer(2, 4), rng.integer(2, 4), 2))
    expect.tensor(student.total(X), X.sum())


# ----------------------------------------------------------------------------- broadcast_add
@function("broadcast_add")
def test_broadcast_add_shapes(student, rng):
    r, c = _two_distinct(rng, 2, 5)
    pairs = [
        ((r, 1), (1, c)),
        ((c,), (r, c)),
        ((r, c), (r, 1)),
        ((2, 1, c), (r, 1)),
        ((r, c), (r, c)),
    ]
    for sa, sb in pairs:
        a, b = rng.randn(*sa), rng.randn(*sb)
        expect.tensor(student.broadcast_add(a, b), a + b)


# ---------------------------------------------------------------------------------- add_into
@function("add_into")
def test_add_into_in_place(student, rng):
    X = rng.randn(rng.integer(2, 4), rng.integer(2, 5))
    Y = rng.randn(*X.shape)
    student.call("add_into", X, Y, mutates=(0,))
    call = student.last
    expect.true(call.returned_arg(0),
                "add_into(X, Y) must return X itself (the same object), not a new tensor; "
                "X = X + Y only rebinds a local name — use X += Y or X[:] = X + Y")
    expect.tensor(call.args_after[0], X + Y, what="X after add_into(X, Y)")


@function("add_into")
def test_add_into_keeps_storage(student, rng):
    X = rng.randn(rng.integer(2, 5))
    Y = rng.randn(*X.shape)
    seen = student.probe(probes.in_place_identity, "add_into", X, Y)
    expect.true(seen["same_object"], "add_into(X, Y) must return X itself (the same object)")
    expect.true(seen["same_storage"],
                "add_into(X, Y) replaced X's memory (e.g. X.data = ...); add in place instead")
    expect.tensor(seen["x_after"], X + Y, what="X after add_into(X, Y)")


# --------------------------------------------------------------------------- broadcast_shape
def _torch_broadcast(sa, sb):
    try:
        return tuple(torch.broadcast_shapes(sa, sb))
    except RuntimeError:
        return None


def _compatible_pair(rng):
    n = rng.integer(1, 4)
    base = [rng.choice((0, 2, 3, 4, 5)) for _ in range(n)]
    a, b = list(base), list(base)
    for i in range(n):
        r = rng.integer(0, 2)
        if r == 1:
            a[i] = 1
        elif r == 2:
            b[i] = 1
    a = a[rng.integer(0, n):] if rng.integer(0, 1) else a
    b = b[rng.integer(0, n):] if rng.integer(0, 1) else b
    return tuple(a), tuple(b)


def _incompatible_pair(rng):
    while True:
        a, b = _compatible_pair(rng)
        a, b = list(a), list(b)
        # change one aligned dimension so that neither side is 1 and the sizes differ
        k = rng.integer(1, min(len(a), len(b))) if min(len(a), len(b)) else 0
        if k == 0:
            continue
        da = a[-k] if a[-k] != 1 else rng.choice((2, 3, 4))
        db = rng.choice([s for s in (0, 2, 3, 4, 5, 6) if s != da])
        a[-k], b[-k] = da, db
        return tuple(a), tuple(b)


@function("broadcast_shape")
def test_broadcast_shape_textbook_cases(student, rng):
    r, c = _two_distinct(rng, 2, 6)
    cases = [((r, 1), (1, c)), ((r, c), (c,)), ((c,), (r, c)), ((r, c), (r,)),
             ((), (r, c)), ((r, c), ()), ((1,), (r, 1, c))]
    for sa, sb in cases:
        expect.equal(student.broadcast_shape(sa, sb), _torch_broadcast(sa, sb))


@function("broadcast_shape")
def test_broadcast_shape_random_pairs(student, rng):
    for _ in range(6):
        sa, sb = _compatible_pair(rng)
        expect.equal(student.broadcast_shape(sa, sb), _torch_broadcast(sa, sb))
    for _ in range(4):
        sa, sb = _incompatible_pair(rng)
        expect.equal(student.broadcast_shape(sa, sb), _torch_broadcast(sa, sb))


@function("broadcast_shape")
def test_broadcast_shape_scalars_and_leading_mismatch(student, rng):
    # every run: two scalars (an empty result is still a shape, not "incompatible"), and shapes
    # whose last dimensions agree but an earlier one does not (also with sizes that divide)
    r, c = _two_distinct(rng, 2, 6)
    k = rng.integer(2, 3)
    cases = [((), ()), ((), (1,)), ((1, 1), ()), ((), (0,)),
             ((r, c), (k * r, c)), ((k * r, 1), (r, c)), ((r, 1, c), (k * r, c, 1)),
             ((2, r, c), (2, k * r, c)), ((r, c, 1), (c,))]
    for sa, sb in cases:
        expect.equal(student.broadcast_shape(sa, sb), _torch_broadcast(sa, sb))


@function("broadcast_shape")
def test_broadcast_shape_zero_size(student, rng):
    n, m = _two_distinct(rng, 2, 6)
    cases = [((0,), (1,)), ((1,), (0,)), ((0, 1), (1, m)), ((n, 0), (1,)), ((0,), (n,)),
             ((n, 0), (n, m)), ((0, m), (n, 1, m)), ((0, 1), (n,))]
    for sa, sb in cases:
        expect.equal(student.broadcast_shape(sa, sb), _torch_broadcast(sa, sb))

"""Hidden checks for day1.linear_algebra (线性代数)."""

import torch

from grader.spec import expect, function


def _distinct_shape(rng, ndim):
    """A shape whose sizes are pairwise distinct (2..6), so a wrong axis shows in the shape."""
    sizes = [int(s) for s in rng.np.choice(range(2, 7), ndim, replace=False)]
    return tuple(sizes)


# ------------------------------------------------------------------------------ sum_along
@function("sum_along")
def test_sum_along_every_axis(student, rng):
    A = rng.randn(*_distinct_shape(rng, 3))
    for axis in (0, 1, 2, -1, -2):
        expect.tensor(student.sum_along(A, axis), A.sum(axis), atol=1e-5)


@function("sum_along")
def test_sum_along_matrix(student, rng):
    A = rng.randint(-9, 10, _distinct_shape(rng, 2))
    for axis in (0, 1):
        expect.tensor(student.sum_along(A, axis), A.sum(axis))


# --------------------------------------------------------------------------- sum_keepdims
@function("sum_keepdims")
def test_sum_keepdims_every_axis(student, rng):
    A = rng.randn(*_distinct_shape(rng, 3))
    for axis in (0, 1, 2, -1):
        expect.tensor(student.sum_keepdims(A, axis), A.sum(axis, keepdim=True), atol=1e-5)


@function("sum_keepdims")
def test_sum_keepdims_matrix(student, rng):
    A = rng.randn(*_distinct_shape(rng, 2))
    for axis in (1, 0):
        expect.tensor(student.sum_keepdims(A, axis), A.sum(axis, keepdim=True), atol=1e-5)


# -------------------------------------------------------------------------- row_normalize
@function("row_normalize")
def test_row_normalize_rectangular(student, rng):
    r, c = _distinct_shape(rng, 2)
    A = rng.rand(r, c) + 0.5
    expect.tensor(student.row_normalize(A), A / A.sum(1, keepdim=True))


@function("row_normalize")
def test_row_normalize_square(student, rng):
    # square: A / A.sum(1) (no keepdims) runs but divides columns instead of rows
    n = rng.integer(3, 6)
    A = rng.rand(n, n) * 5 + 0.5
    expect.tensor(student.row_normalize(A), A / A.sum(1, keepdim=True))


# ----------------------------------------------------------------------------- mean_along
@function("mean_along")
def test_mean_along_every_axis(student, rng):
    A = rng.randn(*_distinct_shape(rng, 3))
    for axis in (0, 1, 2, -1):
        expect.tensor(student.mean_along(A, axis), A.mean(axis))


@function("mean_along")
def test_mean_along_float64(student, rng):
    A = rng.randn(*_distinct_shape(rng, 2), dtype=torch.float64) * 10 + 3
    for axis in (0, 1):
        expect.tensor(student.mean_along(A, axis), A.mean(axis), atol=1e-5)


# ------------------------------------------------------------------------- cumulative_sum
@function("cumulative_sum")
def test_cumulative_sum_matrix(student, rng):
    A = rng.randn(*_distinct_shape(rng, 2))
    for axis in (0, 1, -1):
        expect.tensor(student.cumulative_sum(A, axis), A.cumsum(axis), atol=1e-5)


@function("cumulative_sum")
def test_cumulative_sum_3d_integers(student, rng):
    A = rng.randint(-5, 6, _distinct_shape(rng, 3))
    for axis in (0, 1, 2):
        expect.tensor(student.cumulative_sum(A, axis), A.cumsum(axis))


# ------------------------------------------------------------------------------------ dot
@function("dot")
def test_dot(student, rng):
    for n in (rng.integer(2, 5), rng.integer(6, 12)):
        x, y = rng.randn(n), rng.randn(n)
        expect.tensor(student.dot(x, y), torch.dot(x, y), atol=1e-5)


# --------------------------------------------------------------------------------- matvec
@function("matvec")
def test_matvec_rectangular(student, rng):
    m, n = _distinct_shape(rng, 2)
    A, x = rng.randn(m, n), rng.randn(n)
    expect.tensor(student.matvec(A, x), torch.mv(A, x), atol=1e-5)


@function("matvec")
def test_matvec_square(student, rng):
    n = rng.integer(3, 6)
    A, x = rng.randn(n, n), rng.randn(n)
    expect.tensor(student.matvec(A, x), torch.mv(A, x), atol=1e-5)


# --------------------------------------------------------------------------------- matmul
@function("matmul")
def test_matmul_rectangular(student, rng):
    n, m, p = _distinct_shape(rng, 3)
    A, B = rng.randn(n, m), rng.randn(m, p)
    expect.tensor(student.matmul(A, B), torch.mm(A, B), atol=1e-5)


@function("matmul")
def test_matmul_square(student, rng):
    n = rng.integer(3, 6)
    A, B = rng.randn(n, n), rng.randn(n, n)
    expect.tensor(student.matmul(A, B), torch.mm(A, B), atol=1e-5)


# ------------------------------------------------------------------------- batched_matmul
@function("batched_matmul")
def test_batched_matmul_same_batch(student, rng):
    b, n, m, p = _distinct_shape(rng, 4)
    A, B = rng.randn(b, n, m), rng.randn(b, m, p)
    expect.tensor(student.batched_matmul(A, B), torch.matmul(A, B), atol=1e-5)


@function("batched_matmul")
def test_batched_matmul_broadcast(student, rng):
    b, n, m, p = _distinct_shape(rng, 4)
    cases = [
        (rng.randn(b, n, m), rng.randn(m, p)),            # batch @ matrix
        (rng.randn(n, m), rng.randn(b, m, p)),            # matrix @ batch
        (rng.randn(2, 1, n, m), rng.randn(b, m, p)),      # batch dims broadcast
    ]
    for A, B in cases:
        expect.tensor(student.batched_matmul(A, B), torch.matmul(A, B), atol=1e-5)


# -------------------------------------------------------------------------------- l2_norm
@function("l2_norm")
def test_l2_norm(student, rng):
    for n in (rng.integer(2, 5), rng.integer(6, 12)):
        x = rng.randn(n) * 3
        expect.tensor(student.l2_norm(x), torch.sqrt((x * x).sum()), atol=1e-5)


# -------------------------------------------------------------------------------- l1_norm
@function("l1_norm")
def test_l1_norm(student, rng):
    for n in (rng.integer(3, 5), rng.integer(6, 12)):
        x = rng.randn(n) * 3
        x[0] = -abs(float(x[0])) - 0.5  # at least one clearly negative entry
        expect.tensor(student.l1_norm(x), x.abs().sum(), atol=1e-5)


# ------------------------------------------------------------------------- frobenius_norm
@function("frobenius_norm")
def test_frobenius_norm(student, rng):
    for _ in range(2):
        r, c = _distinct_shape(rng, 2)
        A = rng.randn(r, c) * 2
        expect.tensor(student.frobenius_norm(A), torch.sqrt((A * A).sum()), atol=1e-5)


# -------------------------------------------------------------------------- reduced_shape
def _reference_shape(shape, axis, keepdims):
    return tuple(torch.empty(shape).sum(axis, keepdim=keepdims).shape)


def _cases(rng, count):
    out = []
    for _ in range(count):
        ndim = rng.integer(1, 4)
        shape = rng.shape(ndim, low=1, high=6)
        out.append((shape, rng.integer(-ndim, ndim - 1)))
    return out


@function("reduced_shape")
def test_reduced_shape_default_drops_axis(student, rng):
    shape = _distinct_shape(rng, 3)
    for axis in (0, 1, 2, -1, -3):
        expect.equal(student.reduced_shape(shape, axis), _reference_shape(shape, axis, False))
    for shape, axis in _cases(rng, 4):
        expect.equal(student.reduced_shape(shape, axis), _reference_shape(shape, axis, False))


@function("reduced_shape")
def test_reduced_shape_keepdims(student, rng):
    shape = _distinct_shape(rng, 3)
    for axis in (0, 2, -1, -2):
        expect.equal(student.reduced_shape(shape, axis, keepdims=True),
                     _reference_shape(shape, axis, True))
    for shape, axis in _cases(rng, 3):
        expect.equal(student.reduced_shape(shape, axis, True), _reference_shape(shape, axis, True))
        expect.equal(student.reduced_shape(shape, axis, False), _reference_shape(shape, axis, False))

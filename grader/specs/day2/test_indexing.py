"""Hidden checks of day2.indexing (索引)."""
import torch

from grader.spec import expect, function


def _matrix(rng):
    m, n = rng.integer(3, 5), rng.integer(6, 8)          # not square
    return rng.distinct(m, n)


# ---------------------------------------------------------------- row / column
@function("row")
def test_row(student, rng):
    t = _matrix(rng)
    for i in (0, rng.integer(1, t.shape[0] - 1), t.shape[0] - 1):
        expect.tensor(student.row(t, i), t[i], dtype="same")


@function("column")
def test_column(student, rng):
    t = _matrix(rng)
    for j in (0, rng.integer(1, t.shape[0] - 1), t.shape[1] - 1):
        expect.tensor(student.column(t, j), t[:, j], dtype="same")
    ints = rng.randint(0, 100, (rng.integer(6, 8), rng.integer(3, 4)))     # tall
    j = rng.integer(0, ints.shape[1] - 1)
    expect.tensor(student.column(ints, j), ints[:, j], dtype="same")


# ---------------------------------------------------------------- pick
@function("pick", weight=2)
def test_pick_pairs_row_and_column_lists(student, rng):
    t = _matrix(rng)
    m, n = t.shape
    for k in (2, rng.integer(3, 6)):
        rows = [rng.integer(0, m - 1) for _ in range(k)]
        cols = [rng.integer(0, n - 1) for _ in range(k)]
        cols[0] = rng.integer(m, n - 1)           # a column index that is not a valid row index
        expect.tensor(student.pick(t, rows, cols), t[rows, cols], dtype="same")


# ---------------------------------------------------------------- top_left
@function("top_left")
def test_top_left(student, rng):
    t = _matrix(rng)
    m, n = t.shape
    for r, c in ((rng.integer(1, m - 1), rng.integer(m, n)), (m, 1), (rng.integer(2, m), rng.integer(1, n - 1))):
        if r == c:
            c = c + 1 if c < n else c - 1
        expect.tensor(student.top_left(t, r, c), t[:r, :c], dtype="same")


# ---------------------------------------------------------------- odd_rows_even_cols
@function("odd_rows_even_cols")
def test_odd_rows_even_cols(student, rng):
    for m, n in ((rng.integer(4, 7), rng.integer(4, 7)), (5, 4), (2, 3)):
        t = rng.distinct(m, n)
        expect.tensor(student.odd_rows_even_cols(t), t[1::2, ::2], dtype="same")


# ---------------------------------------------------------------- rows_where
def _with_ties(rng):
    """An int matrix and a column in which the threshold value occurs, with values above it."""
    m, n = rng.integer(6, 9), rng.integer(3, 5)
    t = rng.randint(0, 10, (m, n))
    col = rng.integer(0, n - 1)
    threshold = rng.integer(3, 6)
    # make sure some rows are equal to, above and below the threshold in that column
    t[0, col], t[1, col], t[2, col] = threshold, threshold + 2, threshold - 2
    t = t[torch.randperm(m, generator=rng.torch)]
    return t, col, threshold


@function("rows_where", weight=2)
def test_rows_where_strictly_greater(student, rng):
    t, col, threshold = _with_ties(rng)
    expect.tensor(student.rows_where(t, col, threshold), t[t[:, col] > threshold], dtype="same")
    # floats, with the threshold equal to an element of the column
    f = rng.distinct(rng.integer(5, 8), rng.integer(2, 4))
    c = rng.integer(0, f.shape[1] - 1)
    thr = f[rng.integer(0, f.shape[0] - 1), c].item()
    expect.tensor(student.rows_where(f, c, thr), f[f[:, c] > thr], dtype="same")


@function("rows_where")
def test_rows_where_no_row_matches(student, rng):
    t, col, _ = _with_ties(rng)
    threshold = int(t[:, col].max())          # nothing is strictly greater: shape (0, n)
    expect.tensor(student.rows_where(t, col, threshold), t[t[:, col] > threshold], dtype="same")


# ---------------------------------------------------------------- select_along
@function("select_along", weight=2)
def test_select_along_every_axis(student, rng):
    for ndim in (2, 3, 4):
        t = rng.randn(*rng.shape(ndim, 2, 5))
        for axis in range(ndim):
            i = rng.integer(0, t.shape[axis] - 1)
            expect.tensor(student.select_along(t, axis, i), t.select(axis, i), dtype="same")


@function("select_along")
def test_select_along_keeps_other_unit_axes(student, rng):
    # size-1 axes elsewhere must stay: only `axis` is removed
    t = rng.randn(1, rng.integer(2, 4), 1, rng.integer(2, 4))
    for axis in (1, 3):
        i = rng.integer(0, t.shape[axis] - 1)
        expect.tensor(student.select_along(t, axis, i), t.select(axis, i), dtype="same")
    expect.tensor(student.select_along(t, 2, 0), t.select(2, 0), dtype="same")

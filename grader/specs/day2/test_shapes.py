"""Hidden checks of day2.shapes (形状操作).

Non-contiguous inputs are built inside the worker by probes (transpose / permute / slice of a
contiguous tensor), so these checks do not depend on how tensors travel to the worker.
"""

from grader.probes import day2 as probes
from grader.spec import expect, function


def _on_view(student, probe, name, what, *args):
    """Call `name` on a view made in the worker by `probe`; fail with a message naming `what`."""
    rep = student.probe(probe, name, *args)
    expect.true(isinstance(rep, dict) and "ok" in rep, f"{what}: the call did not report back")
    expect.true(rep["ok"], f"{what} raised {rep.get('error')}")
    return rep["value"]


def _factorizations(n, max_parts=4):
    """All ordered factorizations of n into 1..max_parts factors ≥ 2 (plus (n,))."""
    out = [(n,)]

    def rec(rest, prefix):
        for f in range(2, rest + 1):
            if rest % f == 0:
                shape = prefix + (f,)
                if rest // f == 1:
                    out.append(shape)
                elif len(shape) < max_parts:
                    rec(rest // f, shape)
    rec(n, ())
    return sorted(set(out))


def _target(rng, n, min_ndim=1, minus_one=True, avoid=None):
    # `avoid`: the input's own shape (view to the same shape works even on a transpose)
    shapes = [s for s in _factorizations(n) if len(s) >= min_ndim and s != avoid]
    shape = list(rng.choice(shapes))
    if minus_one:
        shape[rng.integer(0, len(shape) - 1)] = -1
    return tuple(shape)


# ---------------------------------------------------------------- reshape_to
@function("reshape_to")
def test_reshape_to_contiguous(student, rng):
    t = rng.randn(2, 3, 4)
    for shape in (_target(rng, 24, minus_one=False), _target(rng, 24, min_ndim=2),
                  _target(rng, 24, min_ndim=3), (-1,)):
        expect.tensor(student.reshape_to(t, shape), t.reshape(shape), dtype="same")


@function("reshape_to", weight=2)
def test_reshape_to_non_contiguous(student, rng):
    t = rng.randn(rng.integer(2, 3), 6)
    n = t.numel()
    flipped = (t.shape[1], t.shape[0])
    for shape in (_target(rng, n, min_ndim=2, minus_one=False, avoid=flipped),
                  _target(rng, n, min_ndim=2, avoid=flipped)):
        what = f"reshape_to(t.transpose(0, 1), {shape}) with t of shape {tuple(t.shape)}"
        got = _on_view(student, probes.on_transposed, "reshape_to", what, t, 0, 1, shape)
        expect.tensor(got, t.transpose(0, 1).reshape(shape), dtype="same", what=what)
    c = rng.randn(2, 3, 4)
    shape = _target(rng, 24, min_ndim=3, avoid=(4, 2, 3))
    what = f"reshape_to(t.permute(2, 0, 1), {shape}) with t of shape (2, 3, 4)"
    got = _on_view(student, probes.on_permuted, "reshape_to", what, c, (2, 0, 1), shape)
    expect.tensor(got, c.permute(2, 0, 1).reshape(shape), dtype="same", what=what)


# ---------------------------------------------------------------- add_axis
@function("add_axis")
def test_add_axis_every_position(student, rng):
    t = rng.randn(*rng.shape(rng.integer(2, 3), 2, 4))
    for dim in range(-t.dim() - 1, t.dim() + 1):
        expect.tensor(student.add_axis(t, dim), t.unsqueeze(dim), dtype="same")


# ---------------------------------------------------------------- drop_unit_axes
def _with_unit_axes(rng, ndim, ones):
    shape = list(rng.shape(ndim, 2, 4))
    for pos in rng.py.sample(range(ndim), ones):
        shape[pos] = 1
    return tuple(shape)


@function("drop_unit_axes", weight=2)
def test_drop_unit_axes_several(student, rng):
    for ndim, ones in ((5, 3), (4, 2), (3, 1)):
        t = rng.randn(*_with_unit_axes(rng, ndim, ones))
        expect.tensor(student.drop_unit_axes(t), t.squeeze(), dtype="same")
    t = rng.randn(1, rng.integer(2, 4), 1, 1)         # leading and trailing unit axes
    expect.tensor(student.drop_unit_axes(t), t.squeeze(), dtype="same")


@function("drop_unit_axes")
def test_drop_unit_axes_edge_cases(student, rng):
    t = rng.randn(1, 1, 1)                             # every axis has size 1 -> 0-d
    expect.tensor(student.drop_unit_axes(t), t.squeeze(), dtype="same")
    t = rng.randn(*rng.shape(2, 2, 4))                 # no unit axis: unchanged
    expect.tensor(student.drop_unit_axes(t), t.squeeze(), dtype="same")


# ---------------------------------------------------------------- swap_axes
@function("swap_axes")
def test_swap_axes(student, rng):
    t = rng.distinct(2, 3, 4)
    for d0, d1 in ((0, 1), (0, 2), (1, 2), (-1, 0), (2, -2)):
        expect.tensor(student.swap_axes(t, d0, d1), t.transpose(d0, d1), dtype="same")
    m = rng.distinct(rng.integer(2, 3), rng.integer(4, 5))
    expect.tensor(student.swap_axes(m, 1, 0), m.transpose(1, 0), dtype="same")


# ---------------------------------------------------------------- reorder_axes
@function("reorder_axes")
def test_reorder_axes(student, rng):
    t = rng.distinct(2, 3, 4)
    for dims in ((2, 0, 1), (1, 2, 0), (0, 2, 1)):
        expect.tensor(student.reorder_axes(t, dims), t.permute(dims), dtype="same")
    u = rng.distinct(2, 3, 4, 5)
    dims = tuple(rng.choice([(3, 1, 0, 2), (1, 3, 0, 2), (2, 0, 3, 1)]))
    expect.tensor(student.reorder_axes(u, dims), u.permute(dims), dtype="same")


# ---------------------------------------------------------------- flatten_any
@function("flatten_any")
def test_flatten_any_contiguous(student, rng):
    for ndim in (1, 2, 3):
        t = rng.randn(*rng.shape(ndim, 2, 5))
        expect.tensor(student.flatten_any(t), t.reshape(-1), dtype="same")


@function("flatten_any", weight=2)
def test_flatten_any_non_contiguous(student, rng):
    t = rng.distinct(rng.integer(2, 3), rng.integer(4, 5))
    what = f"flatten_any(t.transpose(0, 1)) with t of shape {tuple(t.shape)}"
    got = _on_view(student, probes.on_transposed, "flatten_any", what, t, 0, 1)
    expect.tensor(got, t.transpose(0, 1).reshape(-1), dtype="same", what=what)
    c = rng.distinct(2, 3, 4)
    for dims in ((2, 0, 1), (1, 0, 2)):
        what = f"flatten_any(t.permute{dims}) with t of shape (2, 3, 4)"
        got = _on_view(student, probes.on_permuted, "flatten_any", what, c, dims)
        expect.tensor(got, c.permute(dims).reshape(-1), dtype="same", what=what)
    what = "flatten_any(t[..., :2]) with t of shape (2, 3, 4)"
    got = _on_view(student, probes.on_sliced, "flatten_any", what, c, 2)
    expect.tensor(got, c[..., :2].reshape(-1), dtype="same", what=what)


# ---------------------------------------------------------------- viewable
@function("viewable", weight=2)
def test_viewable(student, rng):
    t = rng.randn(*rng.shape(rng.integer(2, 3), 2, 5))
    expect.scalar(student.viewable(t), True, kind=bool)
    m = rng.randn(rng.integer(2, 3), rng.integer(4, 5))
    what = f"viewable(t.transpose(0, 1)) with t of shape {tuple(m.shape)}"
    expect.scalar(_on_view(student, probes.on_transposed, "viewable", what, m, 0, 1), False, kind=bool, what=what)
    c = rng.randn(2, 3, 4)
    # (1, 0, 2) keeps the last stride 1 but is still not contiguous
    for dims in ((1, 0, 2), (0, 2, 1)):
        what = f"viewable(t.permute{dims}) with t of shape (2, 3, 4)"
        expect.scalar(_on_view(student, probes.on_permuted, "viewable", what, c, dims), False, kind=bool, what=what)
    what = f"viewable(t[:, :2]) with t of shape {tuple(m.shape)}"
    expect.scalar(_on_view(student, probes.on_sliced, "viewable", what, m, 2), False, kind=bool, what=what)
    what = f"viewable(t[:, :{m.shape[1]}]) with t of shape {tuple(m.shape)}"     # full slice: contiguous
    expect.scalar(_on_view(student, probes.on_sliced, "viewable", what, m, m.shape[1]), True, kind=bool, what=what)
    # a stepped 1-D slice is not contiguous, although view(-1) happens to work on it
    v = rng.randn(rng.integer(6, 9))
    step = rng.integer(2, 3)
    what = f"viewable(t[::{step}]) with t of shape {tuple(v.shape)}"
    expect.scalar(_on_view(student, probes.on_stepped, "viewable", what, v, step), False, kind=bool, what=what)
    # transposing an (n, 1) tensor gives a contiguous (1, n) one: the stride of a size-1 axis
    # does not matter
    col = rng.randn(rng.integer(3, 5), 1)
    what = f"viewable(t.transpose(0, 1)) with t of shape {tuple(col.shape)}"
    expect.scalar(_on_view(student, probes.on_transposed, "viewable", what, col, 0, 1), True, kind=bool, what=what)

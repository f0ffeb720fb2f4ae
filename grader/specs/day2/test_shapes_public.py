"""Public checks of day2.shapes: they ship with the exercises."""
from grader.probes import day2 as probes
from grader.spec import expect, function


def _on_view(student, probe, name, what, *args):
    """Call `name` on a view made in the worker by `probe`; fail with a message naming `what`."""
    rep = student.probe(probe, name, *args)
    expect.true(isinstance(rep, dict) and "ok" in rep, f"{what}: the call did not report back")
    expect.true(rep["ok"], f"{what} raised {rep.get('error')}")
    return rep["value"]


@function("reshape_to")
def test_reshape_to_with_minus_one(student, rng):
    t = rng.randint(1, 10, (2, 3))
    expect.tensor(student.reshape_to(t, (3, -1)), t.reshape(3, -1))


@function("flatten_any")
def test_flatten_any_after_transpose(student, rng):
    t = rng.randint(1, 10, (2, 3))
    what = "flatten_any(t.transpose(0, 1))"
    got = _on_view(student, probes.on_transposed, "flatten_any", what, t, 0, 1)
    expect.tensor(got, t.transpose(0, 1).reshape(-1), what=what)


@function("viewable")
def test_viewable_contiguous_and_transposed(student, rng):
    t = rng.randint(1, 10, (2, 3))
    expect.scalar(student.viewable(t), True, kind=bool)
    what = "viewable(t.transpose(0, 1))"
    expect.scalar(_on_view(student, probes.on_transposed, "viewable", what, t, 0, 1), False, kind=bool, what=what)

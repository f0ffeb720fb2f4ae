"""Public checks of day2.shapes: they ship with the exercises."""
from grader.probes import day2 as probes
from grader.spec import expect, function


@function("reshape_to")
def test_reshape_to_with_minus_one(student, rng):
    t = rng.randint(1, 10, (2, 3))
    expect.tensor(student.reshape_to(t, (3, -1)), t.reshape(3, -1))


@function("flatten_any")
def test_flatten_any_after_transpose(student, rng):
    t = rng.randint(1, 10, (2, 3))
    got = student.probe(probes.on_transposed, "flatten_any", t, 0, 1)
    expect.tensor(got, t.transpose(0, 1).reshape(-1), what="flatten_any(t.transpose(0, 1))")


@function("viewable")
def test_viewable_contiguous_and_transposed(student, rng):
    t = rng.randint(1, 10, (2, 3))
    expect.scalar(student.viewable(t), True, kind=bool)
    got = student.probe(probes.on_transposed, "viewable", t, 0, 1)
    expect.scalar(got, False, kind=bool, what="viewable(t.transpose(0, 1))")

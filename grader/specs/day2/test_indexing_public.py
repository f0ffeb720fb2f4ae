"""Public checks of day2.indexing: they ship with the exercises."""
from grader.spec import expect, function


@function("pick")
def test_pick_example(student, rng):
    t = rng.randint(1, 10, (5, 5))
    expect.tensor(student.pick(t, [0, 1], [1, 2]), t[[0, 1], [1, 2]])


@function("rows_where")
def test_rows_where_column(student, rng):
    t = rng.randint(1, 10, (5, 5))
    expect.tensor(student.rows_where(t, 2, 5), t[t[:, 2] > 5])


@function("select_along")
def test_select_along_axis1(student, rng):
    t = rng.randint(1, 10, (2, 3, 4))
    expect.tensor(student.select_along(t, 1, 0), t[:, 0, :])

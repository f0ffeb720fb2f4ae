"""Public checks for day1.tensor_basics (数据操作). The hidden checks test more cases."""

import torch

from grader.spec import expect, function


@function("grid")
def test_grid_public(student, rng):
    rows = rng.integer(2, 5)
    cols = rows + rng.integer(1, 3)
    expect.tensor(student.grid(rows, cols), torch.arange(rows * cols).reshape(rows, cols),
                  dtype=torch.int64)


@function("broadcast_add")
def test_broadcast_add_public(student, rng):
    # like the notes: (3, 1) + (1, 2) -> (3, 2), with random sizes and values
    r, c = rng.integer(2, 5), rng.integer(2, 5)
    a, b = rng.randn(r, 1), rng.randn(1, c)
    expect.tensor(student.broadcast_add(a, b), a + b)

"""Public checks for day1.linear_algebra (线性代数). The hidden checks test more cases."""

import torch

from grader.spec import expect, function


@function("sum_keepdims")
def test_sum_keepdims_public(student, rng):
    # like the notes' A.sum(axis=1, keepdims=True): (5, 4) -> (5, 1), with random sizes/values
    r = rng.integer(3, 6)
    A = rng.randn(r, r + rng.integer(1, 3))
    for axis in (1, 0):
        expect.tensor(student.sum_keepdims(A, axis), A.sum(axis, keepdim=True), atol=1e-5)


@function("matvec")
def test_matvec_public(student, rng):
    m = rng.integer(2, 5)
    n = m + rng.integer(1, 3)
    A, x = rng.randn(m, n), rng.randn(n)
    expect.tensor(student.matvec(A, x), torch.mv(A, x), atol=1e-5)

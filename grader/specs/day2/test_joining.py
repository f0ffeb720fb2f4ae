"""Hidden checks of day2.joining (拼接)."""
import torch

from grader.spec import expect, function


def _cat_inputs(rng, ndim, dim, count):
    base = list(rng.shape(ndim, 1, 4))
    tensors = []
    for _ in range(count):
        shape = list(base)
        shape[dim] = rng.integer(1, 4)
        tensors.append(rng.randn(*shape))
    return tensors


@function("cat_on", weight=2)
def test_cat_on_every_dim(student, rng):
    for ndim in (1, 2, 3):
        for dim in range(-ndim, ndim):
            tensors = _cat_inputs(rng, ndim, dim, rng.integer(2, 4))
            expect.tensor(student.cat_on(tensors, dim), torch.cat(tensors, dim), dtype="same")


@function("cat_on")
def test_cat_on_integer_4d(student, rng):
    dim = rng.integer(1, 3)
    base = list(rng.shape(4, 2, 3))
    tensors = []
    for _ in range(3):
        shape = list(base)
        shape[dim] = rng.integer(1, 3)
        tensors.append(rng.randint(0, 10, shape))
    expect.tensor(student.cat_on(tensors, dim), torch.cat(tensors, dim), dtype="same")


@function("stack_on", weight=2)
def test_stack_on_every_dim(student, rng):
    for ndim in (1, 2, 3):
        shape = rng.shape(ndim, 2, 4)
        for dim in range(-ndim - 1, ndim + 1):
            tensors = [rng.randn(*shape) for _ in range(rng.integer(2, 4))]
            expect.tensor(student.stack_on(tensors, dim), torch.stack(tensors, dim), dtype="same")


@function("stack_on")
def test_stack_on_integer(student, rng):
    shape = rng.shape(2, 2, 4)
    tensors = [rng.randint(0, 10, shape) for _ in range(rng.integer(2, 5))]
    for dim in (0, 1, 2):
        expect.tensor(student.stack_on(tensors, dim), torch.stack(tensors, dim), dtype="same")

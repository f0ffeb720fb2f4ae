"""Public checks of day2.conversion: they ship with the exercises."""
import torch

from grader.spec import expect, function


@function("all_casts")
def test_all_casts_dtypes(student, rng):
    t = rng.randn(2, 3) * 10
    got = student.all_casts(t)
    dtypes = (torch.float16, torch.float32, torch.float64, torch.int16, torch.int32, torch.int64)
    expect.true(isinstance(got, (tuple, list)) and len(got) == 6, "all_casts must return 6 tensors")
    for k, dt in enumerate(dtypes):
        expect.tensor(got[k], t.to(dt), dtype=dt, atol=1e-2, what=f"all_casts(t)[{k}]")


@function("to_numpy_shared")
def test_to_numpy_shared_shares(student, rng):
    t = rng.randint(0, 10, (5,))
    got = student.to_numpy_shared(t)
    expect.array(got, t.numpy(), dtype="same")
    expect.true(student.last.shares_memory(0), "to_numpy_shared(t) must share memory with t")


@function("scalar")
def test_scalar_is_python_int(student, rng):
    v = rng.integer(0, 1000)
    expect.scalar(student.scalar(torch.tensor(v)), v, kind=int)

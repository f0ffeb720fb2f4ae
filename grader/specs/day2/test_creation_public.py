"""Public checks of day2.creation (张量创建): they ship with the exercises."""
import torch

from grader.spec import expect, function


@function("from_data")
def test_from_data_infers_dtype(student, rng):
    ints = [[rng.integer(-9, 9) for _ in range(3)] for _ in range(2)]
    expect.tensor(student.from_data(ints), torch.tensor(ints), dtype=torch.int64)
    floats = [round(rng.uniform(-5, 5), 2), round(rng.uniform(-5, 5), 2)]
    expect.tensor(student.from_data(floats), torch.tensor(floats), dtype=torch.float32)


@function("evenly_spaced")
def test_evenly_spaced_third_argument_is_count(student, rng):
    start, end, steps = rng.integer(0, 3), rng.integer(8, 12), rng.integer(4, 8)
    expect.tensor(student.evenly_spaced(start, end, steps), torch.linspace(start, end, steps),
                  dtype=torch.float32, atol=1e-5)


@function("seeded_samples")
def test_seeded_samples_same_as_manual_seed(student, rng):
    seed, shape = rng.integer(0, 10**6), (2, 3)
    g = torch.Generator().manual_seed(seed)
    ref = (torch.rand(shape, generator=g), torch.randn(shape, generator=g),
           torch.randint(0, 10, shape, generator=g))
    got = student.seeded_samples(seed, shape)
    expect.true(isinstance(got, (tuple, list)) and len(got) == 3,
                "seeded_samples must return a tuple (rand, randn, randint)")
    for k, (g_, e) in enumerate(zip(got, ref)):
        expect.tensor(g_, e, dtype="same", what=f"seeded_samples({seed}, {shape})[{k}]")

"""Public checks for day3.linreg_scratch (线性回归从零实现). The hidden checks test more cases."""

import torch

from grader.probes.day3 import consume_batches
from grader.spec import expect, function


@function("linreg")
def test_linreg_public(student, rng):
    n, d = rng.integer(3, 8), rng.integer(2, 4)
    X, w, b = rng.randn(n, d), rng.randn(d, 1), rng.randn(1) + 2
    expect.tensor(student.linreg(X, w, b), X @ w + b, atol=1e-5)


@function("squared_loss")
def test_squared_loss_public(student, rng):
    # per-example loss, not the mean; y of shape (n,) is reshaped to y_hat's (n, 1)
    n = rng.integer(3, 9)
    y_hat, y = rng.randn(n, 1), rng.randn(n)
    expect.tensor(student.squared_loss(y_hat, y), (y_hat - y.reshape(n, 1)) ** 2 / 2, atol=1e-6)


@function("data_iter")
def test_data_iter_public(student, rng):
    # like the book: every example once per pass, batches of batch_size, the last one smaller
    bs = rng.integer(3, 8)
    n = bs * rng.integer(3, 6) + rng.integer(1, bs - 1)
    features = torch.arange(n, dtype=torch.float32).reshape(n, 1)
    labels = 10 * features
    desc = f"data_iter({bs}, features: {n}×1, labels: {n}×1)"
    batches = student.probe(consume_batches, "data_iter", bs, features, labels)
    expect.true(type(batches) is list and all(type(b) is tuple and len(b) == 2 for b in batches),
                f"{desc} must yield (X_batch, y_batch) pairs")
    expect.true(all(type(t) is torch.Tensor for b in batches for t in b), f"{desc} must yield tensors")
    sizes = [int(X.shape[0]) for X, _ in batches]
    want = [bs] * (n // bs) + [n % bs]
    expect.true(sizes == want, f"{desc} yielded batches of sizes {sizes}, expected {want}")
    order = [int(v) for X, _ in batches for v in X.reshape(-1).tolist()]
    expect.true(sorted(order) == list(range(n)), f"{desc} did not yield every example exactly once")
    for X, y in batches:
        expect.true(torch.equal(y.reshape(-1), 10 * X.reshape(-1)), f"{desc} separated features from labels")

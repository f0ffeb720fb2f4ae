"""Hidden checks for day3.linreg_scratch (线性回归从零实现)."""

import math

import torch

from grader.probes.day3 import consume_batches, sgd_step
from grader.probes.day3_hidden import train_isolated
from grader.spec import expect, function

# Statistical checks use 6-sigma bounds: a correct implementation fails one of them with
# probability well below 1e-6.
SIGMAS = 6.0


def _true_params(rng, d):
    w = torch.tensor([round(rng.uniform(1.0, 5.0), 3) * rng.choice((-1, 1)) for _ in range(d)])
    b = round(rng.uniform(1.0, 5.0), 3) * rng.choice((-1, 1))
    return w, b


def _batches(report, desc):
    """Validate the probe's list of batches: each a pair of tensors."""
    expect.true(type(report) is list, f"{desc} did not yield batches")
    for i, batch in enumerate(report):
        expect.true(type(batch) is tuple and len(batch) == 2
                    and all(type(t) is torch.Tensor for t in batch),
                    f"{desc}: batch {i} is not a pair (X_batch, y_batch) of tensors")
    return report


# --------------------------------------------------------------------------- synthetic_data
@function("synthetic_data")
def test_synthetic_data_shapes(student, rng):
    d = rng.integer(1, 4)
    n = rng.integer(20, 80)
    w, b = _true_params(rng, d)
    got = student.synthetic_data(w, b, n)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 2, f"{desc} must return a tuple (X, y)")
    X, y = got
    expect.true(type(X) is torch.Tensor and tuple(X.shape) == (n, d),
                f"{desc}: X has {_shape(X)}, expected shape {(n, d)}")
    expect.true(type(y) is torch.Tensor and tuple(y.shape) == (n, 1),
                f"{desc}: y has {_shape(y)}, expected shape {(n, 1)} (a column: y.reshape((-1, 1)))")


def _shape(t):
    return f"shape {tuple(t.shape)}" if type(t) is torch.Tensor else f"type {type(t).__name__}"


@function("synthetic_data")
def test_synthetic_data_statistics(student, rng):
    d = rng.integer(2, 4)
    n = 3000
    w, b = _true_params(rng, d)
    got = student.synthetic_data(w, b, n)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 2, f"{desc} must return a tuple (X, y)")
    X, y = got
    expect.true(type(X) is torch.Tensor and tuple(X.shape) == (n, d), f"{desc}: X has {_shape(X)}")
    expect.true(type(y) is torch.Tensor and tuple(y.shape) == (n, 1), f"{desc}: y has {_shape(y)}")
    X, y = X.double(), y.double().reshape(-1)
    N = X.numel()
    mean, std = X.mean().item(), X.std().item()
    expect.true(abs(mean) < SIGMAS / math.sqrt(N),
                f"{desc}: the features have mean {mean:.4f}; X should be drawn from N(0, 1)")
    expect.true(abs(std - 1) < SIGMAS / math.sqrt(2 * N),
                f"{desc}: the features have standard deviation {std:.4f}; X should be drawn from N(0, 1)")
    noise = y - (X @ w.double() + b)
    nmean, nstd = noise.mean().item(), noise.std().item()
    expect.true(abs(nmean) < SIGMAS * 0.01 / math.sqrt(n),
                f"{desc}: y - (Xw + b) has mean {nmean:.4f}, expected ≈ 0 (is b added? does y follow Xw + b?)")
    expect.true(abs(nstd - 0.01) < SIGMAS * 0.01 / math.sqrt(2 * n),
                f"{desc}: the noise y - (Xw + b) has standard deviation {nstd:.5f}, expected 0.01")


# -------------------------------------------------------------------------------- data_iter
@function("data_iter")
def test_data_iter_batch_sizes(student, rng):
    b = rng.integer(3, 9)
    cases = [(b * rng.integer(3, 6) + rng.integer(1, b - 1), b),   # a short last batch
             (b * rng.integer(3, 6), b),                             # n divisible by b
             (rng.integer(3, 9), 10)]                                # one batch smaller than b
    for n, bs in cases:
        d = rng.integer(1, 3)
        features, labels = rng.randn(n, d), rng.randn(n, 1)
        desc = f"data_iter({bs}, features: {n}×{d}, labels: {n}×1)"
        batches = _batches(student.probe(consume_batches, "data_iter", bs, features, labels, desc=desc), desc)
        sizes = [int(X.shape[0]) for X, _ in batches]
        want = [bs] * (n // bs) + ([n % bs] if n % bs else [])
        expect.true(sizes == want, f"{desc} yielded batches of sizes {sizes}, expected {want}")
        for X, y in batches:
            expect.true(tuple(X.shape[1:]) == (d,) and tuple(y.shape) == (X.shape[0], 1),
                        f"{desc} yielded a batch of shapes {tuple(X.shape)}, {tuple(y.shape)}; "
                        f"expected (size, {d}) and (size, 1)")


@function("data_iter")
def test_data_iter_every_example_once_and_paired(student, rng):
    n, bs = rng.integer(40, 70), rng.integer(4, 12)
    features = rng.distinct(n, 2)
    labels = rng.randn(n, 1)
    index = {tuple(row): i for i, row in enumerate(features.tolist())}
    desc = f"data_iter({bs}, features: {n}×2, labels: {n}×1)"
    batches = _batches(student.probe(consume_batches, "data_iter", bs, features, labels, desc=desc), desc)
    seen = []
    for X, y in batches:
        expect.true(X.dim() == 2 and X.shape[1] == 2 and y.numel() == X.shape[0],
                    f"{desc} yielded a batch of shapes {tuple(X.shape)}, {tuple(y.shape)}")
        for row, label in zip(X.tolist(), y.reshape(-1).tolist()):
            i = index.get(tuple(row))
            expect.true(i is not None, f"{desc} yielded a feature row that is not in the data")
            expect.true(label == labels[i, 0].item(),
                        f"{desc} yielded a feature row with another example's label; "
                        "index features and labels with the same indices")
            seen.append(i)
    missing = n - len(set(seen))
    expect.true(len(seen) == n and missing == 0,
                f"{desc} yielded {len(seen)} examples ({len(set(seen))} different) in one pass; "
                f"expected each of the {n} examples exactly once")


@function("data_iter")
def test_data_iter_shuffles(student, rng):
    n, bs = 60, rng.integer(5, 12)
    features = torch.arange(n, dtype=torch.float32).reshape(n, 1)
    labels = -features
    desc = f"data_iter({bs}, features: {n}×1, labels: {n}×1)"
    batches = _batches(student.probe(consume_batches, "data_iter", bs, features, labels, desc=desc), desc)
    order = [int(v) for X, _ in batches for v in X.reshape(-1).tolist()]
    expect.true(sorted(order) == list(range(n)), f"{desc} did not yield each example exactly once")
    expect.true(order != list(range(n)),
                f"{desc} yielded the examples in their original order; shuffle the indices first "
                "(random.shuffle)")


# ----------------------------------------------------------------------------------- linreg
@function("linreg")
def test_linreg(student, rng):
    for _ in range(2):
        n, d = rng.integer(3, 8), rng.integer(1, 4)
        X, w, b = rng.randn(n, d), rng.randn(d, 1), rng.randn(1) + 2
        expect.tensor(student.linreg(X, w, b), X @ w + b, atol=1e-5)


# ----------------------------------------------------------------------------- squared_loss
@function("squared_loss")
def test_squared_loss_per_example(student, rng):
    n = rng.integer(3, 9)
    y_hat, y = rng.randn(n, 1), rng.randn(n, 1)
    expect.tensor(student.squared_loss(y_hat, y), (y_hat - y) ** 2 / 2, atol=1e-6)


@function("squared_loss")
def test_squared_loss_reshapes_y(student, rng):
    n = rng.integer(3, 9)
    y_hat, y = rng.randn(n, 1), rng.randn(n)
    expect.tensor(student.squared_loss(y_hat, y), (y_hat - y.reshape(n, 1)) ** 2 / 2, atol=1e-6)


# -------------------------------------------------------------------------------------- sgd
def _sgd_case(rng):
    d = rng.integer(2, 4)
    values = [rng.randn(d, 1), rng.randn(1)]
    grads = [rng.randn(d, 1) * 3, rng.randn(1) * 3]
    lr, batch_size = round(rng.uniform(0.01, 0.5), 3), rng.integer(2, 32)
    return values, grads, lr, batch_size


@function("sgd")
def test_sgd_updates_in_place(student, rng):
    values, grads, lr, batch_size = _sgd_case(rng)
    desc = f"sgd([w, b], lr={lr}, batch_size={batch_size})"
    report = student.probe(sgd_step, "sgd", values, grads, lr, batch_size, desc=desc)
    for name, v, g, got in zip(("w", "b"), values, grads, report["values"]):
        expect.tensor(got, v - lr * g / batch_size, atol=1e-6,
                      what=f"{name} after {desc} (expected {name} - lr * {name}.grad / batch_size)")
    expect.true(all(report["same_storage"]),
                f"{desc} replaced the parameters' memory (e.g. p.data = ...); update them in place "
                "under torch.no_grad() (p -= ...)")
    expect.true(all(report["requires_grad"]),
                f"{desc} turned off requires_grad of a parameter")


@function("sgd")
def test_sgd_clears_gradients(student, rng):
    values, grads, lr, batch_size = _sgd_case(rng)
    desc = f"sgd([w, b], lr={lr}, batch_size={batch_size})"
    report = student.probe(sgd_step, "sgd", values, grads, lr, batch_size, desc=desc)
    for name, grad in zip(("w", "b"), report["grads"]):
        expect.true(grad is None or (type(grad) is torch.Tensor and not grad.any()),
                    f"{name}.grad after {desc} is not cleared; call {name}.grad.zero_() after the update")


# ------------------------------------------------------------------------------------ train
def _regression_data(rng, n, d):
    w, b = _true_params(rng, d)
    X = rng.randn(n, d)
    y = (X @ w + b).reshape(-1, 1) + 0.01 * rng.randn(n, 1)
    return X, y, w, b


def _check_train_result(got, desc, d, epochs):
    expect.true(type(got) is tuple and len(got) == 3, f"{desc} must return a tuple (w, b, losses)")
    w, b, losses = got
    expect.true(type(w) is torch.Tensor and tuple(w.shape) == (d, 1),
                f"{desc}: w has {_shape(w)}, expected shape {(d, 1)}")
    expect.true(type(b) is torch.Tensor and tuple(b.shape) == (1,),
                f"{desc}: b has {_shape(b)}, expected shape (1,)")
    expect.true(type(losses) is list and len(losses) == epochs
                and all(type(v) is float for v in losses),
                f"{desc}: losses must be a list of {epochs} Python floats (one per epoch)")
    return w, b, losses


def _full_loss(X, y, w, b):
    """Mean squared_loss (with its 1/2) over the whole data set, in float64."""
    return (((X.double() @ w.double() + b.double()) - y.double()) ** 2 / 2).mean().item()


@function("train")
def test_train_recovers_parameters(student, rng):
    d = rng.integer(2, 3)
    X, y, true_w, true_b = _regression_data(rng, 1000, d)
    desc = "train(features: 1000×%d, labels, lr=0.03, num_epochs=3, batch_size=10)" % d
    got = student.probe(train_isolated, "train", X, y, 0.03, 3, 10, desc=desc)
    w, b, losses = _check_train_result(got, desc, d, 3)
    expect.tensor(w.reshape(-1), true_w, atol=0.05,
                  what=f"w after {desc} (the true w; the data have noise 0.01)")
    expect.tensor(b, torch.tensor([true_b]), atol=0.05, what=f"b after {desc} (the true b)")
    final = _full_loss(X, y, w, b)
    expect.true(math.isclose(losses[-1], final, rel_tol=0.02, abs_tol=1e-7),
                f"{desc}: the last loss is {losses[-1]:.6g}, but the mean squared_loss (with its 1/2) "
                f"of the returned w, b over the whole data set is {final:.6g}")


@function("train")
def test_train_loss_curve_falls(student, rng):
    d = rng.integer(1, 3)
    X, y, _, _ = _regression_data(rng, 200, d)
    desc = "train(features: 200×%d, labels, lr=0.01, num_epochs=4, batch_size=8)" % d
    got = student.probe(train_isolated, "train", X, y, 0.01, 4, 8, desc=desc)
    w, b, losses = _check_train_result(got, desc, d, 4)
    expect.true(all(later < earlier for earlier, later in zip(losses, losses[1:])),
                f"{desc}: the loss per epoch should fall, got {[round(v, 5) for v in losses]}")
    final = _full_loss(X, y, w, b)
    expect.true(math.isclose(losses[-1], final, rel_tol=0.02, abs_tol=1e-7),
                f"{desc}: the last loss is {losses[-1]:.6g}, but the mean squared_loss (with its 1/2) "
                f"of the returned w, b over the whole data set is {final:.6g}")

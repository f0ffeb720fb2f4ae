"""Public checks for day3.linreg_scratch (线性回归从零实现): the docstring examples and the property
that defines each function, on small fixed inputs. The hidden checks use random inputs.

Public checks carry a small weight: the hidden checks decide the score."""

import math

import torch

from grader.probes.day3 import consume_batches, sgd_step
from grader.spec import expect, function

SIGMAS = 6.0  # statistical bounds: a correct implementation fails them with probability < 1e-6


def _pairs(batches, desc):
    """The probe's list of batches, each checked to be a pair (X_batch, y_batch) of tensors."""
    expect.true(type(batches) is list and all(type(b) is tuple and len(b) == 2 for b in batches),
                f"{desc} must yield (X_batch, y_batch) pairs")
    expect.true(all(type(t) is torch.Tensor for b in batches for t in b), f"{desc} must yield tensors")
    return batches


# --------------------------------------------------------------------------- synthetic_data
@function("synthetic_data")
def test_synthetic_data_example(student):
    """文档示例：w = [2, -3.4]，b = 4.2，1000 个样本 → X (1000, 2)，y (1000, 1)。
    Docstring example: w = [2, -3.4], b = 4.2, 1000 examples → X (1000, 2), y (1000, 1)."""
    got = student.synthetic_data(torch.tensor([2.0, -3.4]), 4.2, 1000)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 2 and all(type(t) is torch.Tensor for t in got),
                f"{desc} must return a tuple (X, y) of tensors")
    X, y = got
    expect.true(tuple(X.shape) == (1000, 2), f"{desc}: X has shape {tuple(X.shape)}, expected (1000, 2)")
    expect.true(tuple(y.shape) == (1000, 1),
                f"{desc}: y has shape {tuple(y.shape)}, expected (1000, 1) (a column: y.reshape((-1, 1)))")


@function("synthetic_data")
def test_synthetic_data_distribution(student):
    """X ~ N(0, 1)；噪声 y − (Xw + b) 的均值约为 0、标准差约为 0.01（6σ 容差）。
    X ~ N(0, 1); the noise y − (Xw + b) has mean ≈ 0 and standard deviation ≈ 0.01 (6-sigma bounds)."""
    w, b, n = torch.tensor([2.0, -3.4]), 4.2, 2000
    got = student.synthetic_data(w, b, n)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 2 and all(type(t) is torch.Tensor for t in got),
                f"{desc} must return a tuple (X, y) of tensors")
    X, y = got
    expect.true(tuple(X.shape) == (n, 2) and y.numel() == n,
                f"{desc}: X has shape {tuple(X.shape)} and y {tuple(y.shape)}; expected {(n, 2)} and {(n, 1)}")
    X, y = X.double(), y.double().reshape(-1)
    mean, std = X.mean().item(), X.std().item()
    expect.true(abs(mean) < SIGMAS / math.sqrt(2 * n) and abs(std - 1) < SIGMAS / math.sqrt(4 * n),
                f"{desc}: the features have mean {mean:.4f} and standard deviation {std:.4f}; "
                "X should be drawn from N(0, 1) (torch.normal(0, 1, ...))")
    noise = y - (X @ w.double() + b)
    nmean, nstd = noise.mean().item(), noise.std().item()
    expect.true(abs(nmean) < SIGMAS * 0.01 / math.sqrt(n),
                f"{desc}: y − (Xw + b) has mean {nmean:.4f}, expected ≈ 0 (is b added?)")
    expect.true(abs(nstd - 0.01) < SIGMAS * 0.01 / math.sqrt(2 * n),
                f"{desc}: the noise y − (Xw + b) has standard deviation {nstd:.5f}, expected 0.01")


# -------------------------------------------------------------------------------- data_iter
@function("data_iter")
def test_data_iter_example(student):
    """文档示例：n = 10，batch_size = 4 → 批次大小 4, 4, 2；每个样本恰好一次，特征与标签配对。
    Docstring example: n = 10, batch_size = 4 → batches of 4, 4, 2; every example once, features paired with labels."""
    features = torch.arange(10, dtype=torch.float32).reshape(10, 1)
    labels = 10 * features
    desc = "data_iter(4, features: 10×1, labels: 10×1)"
    batches = _pairs(student.probe(consume_batches, "data_iter", 4, features, labels, desc=desc), desc)
    sizes = [int(X.shape[0]) for X, _ in batches]
    expect.true(sizes == [4, 4, 2], f"{desc} yielded batches of sizes {sizes}, expected [4, 4, 2]")
    order = [int(v) for X, _ in batches for v in X.reshape(-1).tolist()]
    expect.true(sorted(order) == list(range(10)), f"{desc} did not yield every example exactly once")
    for X, y in batches:
        expect.true(torch.equal(y.reshape(-1), 10 * X.reshape(-1)),
                    f"{desc} separated features from their labels; index both with the same indices")


@function("data_iter")
def test_data_iter_shuffled(student):
    """先打乱再切片：30 个样本不能按原来的顺序出来（原序出现的概率是 1/30!）。
    Shuffle first: 30 examples must not come out in their original order (chance 1/30!)."""
    features = torch.arange(30, dtype=torch.float32).reshape(30, 1)
    labels = -features
    desc = "data_iter(7, features: 30×1, labels: 30×1)"
    batches = _pairs(student.probe(consume_batches, "data_iter", 7, features, labels, desc=desc), desc)
    order = [int(v) for X, _ in batches for v in X.reshape(-1).tolist()]
    expect.true(sorted(order) == list(range(30)), f"{desc} did not yield every example exactly once")
    expect.true(order != list(range(30)),
                f"{desc} yielded the examples in their original order; shuffle the indices first (random.shuffle)")


# ----------------------------------------------------------------------------------- linreg
@function("linreg")
def test_linreg_example(student):
    """文档示例：[[1., 2.]] @ [[3.], [4.]] + [1.] → [[12.]]；三行的 X 得到 (3, 1)。
    Docstring example: [[1., 2.]] @ [[3.], [4.]] + [1.] → [[12.]]; an X of three rows gives (3, 1)."""
    w, b = torch.tensor([[3.0], [4.0]]), torch.tensor([1.0])
    expect.tensor(student.linreg(torch.tensor([[1.0, 2.0]]), w, b), torch.tensor([[12.0]]), atol=1e-5)
    X = torch.tensor([[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]])
    expect.tensor(student.linreg(X, w, b), torch.tensor([[12.0], [-3.0], [4.5]]), atol=1e-5)


# ----------------------------------------------------------------------------- squared_loss
@function("squared_loss")
def test_squared_loss_example(student):
    """文档示例：y_hat = [[1.], [3.]]，y = [0., 1.] → [[0.5], [2.0]]（逐样本、带 ½、y 先 reshape，不求平均）。
    Docstring example: y_hat = [[1.], [3.]], y = [0., 1.] → [[0.5], [2.0]] (per example, with ½, y reshaped, no mean)."""
    got = student.squared_loss(torch.tensor([[1.0], [3.0]]), torch.tensor([0.0, 1.0]))
    expect.tensor(got, torch.tensor([[0.5], [2.0]]), atol=1e-6)


# -------------------------------------------------------------------------------------- sgd
@function("sgd")
def test_sgd_example(student):
    """文档示例：p = [1.]，p.grad = [4.]，lr = 0.5，batch_size = 2 → p 变成 [0.]，梯度被清零（或为 None）。
    Docstring example: p = [1.], p.grad = [4.], lr = 0.5, batch_size = 2 → p becomes [0.], its gradient cleared (or None)."""
    desc = "sgd([p], lr=0.5, batch_size=2)"
    report = student.probe(sgd_step, "sgd", [torch.tensor([1.0])], [torch.tensor([4.0])], 0.5, 2, desc=desc)
    expect.tensor(report["values"][0], torch.tensor([0.0]), atol=1e-6,
                  what=f"p after {desc} (expected p - lr * p.grad / batch_size)")
    grad = report["grads"][0]
    expect.true(grad is None or (type(grad) is torch.Tensor and not grad.any()),
                f"p.grad after {desc} is {grad.tolist() if type(grad) is torch.Tensor else grad}, not cleared; "
                "call p.grad.zero_() after the update, or the next batch adds its gradient to this one")


@function("sgd")
def test_sgd_updates_w_and_b_in_place(student):
    """w (2, 1) 和 b (1,) 都要原地更新（同一块内存，仍然 requires_grad），两个梯度都要清零。
    Both w (2, 1) and b (1,) are updated in place (same memory, still requiring grad), and both gradients cleared."""
    values = [torch.tensor([[1.0], [-2.0]]), torch.tensor([0.5])]
    grads = [torch.tensor([[3.0], [-1.0]]), torch.tensor([2.0])]
    desc = "sgd([w, b], lr=0.1, batch_size=4)"
    report = student.probe(sgd_step, "sgd", values, grads, 0.1, 4, desc=desc)
    for name, got, want in zip(("w", "b"), report["values"], (torch.tensor([[0.925], [-1.975]]), torch.tensor([0.45]))):
        expect.tensor(got, want, atol=1e-6,
                      what=f"{name} after {desc} (expected {name} - lr * {name}.grad / batch_size)")
    expect.true(all(report["same_storage"]),
                f"{desc} replaced the parameters' memory (e.g. p.data = ...); update them in place "
                "under torch.no_grad() (p -= ...)")
    expect.true(all(report["requires_grad"]), f"{desc} turned off requires_grad of a parameter")
    for name, grad in zip(("w", "b"), report["grads"]):
        expect.true(grad is None or (type(grad) is torch.Tensor and not grad.any()),
                    f"{name}.grad after {desc} is not cleared; call {name}.grad.zero_() after the update")


# ------------------------------------------------------------------------------------ train
# 12 examples of y = X·[2, -3.4] + 4.2 (the book's w and b), without noise
TRAIN_X = torch.tensor([[1.0, 0.5], [-1.0, 1.5], [0.5, -1.0], [2.0, 0.0], [-0.5, -0.5], [1.5, 1.0],
                        [0.0, 2.0], [-2.0, 0.5], [1.0, -1.5], [-1.5, -1.0], [0.5, 0.5], [0.0, -2.0]])
TRAIN_W, TRAIN_B = torch.tensor([[2.0], [-3.4]]), 4.2
TRAIN_Y = TRAIN_X @ TRAIN_W + TRAIN_B


def _shape(t):
    return f"shape {tuple(t.shape)}" if type(t) is torch.Tensor else f"type {type(t).__name__}"


def _train(student, lr, num_epochs, batch_size):
    got = student.train(TRAIN_X, TRAIN_Y, lr, num_epochs, batch_size)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 3, f"{desc} must return a tuple (w, b, losses)")
    w, b, losses = got
    expect.true(type(w) is torch.Tensor and tuple(w.shape) == (2, 1), f"{desc}: w has {_shape(w)}, expected shape (2, 1)")
    expect.true(type(b) is torch.Tensor and tuple(b.shape) == (1,), f"{desc}: b has {_shape(b)}, expected shape (1,)")
    expect.true(type(losses) is list and len(losses) == num_epochs and all(type(v) is float for v in losses),
                f"{desc}: losses must be a list of {num_epochs} Python floats (one per epoch), "
                f"got {type(losses).__name__} of length {len(losses) if hasattr(losses, '__len__') else '?'}")
    return w, b, losses, desc


@function("train")
def test_train_example(student):
    """12 个无噪声样本，lr 0.3，5 轮，batch 4：w、b 接近 [2, -3.4]、4.2，每轮损失下降。
    12 noise-free examples, lr 0.3, 5 epochs, batch 4: w and b end near [2, -3.4] and 4.2, and the loss falls every epoch."""
    w, b, losses, desc = _train(student, 0.3, 5, 4)
    expect.tensor(w, TRAIN_W, atol=0.1, what=f"w after {desc} (the true w)")
    expect.tensor(b, torch.tensor([TRAIN_B]), atol=0.1, what=f"b after {desc} (the true b)")
    expect.true(all(later < earlier for earlier, later in zip(losses, losses[1:])) and losses[-1] < losses[0] / 100,
                f"{desc}: the loss should fall every epoch (to below 1/100 of the first), "
                f"got {[round(v, 6) for v in losses]}")


@function("train")
def test_train_reports_full_data_loss(student):
    """每轮记录的是整个数据集上 squared_loss（含 ½）的平均值：最后一个值要等于返回的 w、b 的这个值。
    Each epoch records the mean squared_loss (with its ½) over the whole data set: the last one matches the returned w, b."""
    w, b, losses, desc = _train(student, 0.05, 2, 4)
    final = (((TRAIN_X.double() @ w.double() + b.double()) - TRAIN_Y.double()) ** 2 / 2).mean().item()
    expect.true(math.isclose(losses[-1], final, rel_tol=1e-3, abs_tol=1e-6),
                f"{desc}: the last loss is {losses[-1]:.6g}, but the mean squared_loss (with its ½) of the "
                f"returned w, b over all 12 examples is {final:.6g}")

"""Public checks for day3.linreg_concise (线性回归简洁实现): the docstring examples and the property
that defines each function, on small fixed inputs. The hidden checks use random inputs.

Public checks carry a small weight: the hidden checks decide the score."""

import math
import struct
import zlib

import torch

from grader.probes.day3 import loader_passes, model_report, plot_series, train_model_run
from grader.spec import expect, function

SIGMAS = 6.0  # statistical bounds: a correct implementation fails them with probability < 1e-6


def _pair(got, desc):
    expect.true(type(got) is tuple and len(got) == 2 and all(type(t) is torch.Tensor for t in got),
                f"{desc} must return a tuple (x, y) of tensors")
    return got


# ----------------------------------------------------------------------------- make_dataset
@function("make_dataset")
def test_make_dataset_example(student):
    """文档示例：make_dataset(100, 3.0, 14.5, 10.0, seed=3) → x (100, 1)、y (100,)，都是 float32。
    Docstring example: make_dataset(100, 3.0, 14.5, 10.0, seed=3) → x (100, 1) and y (100,), both float32."""
    x, y = _pair(student.make_dataset(100, 3.0, 14.5, 10.0, 3), "make_dataset(100, 3.0, 14.5, 10.0, 3)")
    desc = student.last.desc
    expect.true(tuple(x.shape) == (100, 1), f"{desc}: x has shape {tuple(x.shape)}, expected (100, 1)")
    expect.true(tuple(y.shape) == (100,), f"{desc}: y has shape {tuple(y.shape)}, expected (100,)")
    expect.true(x.dtype == torch.float32 and y.dtype == torch.float32,
                f"{desc}: x and y have dtypes {str(x.dtype)[6:]}, {str(y.dtype)[6:]}; expected float32")


@function("make_dataset")
def test_make_dataset_seeded(student):
    """同一个 seed 得到完全相同的数据，不同的 seed（3 和 4）得到不同的数据。
    The same seed gives exactly the same data; different seeds (3 and 4) give different data."""
    first = _pair(student.make_dataset(50, 3.0, 14.5, 10.0, 3), "make_dataset(50, 3.0, 14.5, 10.0, 3)")
    again = _pair(student.make_dataset(50, 3.0, 14.5, 10.0, 3), "make_dataset(50, 3.0, 14.5, 10.0, 3)")
    desc = student.last.desc
    for name, a, b in zip("xy", first, again):
        expect.tensor(b, a, atol=0, rtol=0, what=f"{name} of a second {desc} (the same seed must give the same data)")
    other = _pair(student.make_dataset(50, 3.0, 14.5, 10.0, 4), "make_dataset(50, 3.0, 14.5, 10.0, 4)")
    expect.true(not torch.equal(first[0], other[0]) and not torch.equal(first[1], other[1]),
                f"{student.last.desc} gave the same data as seed 3; different seeds must give different data")


@function("make_dataset")
def test_make_dataset_distribution(student):
    """x ~ N(0, 1)；y − (3x + 14.5) 的标准差是 noise = 0.5（标准差，不是方差），均值约为 0。
    x ~ N(0, 1); y − (3x + 14.5) has standard deviation noise = 0.5 (not the variance) and mean ≈ 0."""
    n, noise = 4000, 0.5
    x, y = _pair(student.make_dataset(n, 3.0, 14.5, noise, 7), f"make_dataset({n}, 3.0, 14.5, {noise}, 7)")
    desc = student.last.desc
    expect.true(x.numel() == n and y.numel() == n, f"{desc}: expected {n} values of x and of y")
    x, y = x.double().reshape(-1), y.double().reshape(-1)
    mean, std = x.mean().item(), x.std().item()
    expect.true(abs(mean) < SIGMAS / math.sqrt(n) and abs(std - 1) < SIGMAS / math.sqrt(2 * n),
                f"{desc}: x has mean {mean:.4f} and standard deviation {std:.4f}; x should be N(0, 1)")
    resid = y - (3.0 * x + 14.5)
    rmean, rstd = resid.mean().item(), resid.std().item()
    expect.true(abs(rmean) < SIGMAS * noise / math.sqrt(n),
                f"{desc}: y − (true_w·x + true_b) has mean {rmean:.4f}, expected ≈ 0")
    expect.true(abs(rstd - noise) < SIGMAS * noise / math.sqrt(2 * n),
                f"{desc}: the noise y − (true_w·x + true_b) has standard deviation {rstd:.4f}, expected {noise}")


# ------------------------------------------------------------------------------ make_loader
def _batches(report, desc, pass_index=0):
    expect.true(report["is_dataloader"], f"{desc} returned a {report['type']}, expected a DataLoader")
    batches = report["passes"][pass_index]
    expect.true(all(type(b) is tuple and len(b) == 2 and all(type(t) is torch.Tensor for t in b)
                    for b in batches), f"{desc}: batches must be (x_batch, y_batch) pairs of tensors")
    return batches


@function("make_loader")
def test_make_loader_example(student):
    """文档示例（笔记）：100 个样本、batch_size = 16、不打乱 → 6 个 16 和最后一个 4，顺序不变。
    Docstring example (the notes): 100 samples, batch_size 16, no shuffle → six batches of 16 and a last one of 4, in order."""
    x = torch.arange(100, dtype=torch.float32).reshape(100, 1)
    y = 2 * x.reshape(-1) + 0.5
    desc = "make_loader(x: 100×1, y: 100, 16, shuffle=False)"
    batches = _batches(student.probe(loader_passes, "make_loader", x, y, 16, False, passes=1, desc=desc), desc)
    sizes = [int(bx.shape[0]) for bx, _ in batches]
    expect.true(sizes == [16] * 6 + [4], f"{desc} gives batches of sizes {sizes}, expected [16]*6 + [4]")
    expect.tensor(torch.cat([b[0] for b in batches]), x, what=f"the x batches of {desc}, joined")
    expect.tensor(torch.cat([b[1] for b in batches]), y, what=f"the y batches of {desc}, joined")


@function("make_loader")
def test_make_loader_shuffle_true(student):
    """shuffle=True：每一轮都是全部 40 个样本、x 与 y 配对，但顺序被打乱，两轮的顺序也不同。
    shuffle=True: each pass holds all 40 samples with x paired to y, in a shuffled order that differs between passes."""
    x = torch.arange(40, dtype=torch.float32).reshape(40, 1)
    y = 2 * x.reshape(-1) + 0.5
    desc = "make_loader(x: 40×1, y: 40, 8, shuffle=True)"
    report = student.probe(loader_passes, "make_loader", x, y, 8, True, passes=2, desc=desc)
    orders = []
    for i in range(2):
        batches = _batches(report, desc, i)
        bx = torch.cat([b[0] for b in batches]).reshape(-1)
        by = torch.cat([b[1] for b in batches]).reshape(-1)
        expect.true(sorted(bx.tolist()) == list(range(40)), f"{desc} does not give each sample exactly once per pass")
        expect.true(torch.equal(by, 2 * bx + 0.5), f"{desc} separates x from its y")
        orders.append(bx.tolist())
    expect.true(orders[0] != list(range(40)), f"{desc} kept the original order; pass shuffle to the DataLoader")
    expect.true(orders[0] != orders[1], f"{desc} gave the same order in two passes; it should reshuffle every pass")


# ------------------------------------------------------------------------------ build_model
@function("build_model")
def test_build_model_example(student):
    """文档示例：build_model(1) 是 Linear(1, 1)；build_model(3) 的权重 (1, 3)、偏置 (1,)，输出 x @ weight.T + bias。
    Docstring example: build_model(1) is Linear(1, 1); build_model(3) has weight (1, 3) and bias (1,), output x @ weight.T + bias."""
    for in_features in (1, 3):
        inputs = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])[:, :in_features]
        desc = f"build_model({in_features})"
        report = student.probe(model_report, "build_model", in_features, inputs, desc=desc)
        expect.true(report["n_linear"] == 1, f"{desc} should be (or wrap) exactly one nn.Linear, "
                                             f"found {report['n_linear']}")
        expect.true(tuple(report["weight"].shape) == (1, in_features),
                    f"{desc}: the weight has shape {tuple(report['weight'].shape)}, expected {(1, in_features)} "
                    "(nn.Linear(in_features, out_features))")
        expect.true(report["bias"] is not None and tuple(report["bias"].shape) == (1,),
                    f"{desc}: expected a bias of shape (1,)")
        expect.true(report["output_error"] is None,
                    f"{desc}: calling the model on a batch raised {report['output_error']}")
        expect.tensor(report["output"], inputs @ report["weight"].T + report["bias"], atol=1e-5,
                      what=f"the output of {desc} on a batch of 2")


# ------------------------------------------------------------------------------ train_model
# 32 points on y = 3x + 2 with a small fixed noise of ±0.2
TRAIN_X = torch.linspace(-2.0, 2.0, 32).reshape(32, 1)
TRAIN_Y = 3 * TRAIN_X.reshape(-1) + 2 + 0.2 * torch.tensor([(-1.0) ** i for i in range(32)])


def _train(student, epochs, lr, batch_size, seed):
    desc = f"train_model(x: 32×1, y: 32, epochs={epochs}, lr={lr}, batch_size={batch_size}, seed={seed})"
    report = student.probe(train_model_run, "train_model", TRAIN_X, TRAIN_Y, epochs, lr, batch_size, seed, desc=desc)
    expect.true(report["is_module"], f"{desc} returned a {report['type']} as the model, expected an nn.Module")
    expect.true(report["output_error"] is None, f"{desc}: calling the model on x raised {report['output_error']}")
    losses = report["losses"]
    expect.true(type(losses) is list and len(losses) == epochs and all(type(v) is float for v in losses),
                f"{desc}: the losses must be a list of {epochs} Python floats (one mean per epoch), got "
                f"{type(losses).__name__}{f' of length {len(losses)}' if type(losses) is list else ''}")
    mse = ((report["output"].double().reshape(-1) - TRAIN_Y.double()) ** 2).mean().item()
    return report, losses, mse, desc


@function("train_model")
def test_train_model_example(student):
    """32 个点（y = 3x + 2 ± 0.2），12 轮、lr 0.05、batch 8：模型拟合这条直线，损失明显下降。
    32 points (y = 3x + 2 ± 0.2), 12 epochs, lr 0.05, batch 8: the model fits the line and the loss falls clearly."""
    report, losses, mse, desc = _train(student, 12, 0.05, 8, 0)
    A = torch.cat([TRAIN_X.double(), torch.ones(32, 1, dtype=torch.float64)], 1)
    best = A @ torch.linalg.lstsq(A, TRAIN_Y.double().reshape(-1, 1)).solution
    expect.tensor(report["output"].reshape(-1, 1), best, atol=0.1,
                  what=f"the trained model's predictions after {desc} (the least-squares line ≈ 3x + 2). With y_pred "
                       "of shape (B, 1), reshape the targets to (-1, 1) before nn.MSELoss")
    expect.true(losses[-1] < losses[0] / 20, f"{desc}: the epoch loss should fall (first {losses[0]:.4g}, "
                                             f"last {losses[-1]:.4g})")
    expect.true(0.5 * mse < losses[-1] < 2 * mse,
                f"{desc}: the last epoch's loss is {losses[-1]:.4g}, but the trained model's MSE on the data is "
                f"{mse:.4g}; record the mean of the epoch's batch losses (nn.MSELoss per batch)")


@function("train_model")
def test_train_model_zero_learning_rate(student):
    """lr = 0 时参数不变：每轮报告的损失都等于返回的模型在数据上的 MSE（4 个同样大小批次的平均）。
    With lr = 0 nothing moves: every epoch reports the returned model's MSE on the data (the mean of 4 equal batches)."""
    report, losses, mse, desc = _train(student, 3, 0.0, 8, 1)
    for epoch, value in enumerate(losses):
        expect.true(math.isclose(value, mse, rel_tol=1e-4, abs_tol=1e-6),
                    f"{desc}: epoch {epoch + 1} reports {value:.6g}, but the model's MSE on the data is {mse:.6g}. "
                    "Use the lr argument in optim.SGD, and record the mean of the epoch's batch losses")


@function("train_model")
def test_train_model_seed(student):
    """同一个 seed 两次运行结果完全相同（torch.manual_seed(seed)）；seed 不同，结果不同。
    The same seed gives exactly the same run twice (torch.manual_seed(seed)); a different seed gives a different run."""
    first, _, _, desc = _train(student, 2, 0.05, 8, 5)
    again, _, _, _ = _train(student, 2, 0.05, 8, 5)
    expect.true(first["losses"] == again["losses"] and torch.equal(first["output"], again["output"]),
                f"{desc} gave different losses or a different model when run twice; seed the run with "
                "torch.manual_seed(seed) before building the loader and the model")
    other, _, _, other_desc = _train(student, 2, 0.05, 8, 6)
    expect.true(first["losses"] != other["losses"],
                f"{other_desc} gave the same losses as seed 5; use the seed argument, not a fixed number")


# -------------------------------------------------------------------------- plot_loss_curve
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _pixels(data):
    """The decompressed image data of a PNG file's bytes, or None when it is not a readable PNG."""
    if data is None or data[:8] != PNG_SIGNATURE:
        return None
    pos, idat = 8, b""
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        if ctype == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    try:
        return zlib.decompress(idat)
    except zlib.error:
        return None


def _png(report, desc):
    data = report["data"]
    expect.true(data is not None, f"{desc} did not write a file at the given path")
    raw = data.tobytes()
    expect.true(raw[:8] == PNG_SIGNATURE and _pixels(raw) is not None,
                f"the file written by {desc} is not a PNG image; save the figure as PNG (fig.savefig(path))")
    return _pixels(raw)


@function("plot_loss_curve")
def test_plot_loss_curve_example(student):
    """文档示例：plot_loss_curve([3.0, 2.0, 1.5], "loss.png") 写出一个 PNG 文件（不弹窗）。
    Docstring example: plot_loss_curve([3.0, 2.0, 1.5], "loss.png") writes a PNG file (no window)."""
    desc = 'plot_loss_curve([3.0, 2.0, 1.5], "loss.png")'
    reports = student.probe(plot_series, "plot_loss_curve", [([3.0, 2.0, 1.5], "loss.png")], desc=desc)
    _png(reports[0], desc)


@function("plot_loss_curve")
def test_plot_loss_curve_draws_these_losses(student):
    """图随损失而变：不同的损失画出不同的图；同样的损失再画一次，图完全一样（之前画的曲线不能留在图里）。
    The picture follows the losses: other losses give another picture; the same losses again give the same picture (no curve left over from an earlier call)."""
    first, other = [3.0, 2.0, 1.5], [10.0, 30.0, 20.0, 25.0, 5.0]
    runs = [(first, "curve_a.png"), (other, "curve_b.png"), (first, "curve_c.png")]
    descs = [f"plot_loss_curve({losses}, {name!r})" for losses, name in runs]
    reports = student.probe(plot_series, "plot_loss_curve", runs, desc=" then ".join(descs))
    a, b, c = (_png(r, d) for r, d in zip(reports, descs))
    expect.true(a != b, f"{descs[0]} and {descs[1]} drew the same picture; plot the losses before saving")
    expect.true(a == c, f"{descs[2]} drew a different picture than the same call two calls earlier: the "
                        "curve of the call in between is still in the figure. Draw each plot on a new figure "
                        "(fig, ax = plt.subplots()) and close it (plt.close(fig)) after saving")

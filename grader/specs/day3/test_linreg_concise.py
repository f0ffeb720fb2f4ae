"""Hidden checks for day3.linreg_concise (线性回归简洁实现, the notes' 模拟线性回归)."""

import math
import struct
import zlib

import torch

from grader.probes.day3 import loader_passes, model_report, plot_series, plot_to_file
from grader.probes.day3_hidden import train_model_report
from grader.spec import expect, function

SIGMAS = 6.0  # statistical bounds: a correct implementation fails with probability < 1e-6


def _pair(got, desc, what="(x, y)"):
    expect.true(type(got) is tuple and len(got) == 2
                and all(type(t) is torch.Tensor for t in got),
                f"{desc} must return a tuple {what} of tensors")
    return got


# ----------------------------------------------------------------------------- make_dataset
@function("make_dataset")
def test_make_dataset_shapes_and_dtype(student, rng):
    n = rng.integer(30, 150)
    w, b = round(rng.uniform(-5, 5), 3), round(rng.uniform(-5, 5), 3)
    x, y = _pair(student.make_dataset(n, w, b, 1.0, rng.integer(0, 10**6)), "make_dataset")
    desc = student.last.desc
    expect.true(tuple(x.shape) == (n, 1), f"{desc}: x has shape {tuple(x.shape)}, expected {(n, 1)}")
    expect.true(tuple(y.shape) == (n,), f"{desc}: y has shape {tuple(y.shape)}, expected {(n,)}")
    expect.true(x.dtype == torch.float32 and y.dtype == torch.float32,
                f"{desc}: x and y have dtypes {str(x.dtype)[6:]}, {str(y.dtype)[6:]}; expected float32")


@function("make_dataset")
def test_make_dataset_reproducible_per_seed(student, rng):
    n, w, b = rng.integer(20, 60), round(rng.uniform(-5, 5), 3), round(rng.uniform(-5, 5), 3)
    noise = round(rng.uniform(0.5, 3), 3)
    seed = rng.integer(0, 10**6)
    other = seed + rng.integer(1, 1000)
    first = _pair(student.make_dataset(n, w, b, noise, seed), "make_dataset")
    second = _pair(student.make_dataset(n, w, b, noise, other), "make_dataset")
    desc_other = student.last.desc
    again = _pair(student.make_dataset(n, w, b, noise, seed), "make_dataset")
    desc = student.last.desc
    for name, a, c in zip("xy", first, again):
        expect.tensor(c, a, atol=0, rtol=0,
                      what=f"{name} of a second {desc} (the same seed must give the same data)")
    expect.true(not torch.equal(first[0], second[0]) and not torch.equal(first[1], second[1]),
                f"{desc_other} gave the same data as seed {seed}; different seeds must give different data")


@function("make_dataset")
def test_make_dataset_statistics(student, rng):
    n = 4000
    w = round(rng.uniform(1.0, 5.0), 3) * rng.choice((-1, 1))
    b = round(rng.uniform(-20.0, 20.0), 3)
    # away from 1, so that a standard deviation and a variance cannot be confused
    noise = round(rng.choice((rng.uniform(0.2, 0.6), rng.uniform(2.0, 4.0))), 3)
    x, y = _pair(student.make_dataset(n, w, b, noise, rng.integer(0, 10**6)), "make_dataset")
    desc = student.last.desc
    expect.true(tuple(x.shape) == (n, 1) and tuple(y.shape) == (n,),
                f"{desc}: shapes {tuple(x.shape)}, {tuple(y.shape)}; expected {(n, 1)}, {(n,)}")
    x, y = x.double().reshape(-1), y.double()
    mean, std = x.mean().item(), x.std().item()
    expect.true(abs(mean) < SIGMAS / math.sqrt(n), f"{desc}: x has mean {mean:.4f}; x should be N(0, 1)")
    expect.true(abs(std - 1) < SIGMAS / math.sqrt(2 * n),
                f"{desc}: x has standard deviation {std:.4f}; x should be N(0, 1)")
    resid = y - (w * x + b)
    rmean, rstd = resid.mean().item(), resid.std().item()
    expect.true(abs(rmean) < SIGMAS * noise / math.sqrt(n),
                f"{desc}: y - (true_w·x + true_b) has mean {rmean:.4f}, expected ≈ 0")
    expect.true(abs(rstd - noise) < SIGMAS * noise / math.sqrt(2 * n),
                f"{desc}: the noise y - (true_w·x + true_b) has standard deviation {rstd:.4f}, "
                f"expected noise = {noise}")


# ------------------------------------------------------------------------------ make_loader
def _check_pass(batches, x, y, bs, desc, ordered):
    n = len(x)
    want = [bs] * (n // bs) + ([n % bs] if n % bs else [])
    expect.true(type(batches) is list and all(type(bt) is tuple and len(bt) == 2
                                             and all(type(t) is torch.Tensor for t in bt) for bt in batches),
                f"{desc}: iterating the loader must give (x_batch, y_batch) pairs of tensors")
    sizes = [int(bx.shape[0]) for bx, _ in batches]
    expect.true(sizes == want, f"{desc} gives batches of sizes {sizes}, expected {want}")
    bx = torch.cat([b[0] for b in batches])
    by = torch.cat([b[1] for b in batches])
    expect.true(tuple(bx.shape) == tuple(x.shape) and tuple(by.shape) == tuple(y.shape),
                f"{desc}: batches have shapes {tuple(batches[0][0].shape)}, {tuple(batches[0][1].shape)}; "
                f"expected rows of x {tuple(x.shape[1:])} and of y {tuple(y.shape[1:])}")
    ids = bx[:, 0].round().long()
    expect.true(sorted(ids.tolist()) == list(range(n)), f"{desc} does not give each example exactly once")
    expect.true(torch.equal(by, y[ids]), f"{desc} separates x from its y")
    if ordered:
        expect.true(ids.tolist() == list(range(n)), f"{desc} changed the order; shuffle=False keeps it")
    return ids.tolist()


def _indexed_data(n):
    x = torch.arange(n, dtype=torch.float32).reshape(n, 1)
    return x, 3 * x.reshape(-1) + 0.5


@function("make_loader")
def test_make_loader_notes_batches(student, rng):
    # The notes: 100 samples at batch_size 16 -> 16, 16, 16, 16, 16, 16, 4.
    x, y = _indexed_data(100)
    desc = "make_loader(x: 100×1, y: 100, 16, shuffle=False)"
    report = student.probe(loader_passes, "make_loader", x, y, 16, False, desc=desc)
    expect.true(report["is_dataloader"], f"{desc} returned a {report['type']}, expected a DataLoader")
    _check_pass(report["passes"][0], x, y, 16, desc, ordered=True)


@function("make_loader")
def test_make_loader_random_sizes_in_order(student, rng):
    n, bs = rng.integer(30, 90), rng.integer(5, 12)
    x, y = _indexed_data(n)
    desc = f"make_loader(x: {n}×1, y: {n}, {bs}, shuffle=False)"
    report = student.probe(loader_passes, "make_loader", x, y, bs, False, desc=desc)
    expect.true(report["is_dataloader"], f"{desc} returned a {report['type']}, expected a DataLoader")
    _check_pass(report["passes"][0], x, y, bs, desc, ordered=True)


@function("make_loader")
def test_make_loader_shuffles(student, rng):
    n, bs = rng.integer(60, 100), rng.integer(8, 16)
    x, y = _indexed_data(n)
    desc = f"make_loader(x: {n}×1, y: {n}, {bs}, shuffle=True)"
    report = student.probe(loader_passes, "make_loader", x, y, bs, True, desc=desc)
    expect.true(report["is_dataloader"], f"{desc} returned a {report['type']}, expected a DataLoader")
    first = _check_pass(report["passes"][0], x, y, bs, desc, ordered=False)
    second = _check_pass(report["passes"][1], x, y, bs, desc, ordered=False)
    expect.true(first != list(range(n)), f"{desc} kept the original order; shuffle=True should shuffle")
    expect.true(first != second, f"{desc} gave the same order in two passes; it should reshuffle every epoch")


# ------------------------------------------------------------------------------ build_model
@function("build_model")
def test_build_model_shapes(student, rng):
    for in_features in (1, rng.integer(2, 6)):
        inputs = rng.randn(rng.integer(3, 7), in_features)
        desc = f"build_model({in_features})"
        report = student.probe(model_report, "build_model", in_features, inputs, desc=desc)
        expect.true(report["is_module"], f"{desc} returned a {report['type']}, expected an nn.Module")
        expect.true(report["n_linear"] == 1,
                    f"{desc} contains {report['n_linear']} nn.Linear layers, expected exactly one")
        weight, bias = report["weight"], report["bias"]
        expect.true(tuple(weight.shape) == (1, in_features),
                    f"{desc}: the weight has shape {tuple(weight.shape)}, expected {(1, in_features)} "
                    "(nn.Linear(in_features, out_features))")
        expect.true(bias is not None and tuple(bias.shape) == (1,),
                    f"{desc}: the bias is {'missing' if bias is None else tuple(bias.shape)}, expected shape (1,)")
        expect.true(sorted(report["param_shapes"]) == sorted([(1, in_features), (1,)]),
                    f"{desc} has parameters of shapes {report['param_shapes']}, expected only the "
                    "Linear layer's weight and bias")
        expect.true(report["output_error"] is None,
                    f"{desc}: calling the model on a batch of shape {tuple(inputs.shape)} raised "
                    f"{report['output_error']}")
        expect.tensor(report["output"], inputs @ weight.T + bias, atol=1e-5,
                      what=f"the output of {desc} on a batch (expected x @ weight.T + bias)")


# ------------------------------------------------------------------------------ train_model
def _line_data(rng, n=128, noise=0.1):
    true_w = round(rng.uniform(1.5, 4.0), 3) * rng.choice((-1, 1))
    true_b = round(rng.uniform(-3.0, 3.0), 3)
    x = rng.randn(n, 1)
    y = true_w * x.reshape(-1) + true_b + noise * rng.randn(n)
    return x, y, true_w, true_b


def _train(student, rng, x, y, epochs=20, lr=0.05, batch_size=16, seed=None, record=False):
    seed = rng.integer(0, 10**6) if seed is None else seed
    desc = f"train_model(x: {len(x)}×1, y: {len(y)}, epochs={epochs}, lr={lr}, batch_size={batch_size}, seed={seed})"
    report = student.probe(train_model_report, "train_model", x, y, epochs, lr, batch_size, seed,
                           record=record, desc=desc)
    expect.true(report["n_linear"] == 1 and report["weight"] is not None and report["bias"] is not None,
                f"{desc} returned a {report['type']} that is not one nn.Linear with a bias")
    return report, desc


def _check_losses(losses, epochs, desc):
    expect.true(type(losses) is list and len(losses) == epochs and all(type(v) is float for v in losses),
                f"{desc}: the losses must be a list of {epochs} Python floats (one mean per epoch)")


@function("train_model")
def test_train_model_learns_the_line(student, rng):
    x, y, true_w, true_b = _line_data(rng)
    report, desc = _train(student, rng, x, y)
    weight, bias = report["weight"], report["bias"]
    expect.tensor(weight.reshape(-1), torch.tensor([true_w]), atol=0.1,
                  what=f"the weight after {desc} (the true coefficient; noise 0.1). With y_pred of shape "
                       "(B, 1), reshape the targets to (-1, 1) before nn.MSELoss")
    expect.tensor(bias.reshape(-1), torch.tensor([true_b]), atol=0.1, what=f"the bias after {desc}")


@function("train_model")
def test_train_model_epoch_losses(student, rng):
    epochs = rng.integer(12, 20)
    x, y, _, _ = _line_data(rng)
    report, desc = _train(student, rng, x, y, epochs=epochs)
    losses = report["losses"]
    expect.true(type(losses) is list and len(losses) == epochs and all(type(v) is float for v in losses),
                f"{desc}: the losses must be a list of {epochs} Python floats (one mean per epoch)")
    expect.true(losses[-1] < losses[0] / 10,
                f"{desc}: the epoch loss should fall (first {losses[0]:.4g}, last {losses[-1]:.4g})")
    w, b = report["weight"].double(), report["bias"].double()
    mse = ((x.double() @ w.T + b).reshape(-1) - y.double()).pow(2).mean().item()
    expect.true(0.5 * mse < losses[-1] < 2 * mse,
                f"{desc}: the last epoch's loss is {losses[-1]:.4g}, but the trained model's MSE on the data "
                f"is {mse:.4g}; record the mean of the epoch's batch losses (nn.MSELoss per batch)")


def _training_steps(forwards, x, batch_size):
    """The recorded forward calls that are training steps on a batch of x: (row indices, weight,
    bias) in float64. Calls without grad or on more than batch_size rows (evaluations) are left
    out, and so is a repeated call on the same batch with the same parameters."""
    index = {v: i for i, v in enumerate(x.reshape(-1).tolist())}
    steps = []
    for call in forwards:
        inputs, weight, bias = call["input"], call["weight"], call["bias"]
        if not call["grad_enabled"] or bias is None or inputs.dim() != 2 or tuple(inputs.shape[1:]) != (1,) \
                or not 0 < inputs.shape[0] <= batch_size or tuple(weight.shape) != (1, 1):
            continue
        rows = [index.get(v) for v in inputs.reshape(-1).tolist()]
        if None in rows:
            continue
        step = (rows, weight.double(), bias.double())
        if steps and steps[-1][0] == rows and torch.equal(steps[-1][1], step[1]) and torch.equal(steps[-1][2], step[2]):
            continue
        steps.append(step)
    return steps


@function("train_model", weight=2)
def test_train_model_replays_each_step(student, rng):
    # Every batch's forward call is recorded (the layer's weight and bias at that moment, the rows
    # of x it saw). Replayed here in float64: each step must be one SGD step with the given lr on
    # that batch's nn.MSELoss, and each epoch's loss the mean of that epoch's batch losses.
    # n is a multiple of batch_size, so a mean weighted by batch size is accepted too.
    n, batch_size, epochs = 48, 8, rng.integer(3, 5)
    lr = round(rng.uniform(0.03, 0.2), 3)
    x = rng.distinct(n, 1)
    true_w, true_b = round(rng.uniform(1.5, 4.0), 3) * rng.choice((-1, 1)), round(rng.uniform(-3.0, 3.0), 3)
    y = true_w * x.reshape(-1) + true_b + 0.3 * rng.randn(n)
    report, desc = _train(student, rng, x, y, epochs=epochs, lr=lr, batch_size=batch_size, record=True)
    losses = report["losses"]
    _check_losses(losses, epochs, desc)
    steps = _training_steps(report["forwards"], x, batch_size)
    per_epoch = n // batch_size
    epochs_seen = [sorted(r for rows, _, _ in steps[e * per_epoch:(e + 1) * per_epoch] for r in rows)
                   for e in range(epochs)]
    if len(steps) != epochs * per_epoch or any(seen != list(range(n)) for seen in epochs_seen):
        return  # not one forward call per batch of a shuffled pass: nothing to replay
    X, Y = x.double(), y.double()
    batch_losses = []
    for i, (rows, weight, bias) in enumerate(steps):
        xb, yb = X[rows], Y[rows].reshape(-1, 1)
        err = xb @ weight.T + bias - yb
        batch_losses.append((err ** 2).mean().item())
        want_w = weight - lr * 2 * (err * xb).mean(0, keepdim=True)
        want_b = bias - lr * 2 * err.mean(0)
        if i + 1 < len(steps):
            got_w, got_b, after = steps[i + 1][1], steps[i + 1][2], f"at the forward call of batch {i + 2}"
        else:
            got_w, got_b, after = report["weight"].double(), report["bias"].double(), "in the returned model"
        ok = torch.allclose(got_w, want_w, atol=1e-5, rtol=1e-4) and torch.allclose(got_b, want_b, atol=1e-5, rtol=1e-4)
        expect.true(ok, f"{desc}: batch {i + 1} (epoch {i // per_epoch + 1}) started from weight {weight.item():.6g}, "
                        f"bias {bias.item():.6g}; one SGD step with lr={lr} on that batch's nn.MSELoss gives weight "
                        f"{want_w.item():.6g}, bias {want_b.item():.6g}, but {after} they are {got_w.item():.6g}, "
                        f"{got_b.item():.6g}. Use optim.SGD(model.parameters(), lr=lr), call optimizer.zero_grad() "
                        "every batch, and reshape the targets to (-1, 1)")
    for e in range(epochs):
        want = sum(batch_losses[e * per_epoch:(e + 1) * per_epoch]) / per_epoch
        expect.true(math.isclose(losses[e], want, rel_tol=1e-4, abs_tol=1e-6),
                    f"{desc}: epoch {e + 1} reports a loss of {losses[e]:.6g}, but the mean of that epoch's "
                    f"{per_epoch} batch losses (nn.MSELoss of each batch before its step, loss.item()) is {want:.6g}")


@function("train_model")
def test_train_model_seed_decides_the_run(student, rng):
    # the same seed twice gives the same run; another seed another run (initial weights, order)
    x, y, _, _ = _line_data(rng, n=40)
    seed = rng.integer(0, 10**6)
    first, desc = _train(student, rng, x, y, epochs=2, batch_size=8, seed=seed)
    again, _ = _train(student, rng, x, y, epochs=2, batch_size=8, seed=seed)
    _check_losses(first["losses"], 2, desc)
    same = first["losses"] == again["losses"] and torch.equal(first["weight"], again["weight"]) \
        and torch.equal(first["bias"], again["bias"])
    expect.true(same, f"{desc} run twice gave different losses or weights; seed everything random "
                      "(the initial weights, the shuffling) with torch.manual_seed(seed) first")
    other, other_desc = _train(student, rng, x, y, epochs=2, batch_size=8, seed=seed + rng.integer(1, 1000))
    expect.true(first["losses"] != other["losses"] or not torch.equal(first["weight"], other["weight"]),
                f"{other_desc} gave the same run as seed {seed}; use the seed argument")


# -------------------------------------------------------------------------- plot_loss_curve
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_problem(data: bytes) -> str | None:
    """None when data is a well-formed PNG image (chunks, CRCs, IHDR, decompressible IDAT)."""
    if data[:8] != PNG_SIGNATURE:
        return "does not start with the PNG signature"
    pos, chunks = 8, []
    while pos < len(data):
        if pos + 8 > len(data):
            return "is truncated"
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body, crc = data[pos + 8:pos + 8 + length], data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            return "is truncated"
        if zlib.crc32(ctype + body) != struct.unpack(">I", crc)[0]:
            return f"has a corrupt {ctype!r} chunk"
        chunks.append((ctype, body))
        pos += 12 + length
        if ctype == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND" or len(chunks[0][1]) != 13:
        return "lacks the IHDR or IEND chunk"
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(color)
    if channels is None or width < 32 or height < 32:
        return f"is not a plot-sized image ({width}×{height}, colour type {color})"
    try:
        raw = zlib.decompress(b"".join(body for ctype, body in chunks if ctype == b"IDAT"))
    except zlib.error:
        return "has image data that does not decompress"
    if interlace == 0 and len(raw) != height * (1 + (width * channels * depth + 7) // 8):
        return "has image data of the wrong size"
    return None


def _pixels(data: bytes) -> bytes:
    """The decompressed image data of a well-formed PNG (checked by _png_problem first)."""
    pos, idat = 8, b""
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        if ctype == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


def _png_of(report, desc) -> bytes:
    data = report["data"]
    expect.true(data is not None, f"{desc} did not write a file at the given path")
    problem = _png_problem(data.tobytes())
    expect.true(problem is None, f"the file written by {desc} {problem}; save the figure as PNG "
                                 "(fig.savefig(path))")
    return _pixels(data.tobytes())


def _random_losses(rng, n):
    return sorted((round(rng.uniform(0.1, 100.0), 4) for _ in range(n)), reverse=True)


@function("plot_loss_curve")
def test_plot_loss_curve_writes_png(student, rng):
    n = rng.integer(8, 30)
    losses = _random_losses(rng, n)
    filename = f"loss_curve_{rng.integer(1000, 9999)}.png"
    desc = f"plot_loss_curve(<{n} losses>, {filename!r})"
    report = student.probe(plot_to_file, "plot_loss_curve", losses, filename, desc=desc)
    _png_of(report, desc)


@function("plot_loss_curve")
def test_plot_loss_curve_shows_only_its_losses(student, rng):
    # A, then B, then A again: A's two pictures must be identical (nothing of B, nor of an earlier
    # call, is left in the figure) and B's must differ from A's (the curve is drawn before saving)
    first = _random_losses(rng, rng.integer(5, 12))
    other = [round(rng.uniform(100.0, 500.0), 4) for _ in range(rng.integer(13, 25))]
    tag = rng.integer(1000, 9999)
    runs = [(first, f"curve_{tag}_a.png"), (other, f"curve_{tag}_b.png"), (first, f"curve_{tag}_c.png")]
    descs = [f"plot_loss_curve(<{len(losses)} losses>, {name!r})" for losses, name in runs]
    reports = student.probe(plot_series, "plot_loss_curve", runs, desc=" then ".join(descs))
    a, b, c = (_png_of(r, d) for r, d in zip(reports, descs))
    expect.true(a != b, f"{descs[0]} and {descs[1]} saved the same picture for different losses; "
                        "draw the curve before saving the figure")
    expect.true(a == c, f"{descs[2]} saved a different picture than the same call two calls earlier: curves of "
                        "earlier calls are still in the figure. Draw on a new figure every time "
                        "(fig, ax = plt.subplots()) and close it after saving (plt.close(fig))")

"""Public checks for day3.linreg_concise (线性回归简洁实现). The hidden checks test more cases."""

import torch

from grader.probes.day3 import loader_passes, model_report
from grader.spec import expect, function


@function("make_loader")
def test_make_loader_public(student, rng):
    # the notes: 100 samples at batch_size 16 -> six batches of 16 and a last one of 4
    x = torch.arange(100, dtype=torch.float32).reshape(100, 1)
    y = 2 * x.reshape(-1) + rng.uniform(-1, 1)
    report = student.probe(loader_passes, "make_loader", x, y, 16, False, passes=1)
    desc = "make_loader(x: 100×1, y: 100, 16, shuffle=False)"
    expect.true(report["is_dataloader"], f"{desc} returned a {report['type']}, expected a DataLoader")
    batches = report["passes"][0]
    expect.true(all(type(b) is tuple and len(b) == 2 and all(type(t) is torch.Tensor for t in b)
                    for b in batches), f"{desc}: batches must be (x_batch, y_batch) pairs of tensors")
    sizes = [int(bx.shape[0]) for bx, _ in batches]
    expect.true(sizes == [16] * 6 + [4], f"{desc} gives batches of sizes {sizes}, expected [16]*6 + [4]")
    expect.tensor(torch.cat([b[0] for b in batches]), x, what=f"the x batches of {desc}, joined")
    expect.tensor(torch.cat([b[1] for b in batches]), y, what=f"the y batches of {desc}, joined")


@function("build_model")
def test_build_model_public(student, rng):
    in_features = rng.integer(1, 4)
    inputs = rng.randn(5, in_features)
    report = student.probe(model_report, "build_model", in_features, inputs)
    desc = f"build_model({in_features})"
    expect.true(report["n_linear"] == 1, f"{desc} should be (or wrap) exactly one nn.Linear")
    expect.true(tuple(report["weight"].shape) == (1, in_features),
                f"{desc}: the weight has shape {tuple(report['weight'].shape)}, expected {(1, in_features)}")
    expect.true(report["bias"] is not None and tuple(report["bias"].shape) == (1,),
                f"{desc}: expected a bias of shape (1,)")
    expect.true(report["output_error"] is None,
                f"{desc}: calling the model on a batch of 5 raised {report['output_error']}")
    expect.tensor(report["output"], inputs @ report["weight"].T + report["bias"], atol=1e-5,
                  what=f"the output of {desc} on a batch of 5")

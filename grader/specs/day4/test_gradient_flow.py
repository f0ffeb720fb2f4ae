"""Hidden checks for day4.gradient_flow (梯度消失与神经元死亡).

Activations passed to ``autograd_derivative`` are module-level functions of grader.funcs.day4;
their derivatives are computed here in closed form (float64). ``dead_units`` gets an
``nn.Linear`` built inside the worker by a probe from planted weights and biases.
"""

import math

import torch

from grader.funcs import day4 as acts
from grader.probes.day4 import dead_units_on_linear
from grader.spec import expect, function


def nonzero(rng, *shape, scale=3.0, dtype=torch.float32):
    """Random values with |x| >= 0.01 (no exact zeros, where ReLU-like kinks are ambiguous)."""
    x = rng.randn(*shape, dtype=torch.float64) * scale
    x = torch.where(x.abs() < 0.01, torch.full_like(x, 0.5), x)
    return x.to(dtype)


def derivative(act, x):
    """Closed-form derivative of one of grader.funcs.day4's activations, in float64."""
    x = x.double()
    s = 1 / (1 + torch.exp(-x))
    return {
        "sigmoid": lambda: s * (1 - s),
        "tanh": lambda: 1 - torch.tanh(x) ** 2,
        "relu": lambda: (x > 0).double(),
        "softplus": lambda: s,
        "square": lambda: 2 * x,
        "sine": lambda: torch.cos(x),
        "leaky_relu_tenth": lambda: torch.where(x > 0, 1.0, 0.1).double(),
    }[act.__name__]()


# ---------------------------------------------------------------- autograd_derivative
@function("autograd_derivative", weight=3)
def test_autograd_derivative_smooth_activations(student, rng):
    for act in (acts.sigmoid, acts.tanh, acts.softplus, acts.square, acts.sine):
        x = nonzero(rng, rng.integer(2, 4), rng.integer(3, 5))
        got = student.autograd_derivative(act, x)
        expect.tensor(got, derivative(act, x).float(),
                      what=f"autograd_derivative({act.__name__}, x: float32{list(x.shape)})")


@function("autograd_derivative")
def test_autograd_derivative_relu_like(student, rng):
    for act, shape in ((acts.relu, (9,)), (acts.relu, (2, 3, 2)), (acts.leaky_relu_tenth, (4, 3))):
        x = nonzero(rng, *shape)
        got = student.autograd_derivative(act, x)
        expect.tensor(got, derivative(act, x).float(),
                      what=f"autograd_derivative({act.__name__}, x: float32{list(x.shape)})")


@function("autograd_derivative")
def test_autograd_derivative_float64_vector(student, rng):
    for act in (acts.square, acts.sigmoid):
        x = nonzero(rng, rng.integer(5, 8), dtype=torch.float64)
        got = student.autograd_derivative(act, x)
        expect.tensor(got, derivative(act, x),
                      what=f"autograd_derivative({act.__name__}, x: float64{list(x.shape)})")


# ---------------------------------------------------------------- saturated_fraction
def plant_thresholds(rng, x, threshold):
    """x with a few elements set to exactly +threshold and -threshold (not saturated: |x| > t is strict)."""
    x = x.clone()
    flat = x.view(-1)
    idx = torch.randperm(flat.numel(), generator=rng.torch)[:4]
    flat[idx[:2]] = threshold
    flat[idx[2:]] = -threshold
    return x


def fraction(x, threshold):
    return int((x.double().abs() > threshold).sum()) / x.numel()


@function("saturated_fraction", weight=2)
def test_saturated_fraction_random_thresholds(student, rng):
    for shape in ((40,), (5, 8), (3, 4, 5)):
        threshold = rng.integer(4, 40) / 4  # exactly representable in float32 and float64
        x = plant_thresholds(rng, rng.randn(*shape) * threshold * 1.2, threshold)
        got = student.saturated_fraction(x, threshold)
        expect.scalar(got, fraction(x, threshold), kind=float)


@function("saturated_fraction")
def test_saturated_fraction_default_threshold(student, rng):
    # the notes: sigmoid saturates for inputs below -6 or above 6
    x = plant_thresholds(rng, rng.randn(6, 10) * 7, 6.0)
    expect.scalar(student.saturated_fraction(x), fraction(x, 6.0), kind=float)
    x = plant_thresholds(rng, rng.randn(30, dtype=torch.float64) * 7, 6.0)
    expect.scalar(student.saturated_fraction(x), fraction(x, 6.0), kind=float)


# ---------------------------------------------------------------- sigmoid_chain_grad
def chain_grad(x0, depth):
    """d/dx of sigmoid applied depth times, by the chain rule, in float64."""
    a, g = x0, 1.0
    for _ in range(depth):
        s = 1 / (1 + math.exp(-a))
        g *= s * (1 - s)
        a = s
    return g


@function("sigmoid_chain_grad", weight=2)
def test_sigmoid_chain_grad_closed_form(student, rng):
    for depth in range(0, 7):
        x0 = rng.uniform(-4.0, 4.0)
        got = student.sigmoid_chain_grad(x0, depth)
        expect.scalar(got, chain_grad(x0, depth), kind=float, atol=1e-12, rtol=1e-4)


@function("sigmoid_chain_grad")
def test_sigmoid_chain_grad_vanishes(student, rng):
    # each layer multiplies by sigma' <= 0.25: deep chains vanish; depth 0 is the identity
    x0 = rng.uniform(-3.0, 3.0)
    expect.scalar(student.sigmoid_chain_grad(x0, 0), 1.0, kind=float)
    for depth in (rng.integer(8, 10), rng.integer(12, 15)):
        x0 = rng.uniform(-6.0, 6.0)
        got = student.sigmoid_chain_grad(x0, depth)
        expect.scalar(got, chain_grad(x0, depth), kind=float, atol=1e-15, rtol=1e-4)
        expect.true(0 < got <= 0.25 ** depth,
                    f"sigmoid_chain_grad({x0:.4g}, {depth}) returned {got!r}, which is not in "
                    f"(0, 0.25^{depth}]")


# ---------------------------------------------------------------- dead_units
def planted_layer(rng, n_rows, in_features, kinds):
    """Inputs and an nn.Linear's weight and bias where unit k behaves as kinds[k]:
    'dead' (negative on every row), 'zero' (zero weights and bias: output exactly 0, dead),
    'one' (positive on exactly one row), 'half' (positive on about half the rows),
    'all' (positive on every row). Every non-zero pre-activation is at least 0.05 away from 0."""
    X = rng.randn(n_rows, in_features)
    W = torch.zeros(len(kinds), in_features)
    b = torch.zeros(len(kinds))
    for k, kind in enumerate(kinds):
        if kind == "zero":
            continue
        for _ in range(1000):
            w = rng.randn(in_features)
            z = (X.double() @ w.double()).sort().values  # ascending
            split = {"dead": n_rows, "one": n_rows - 1, "half": n_rows // 2, "all": 0}[kind]
            lo = z[split - 1] if split > 0 else z[0] - 1.0
            hi = z[split] if split < n_rows else z[-1] + 1.0
            if hi - lo > 0.1:
                # the smallest positive output is small (<= 0.1): a unit alive on one row only
                # has a tiny mean output, yet it is not dead
                W[k], b[k] = w, float(-hi + min(0.1, (hi - lo) / 2))
                break
    return X, W, b


def dead_reference(X, W, b):
    z = X.double() @ W.double().T + (0 if b is None else b.double())
    return (torch.clamp(z, min=0) == 0).all(dim=0)


def check_dead_units(student, X, W, b, expected):
    what = (f"dead_units(nn.Linear({W.shape[1]}, {W.shape[0]}{'' if b is not None else ', bias=False'}), "
            f"inputs: float32{list(X.shape)})")
    report = student.probe(dead_units_on_linear, "dead_units", W, b, X, desc=what)
    expect.true(type(report) is dict and "result" in report,
                f"{what} could not be checked (the probe returned {type(report).__name__})")
    expect.tensor(report["result"], expected, dtype=torch.bool, what=what)
    expect.tensor(report["weight_after"], W, atol=0, rtol=0, what=f"layer.weight after {what}")
    if b is not None:
        expect.tensor(report["bias_after"], b, atol=0, rtol=0, what=f"layer.bias after {what}")
    expect.tensor(report["inputs_after"], X, atol=0, rtol=0, what=f"inputs after {what}")


@function("dead_units", weight=3)
def test_dead_units_planted(student, rng):
    kinds = ["dead", "dead", "zero", "one", "one", "half", "all", "dead", "half"]
    order = torch.randperm(len(kinds), generator=rng.torch).tolist()
    kinds = [kinds[i] for i in order]
    n_rows = rng.integer(12, 20)
    X, W, b = planted_layer(rng, n_rows, rng.integer(3, 6), kinds)
    expected = torch.tensor([kind in ("dead", "zero") for kind in kinds])
    assert torch.equal(dead_reference(X, W, b), expected)  # the planting itself (no student value)
    check_dead_units(student, X, W, b, expected)


@function("dead_units")
def test_dead_units_no_bias_and_all_alive(student, rng):
    # a layer without bias: positive inputs, dead rows have only negative (or zero) weights
    X = rng.rand(10, 4) + 0.1
    out = 7
    W = rng.randn(out, 4)
    dead = torch.randperm(out, generator=rng.torch)[:3]
    W[dead] = -W[dead].abs() - 0.05
    W[dead[0]] = 0.0  # exactly zero output: still dead
    for k in range(out):  # every other unit fires on some row (by at least 0.05)
        if k not in dead.tolist() and (X @ W[k]).max() < 0.05:
            W[k] = W[k].abs() + 0.05
    expected = torch.zeros(out, dtype=torch.bool)
    expected[dead] = True
    assert torch.equal(dead_reference(X, W, None), expected)
    check_dead_units(student, X, W, None, expected)
    # a layer where every unit fires on every row: nothing is dead
    X, W, b = planted_layer(rng, 8, 3, ["all"] * 5)
    check_dead_units(student, X, W, b, torch.zeros(5, dtype=torch.bool))

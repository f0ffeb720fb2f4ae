"""Hidden checks for day4.activations (激活函数, from scratch).

Every value check runs the student's function with the library activations forbidden inside the
worker (FORBID), then looks at the code itself (and at the student's own helpers it calls) for
references to library activations: that also catches names captured at import time
(``from torch import sigmoid``) and branches the inputs never reach, so a library implementation
scores nothing. The ``*_from_scratch`` tests make that static check the headline of a failure.
References are computed here with torch's own activations, in float64 where that matters.
"""

import torch

from grader.probes.day4 import library_activation_refs
from grader.spec import expect, function

# Library activations that must not run during a call (functions, Tensor methods, torch.special,
# the whole torch.nn.functional module, nn activation modules).
FORBID = (
    "torch.sigmoid", "torch.sigmoid_", "torch.tanh", "torch.tanh_", "torch.relu", "torch.relu_",
    "torch.softmax", "torch.log_softmax", "torch.threshold", "torch.threshold_",
    "torch.rrelu", "torch.rrelu_", "torch.prelu",
    "torch.Tensor.sigmoid", "torch.Tensor.sigmoid_", "torch.Tensor.tanh", "torch.Tensor.tanh_",
    "torch.Tensor.relu", "torch.Tensor.relu_", "torch.Tensor.softmax", "torch.Tensor.log_softmax",
    "torch.special.expit", "torch.special.softmax", "torch.special.log_softmax",
    "torch.nn.functional",
    "torch.nn.Sigmoid", "torch.nn.Tanh", "torch.nn.ReLU", "torch.nn.LeakyReLU",
    "torch.nn.Softmax", "torch.nn.LogSoftmax",
)

# Inputs where the formulas written literally overflow: e^(-x) or e^(-2x) is inf in float32
# beyond ~88 / ~44, in float64 beyond ~709 / ~354.
EXTREMES = (1e4, 3000.0, 1000.0, 400.0, 100.0, 89.0, 50.0, 45.0, 30.0, 20.0, 0.0)


def call(student, name, *args, **kwargs):
    """A student call with every library activation forbidden."""
    return student.call(name, *args, forbid=FORBID, **kwargs)


def with_zeros(rng, x, p=0.25):
    """x with about a fraction p of its elements set to exactly 0 (and at least one)."""
    x = x.clone()
    mask = rng.rand(*x.shape) < p
    mask.view(-1)[rng.integer(0, x.numel() - 1)] = True
    x[mask] = 0.0
    return x


def extremes(rng, dtype=torch.float32):
    """±EXTREMES plus random large values, shuffled."""
    big = torch.tensor(EXTREMES, dtype=torch.float64)
    vals = torch.cat([big, -big, (rng.rand(8).double() * 2 - 1) * 1e4])
    perm = torch.randperm(vals.numel(), generator=rng.torch)
    return vals[perm].to(dtype)


def static_check(student, name):
    refs = student.probe(library_activation_refs, name, desc=f"{name} (its code, read for library activations)")
    shown = ", ".join(map(str, refs)) if type(refs) is list else repr(refs)
    expect.true(refs == [], f"{name} is meant to be written from scratch, but it uses a library "
                            f"activation: {shown}. Build it from torch.exp, clamp, where, "
                            f"maximum, max …")


def sigmoid_ref(x):
    return torch.sigmoid(x.double())


# ---------------------------------------------------------------- sigmoid
@function("sigmoid", weight=2)
def test_sigmoid_values(student, rng):
    for shape in ((7,), (3, 5), (2, 3, 4)):
        x = rng.randn(*shape) * 4
        expect.tensor(call(student, "sigmoid", x), sigmoid_ref(x).float())
    x = rng.randn(4, 3, dtype=torch.float64) * 4
    expect.tensor(call(student, "sigmoid", x), sigmoid_ref(x))
    static_check(student, "sigmoid")


@function("sigmoid")
def test_sigmoid_large_inputs_are_finite(student, rng):
    for dtype in (torch.float32, torch.float64):
        x = extremes(rng, dtype)
        expect.tensor(call(student, "sigmoid", x), sigmoid_ref(x).to(dtype))
    static_check(student, "sigmoid")


@function("sigmoid")
def test_sigmoid_from_scratch(student, rng):
    static_check(student, "sigmoid")
    x = rng.randn(5) * 3
    expect.tensor(call(student, "sigmoid", x), sigmoid_ref(x).float())


# ---------------------------------------------------------------- sigmoid_grad
def sigmoid_grad_ref(x):
    s = torch.sigmoid(x.double())
    return s * (1 - s)


@function("sigmoid_grad", weight=2)
def test_sigmoid_grad_values(student, rng):
    for shape in ((9,), (4, 5)):
        x = rng.randn(*shape) * 4
        expect.tensor(call(student, "sigmoid_grad", x), sigmoid_grad_ref(x).float())
    x = rng.randn(2, 3, 2, dtype=torch.float64) * 4
    expect.tensor(call(student, "sigmoid_grad", x), sigmoid_grad_ref(x))
    static_check(student, "sigmoid_grad")


@function("sigmoid_grad")
def test_sigmoid_grad_large_inputs_are_finite(student, rng):
    for dtype in (torch.float32, torch.float64):
        x = extremes(rng, dtype)
        expect.tensor(call(student, "sigmoid_grad", x), sigmoid_grad_ref(x).to(dtype))
    static_check(student, "sigmoid_grad")


@function("sigmoid_grad")
def test_sigmoid_grad_from_scratch(student, rng):
    static_check(student, "sigmoid_grad")
    x = rng.randn(5) * 3
    expect.tensor(call(student, "sigmoid_grad", x), sigmoid_grad_ref(x).float())


# ---------------------------------------------------------------- tanh
def tanh_ref(x):
    return torch.tanh(x.double())


@function("tanh", weight=2)
def test_tanh_values(student, rng):
    for shape in ((8,), (3, 4), (2, 2, 3)):
        x = rng.randn(*shape) * 2
        expect.tensor(call(student, "tanh", x), tanh_ref(x).float())
    x = with_zeros(rng, rng.randn(5, 2, dtype=torch.float64) * 2)
    expect.tensor(call(student, "tanh", x), tanh_ref(x))
    static_check(student, "tanh")


@function("tanh", weight=2)
def test_tanh_large_inputs_are_finite(student, rng):
    # the literal (1 - e^-2x) / (1 + e^-2x) gives -inf/inf = NaN for very negative x
    for dtype in (torch.float32, torch.float64):
        x = extremes(rng, dtype)
        expect.tensor(call(student, "tanh", x), tanh_ref(x).to(dtype))
    static_check(student, "tanh")


@function("tanh")
def test_tanh_from_scratch(student, rng):
    static_check(student, "tanh")
    x = rng.randn(5) * 2
    expect.tensor(call(student, "tanh", x), tanh_ref(x).float())


# ---------------------------------------------------------------- tanh_grad
def tanh_grad_ref(x):
    return 1 - torch.tanh(x.double()) ** 2


@function("tanh_grad", weight=2)
def test_tanh_grad_values(student, rng):
    for shape in ((10,), (3, 4)):
        x = rng.randn(*shape) * 3
        expect.tensor(call(student, "tanh_grad", x), tanh_grad_ref(x).float())
    # moderately large inputs, where the derivative is (almost) 0
    x = (rng.rand(12) * 2 - 1) * 20
    expect.tensor(call(student, "tanh_grad", x), tanh_grad_ref(x).float())
    x = with_zeros(rng, rng.randn(2, 5, dtype=torch.float64) * 2)
    expect.tensor(call(student, "tanh_grad", x), tanh_grad_ref(x))
    static_check(student, "tanh_grad")


@function("tanh_grad")
def test_tanh_grad_from_scratch(student, rng):
    static_check(student, "tanh_grad")
    x = rng.randn(5) * 2
    expect.tensor(call(student, "tanh_grad", x), tanh_grad_ref(x).float())


# ---------------------------------------------------------------- relu
@function("relu", weight=2)
def test_relu_values(student, rng):
    for shape in ((11,), (4, 6), (2, 3, 4)):
        x = with_zeros(rng, rng.randn(*shape) * 3)
        expect.tensor(call(student, "relu", x), torch.clamp(x, min=0))
    x = with_zeros(rng, rng.randn(3, 3, dtype=torch.float64))
    expect.tensor(call(student, "relu", x), torch.clamp(x, min=0))
    static_check(student, "relu")


@function("relu")
def test_relu_from_scratch(student, rng):
    static_check(student, "relu")
    x = with_zeros(rng, rng.randn(6))
    expect.tensor(call(student, "relu", x), torch.clamp(x, min=0))


# ---------------------------------------------------------------- relu_grad
@function("relu_grad", weight=2)
def test_relu_grad_values_and_zero(student, rng):
    # exact zeros are included: the derivative is defined as 0 there
    for shape in ((12,), (3, 5), (2, 2, 4)):
        x = with_zeros(rng, rng.randn(*shape) * 3, p=0.3)
        expect.tensor(call(student, "relu_grad", x), (x > 0).float())
    x = torch.tensor([0.0, -0.0, 1e-30, -1e-30, 5.0, -5.0])
    expect.tensor(call(student, "relu_grad", x), (x > 0).float())
    static_check(student, "relu_grad")


@function("relu_grad")
def test_relu_grad_from_scratch(student, rng):
    static_check(student, "relu_grad")
    x = with_zeros(rng, rng.randn(6))
    expect.tensor(call(student, "relu_grad", x), (x > 0).float())


# ---------------------------------------------------------------- leaky_relu
def leaky_ref(x, slope):
    x = x.double()
    return torch.where(x > 0, x, slope * x)


@function("leaky_relu", weight=2)
def test_leaky_relu_random_slopes(student, rng):
    for shape in ((10,), (3, 4), (2, 3, 2)):
        x = with_zeros(rng, rng.randn(*shape) * 3)
        slope = rng.uniform(0.02, 0.95)
        expect.tensor(call(student, "leaky_relu", x, slope), leaky_ref(x, slope).float())
    x = rng.randn(7) * 3
    slope = rng.uniform(0.02, 0.95)
    expect.tensor(call(student, "leaky_relu", x, slope=slope), leaky_ref(x, slope).float())
    static_check(student, "leaky_relu")


@function("leaky_relu")
def test_leaky_relu_default_slope(student, rng):
    x = with_zeros(rng, rng.randn(4, 5) * 10)
    expect.tensor(call(student, "leaky_relu", x), leaky_ref(x, 0.01).float())
    static_check(student, "leaky_relu")


@function("leaky_relu")
def test_leaky_relu_from_scratch(student, rng):
    static_check(student, "leaky_relu")
    x = rng.randn(6) * 3
    slope = rng.uniform(0.02, 0.95)
    expect.tensor(call(student, "leaky_relu", x, slope), leaky_ref(x, slope).float())


# ---------------------------------------------------------------- softmax
def softmax_ref(X, dim):
    return torch.softmax(X.double(), dim=dim).to(X.dtype)


@function("softmax", weight=2)
def test_softmax_default_dim(student, rng):
    X = rng.randn(rng.integer(2, 4), rng.integer(5, 7)) * 2
    got = call(student, "softmax", X)
    expect.tensor(got, softmax_ref(X, -1))
    static_check(student, "softmax")


@function("softmax", weight=3)
def test_softmax_any_dim(student, rng):
    # every dim of a 3-D tensor with distinct sizes, positive and negative
    sizes = [2, 3, 4, 5]
    perm = torch.randperm(4, generator=rng.torch).tolist()
    shape = tuple(sizes[i] for i in perm[:3])
    X = rng.randn(*shape) * 2
    for dim in (0, 1, 2, -1, -2, -3):
        expect.tensor(call(student, "softmax", X, dim), softmax_ref(X, dim))
    # a random N-D tensor and dim
    ndim = rng.integer(1, 4)
    X = rng.randn(*rng.shape(ndim, low=2, high=5), dtype=torch.float64) * 3
    dim = rng.integer(-ndim, ndim - 1)
    got = call(student, "softmax", X, dim=dim)
    expect.tensor(got, softmax_ref(X, dim))
    expect.tensor(got.double().sum(dim), torch.ones(X.sum(dim).shape, dtype=torch.float64),
                  what=f"the sums of softmax(X, dim={dim}) along dim {dim}")
    static_check(student, "softmax")


@function("softmax", weight=3)
def test_softmax_large_logits_are_stable(student, rng):
    # rows around +1000 (the book's exp(X) overflows) and around -1000 (subtracting the
    # maximum of the whole tensor instead of each row's maximum underflows to 0/0)
    rows, cols = 6, rng.integer(4, 7)
    offsets = torch.tensor([1000.0, -1000.0, 0.0, 500.0, -500.0, 1000.0])
    offsets = offsets[torch.randperm(rows, generator=rng.torch)]
    X = rng.randn(rows, cols) * 3 + offsets[:, None]
    expect.tensor(call(student, "softmax", X), softmax_ref(X, -1), atol=1e-4, rtol=1e-4)
    # columns around +-1000, softmax along dim 0, in float64
    Y = rng.randn(cols, rows, dtype=torch.float64) * 3 + offsets[None, :].double()
    expect.tensor(call(student, "softmax", Y, 0), softmax_ref(Y, 0), atol=1e-6)
    static_check(student, "softmax")


@function("softmax")
def test_softmax_from_scratch(student, rng):
    static_check(student, "softmax")
    X = rng.randn(3, 4)
    expect.tensor(call(student, "softmax", X), softmax_ref(X, -1))

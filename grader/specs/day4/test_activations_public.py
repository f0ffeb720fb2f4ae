"""Public checks for day4.activations (激活函数): the docstring examples and the property that
defines each function, on small fixed inputs, with the library activations forbidden. The hidden
checks use random inputs and shapes, |x| up to 1e4, and also read your code for library
activations (as the last check of each function here does).

Public checks carry a small weight: the hidden checks decide the score."""

import torch

from grader.probes.day4 import library_activation_refs
from grader.spec import expect, function


# Library activations that raise when called during these checks: write them from scratch.
FORBID = (
    "torch.sigmoid", "torch.sigmoid_", "torch.tanh", "torch.tanh_", "torch.relu", "torch.relu_",
    "torch.softmax", "torch.log_softmax", "torch.threshold", "torch.threshold_",
    "torch.Tensor.sigmoid", "torch.Tensor.sigmoid_", "torch.Tensor.tanh", "torch.Tensor.tanh_",
    "torch.Tensor.relu", "torch.Tensor.relu_", "torch.Tensor.softmax", "torch.Tensor.log_softmax",
    "torch.special.expit", "torch.special.softmax", "torch.special.log_softmax",
    "torch.nn.functional",
    "torch.nn.Sigmoid", "torch.nn.Tanh", "torch.nn.ReLU", "torch.nn.LeakyReLU",
    "torch.nn.Softmax", "torch.nn.LogSoftmax",
)


def call(student, name, *args, **kwargs):
    """A student call with every library activation forbidden."""
    return student.call(name, *args, forbid=FORBID, **kwargs)


def from_scratch(student, name):
    """Your code (and your own helpers it calls) must not refer to a library activation, not even
    one imported under another name (from torch import sigmoid as s)."""
    refs = student.probe(library_activation_refs, name, desc=f"{name} (its code, read for library activations)")
    shown = ", ".join(map(str, refs)) if type(refs) is list else repr(refs)
    expect.true(refs == [], f"{name} is meant to be written from scratch, but it uses a library activation: "
                            f"{shown}. Build it from torch.exp, clamp, where, maximum, max …")


# ---------------------------------------------------------------------------------- sigmoid
@function("sigmoid")
def test_sigmoid_example(student):
    """文档示例：sigmoid([0., 2.]) → [0.5000, 0.8808]；自己写，不用库函数。
    Docstring example: sigmoid([0., 2.]) → [0.5000, 0.8808]; written from scratch, no library call."""
    x = torch.tensor([0.0, 2.0])
    expect.tensor(call(student, "sigmoid", x), torch.tensor([0.5, 0.8807970779778823]))
    from_scratch(student, "sigmoid")


@function("sigmoid")
def test_sigmoid_extreme_inputs(student):
    """|x| 到 1e4 也不能有 NaN：sigmoid([-1e4, -100, 100, 1e4]) → [0, ≈0, 1, 1]。
    No NaN for |x| up to 1e4: sigmoid([-1e4, -100, 100, 1e4]) → [0, ≈0, 1, 1]."""
    x = torch.tensor([-1e4, -100.0, 100.0, 1e4])
    expect.tensor(call(student, "sigmoid", x), torch.sigmoid(x.double()).float())


# ----------------------------------------------------------------------------- sigmoid_grad
@function("sigmoid_grad")
def test_sigmoid_grad_example(student):
    """文档示例：sigmoid_grad([0.]) → [0.25]（最大值）；x = ±2 处是 σ(1 − σ) ≈ 0.1050。
    Docstring example: sigmoid_grad([0.]) → [0.25] (the maximum); at x = ±2 it is σ(1 − σ) ≈ 0.1050."""
    expect.tensor(call(student, "sigmoid_grad", torch.tensor([0.0])), torch.tensor([0.25]))
    x = torch.tensor([-2.0, 2.0])
    expect.tensor(call(student, "sigmoid_grad", x), torch.tensor([0.10499358540350652, 0.10499358540350652]))
    from_scratch(student, "sigmoid_grad")


@function("sigmoid_grad")
def test_sigmoid_grad_extreme_inputs(student):
    """|x| 到 1e4 也不能有 NaN：两侧的导数都趋于 0。
    No NaN for |x| up to 1e4: the derivative goes to 0 on both sides."""
    x = torch.tensor([-1e4, -1000.0, -100.0, 100.0, 1000.0, 1e4])
    s = torch.sigmoid(x.double())
    expect.tensor(call(student, "sigmoid_grad", x), (s * (1 - s)).float())


# ------------------------------------------------------------------------------------- tanh
@function("tanh")
def test_tanh_example(student):
    """文档示例：tanh([0., 1.]) → [0.0000, 0.7616]；奇函数：tanh(−1) = −0.7616。
    Docstring example: tanh([0., 1.]) → [0.0000, 0.7616]; odd: tanh(−1) = −0.7616."""
    x = torch.tensor([0.0, 1.0, -1.0])
    expect.tensor(call(student, "tanh", x), torch.tensor([0.0, 0.7615941559557649, -0.7615941559557649]))
    from_scratch(student, "tanh")


@function("tanh")
def test_tanh_extreme_inputs(student):
    """照公式写在 x 很负时是 −inf/inf = NaN；要求 tanh([-1e4, -100, 100, 1e4]) → [−1, −1, 1, 1]。
    The literal formula is −inf/inf = NaN for very negative x; tanh([-1e4, -100, 100, 1e4]) must be [−1, −1, 1, 1]."""
    x = torch.tensor([-1e4, -100.0, 100.0, 1e4])
    expect.tensor(call(student, "tanh", x), torch.tensor([-1.0, -1.0, 1.0, 1.0]))


# -------------------------------------------------------------------------------- tanh_grad
@function("tanh_grad")
def test_tanh_grad_example(student):
    """文档示例：tanh_grad([0.]) → [1.]；x = ±0.5、±2 处是 1 − tanh²(x)。
    Docstring example: tanh_grad([0.]) → [1.]; at x = ±0.5 and ±2 it is 1 − tanh²(x)."""
    expect.tensor(call(student, "tanh_grad", torch.tensor([0.0])), torch.tensor([1.0]))
    x = torch.tensor([-2.0, -0.5, 0.5, 2.0])
    expect.tensor(call(student, "tanh_grad", x), (1 - torch.tanh(x.double()) ** 2).float())
    from_scratch(student, "tanh_grad")


# ------------------------------------------------------------------------------------- relu
@function("relu")
def test_relu_example(student):
    """文档示例：relu([-1., 0., 2.]) → [0., 0., 2.]；二维输入同理。
    Docstring example: relu([-1., 0., 2.]) → [0., 0., 2.]; likewise for a 2-D input."""
    expect.tensor(call(student, "relu", torch.tensor([-1.0, 0.0, 2.0])), torch.tensor([0.0, 0.0, 2.0]))
    x = torch.tensor([[0.5, -3.0], [0.0, 7.25]])
    expect.tensor(call(student, "relu", x), torch.tensor([[0.5, 0.0], [0.0, 7.25]]))
    from_scratch(student, "relu")


# -------------------------------------------------------------------------------- relu_grad
@function("relu_grad")
def test_relu_grad_example(student):
    """文档示例：relu_grad([-1., 0., 2.]) → [0., 0., 1.]：x = 0 处规定为 0（0/1 浮点或布尔都可以）。
    Docstring example: relu_grad([-1., 0., 2.]) → [0., 0., 1.]: 0 at exactly x = 0 (0/1 floats or a bool mask)."""
    x = torch.tensor([-1.0, 0.0, 2.0, -0.0, 1e-30, -3.5])
    expect.tensor(call(student, "relu_grad", x), torch.tensor([0.0, 0.0, 1.0, 0.0, 1.0, 0.0]))
    from_scratch(student, "relu_grad")


# ------------------------------------------------------------------------------- leaky_relu
@function("leaky_relu")
def test_leaky_relu_example(student):
    """文档示例：leaky_relu([-2., 3.], 0.1) → [-0.2, 3.]：斜率只乘负半轴，正半轴不变。
    Docstring example: leaky_relu([-2., 3.], 0.1) → [-0.2, 3.]: the slope scales the negative side only."""
    expect.tensor(call(student, "leaky_relu", torch.tensor([-2.0, 3.0]), 0.1), torch.tensor([-0.2, 3.0]))
    from_scratch(student, "leaky_relu")


@function("leaky_relu")
def test_leaky_relu_default_slope_example(student):
    """默认斜率是 0.01：leaky_relu([-100., 0., 5.]) → [-1., 0., 5.]。
    The default slope is 0.01: leaky_relu([-100., 0., 5.]) → [-1., 0., 5.]."""
    expect.tensor(call(student, "leaky_relu", torch.tensor([-100.0, 0.0, 5.0])), torch.tensor([-1.0, 0.0, 5.0]))


# ---------------------------------------------------------------------------------- softmax
@function("softmax")
def test_softmax_example(student):
    """文档示例：softmax([[1000., 1000.]]) → [[0.5, 0.5]]；每一行减去自己的最大值（−1000 附近的行也不能变成 0/0）。
    Docstring example: softmax([[1000., 1000.]]) → [[0.5, 0.5]]; subtract each row's own maximum (a row near −1000 must not become 0/0)."""
    expect.tensor(call(student, "softmax", torch.tensor([[1000.0, 1000.0]])), torch.tensor([[0.5, 0.5]]))
    X = torch.tensor([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [0.0, 1.0, 2.0]])
    expect.tensor(call(student, "softmax", X), torch.softmax(X.double(), dim=-1).float(), atol=1e-5)
    from_scratch(student, "softmax")


@function("softmax")
def test_softmax_dim_argument(student):
    """dim 决定沿哪一维求和为 1：2×3 的 X 用 dim=0 时每一列之和为 1，dim=-1 时每一行之和为 1。
    dim decides which slices sum to 1: for a 2×3 X, dim=0 makes every column sum to 1, dim=-1 every row."""
    X = torch.tensor([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])
    for dim in (0, 1, -1):
        got = call(student, "softmax", X, dim)
        expect.tensor(got, torch.softmax(X.double(), dim=dim).float(), atol=1e-6)

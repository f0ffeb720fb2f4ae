"""Public checks for day4.gradient_flow (梯度消失与神经元死亡): the docstring examples and the
property that defines each function, on small fixed inputs. The hidden checks use more
activations, shapes and thresholds, deeper chains, and layers with planted dead units.

Public checks carry a small weight: the hidden checks decide the score."""

import torch

from grader.funcs import day4 as acts
from grader.probes.day4 import dead_units_on_linear
from grader.spec import expect, function



# ---------------------------------------------------------------------- autograd_derivative
@function("autograd_derivative")
def test_autograd_derivative_example(student):
    """文档示例：sigmoid 在 0 处的导数是 0.25；x = [-2, 0, 3] 处是 σ(1 − σ)。
    Docstring example: sigmoid's derivative at 0 is 0.25; at x = [-2, 0, 3] it is σ(1 − σ)."""
    expect.tensor(student.autograd_derivative(acts.sigmoid, torch.tensor([0.0])), torch.tensor([0.25]))
    x = torch.tensor([-2.0, 0.0, 3.0])
    s = torch.sigmoid(x.double())
    expect.tensor(student.autograd_derivative(acts.sigmoid, x), (s * (1 - s)).float())


@function("autograd_derivative")
def test_autograd_derivative_elementwise(student):
    """逐元素求导，形状与 x 相同：x² 对 2×3 的 x 求导得 2x（对 act(x).sum() 反向传播，不是 mean）。
    Element by element, in x's shape: the derivative of x² at a 2×3 x is 2x (back-propagate act(x).sum(), not the mean)."""
    x = torch.tensor([[1.0, -2.0, 0.5], [3.0, -0.25, 4.0]])
    expect.tensor(student.autograd_derivative(acts.square, x), 2 * x)


# ----------------------------------------------------------------------- saturated_fraction
@function("saturated_fraction")
def test_saturated_fraction_example(student):
    """文档示例：[-7., 0., 6., 10.] → 0.5：|x| 恰好等于 6 不算饱和（严格大于），−7 算（取绝对值）。
    Docstring example: [-7., 0., 6., 10.] → 0.5: |x| equal to 6 is not saturated (strictly greater), −7 is (absolute value)."""
    expect.scalar(student.saturated_fraction(torch.tensor([-7.0, 0.0, 6.0, 10.0])), 0.5, kind=float)


@function("saturated_fraction")
def test_saturated_fraction_matrix(student):
    """2×4 的 x、threshold = 2：8 个元素中有 3 个 |x| > 2，结果 0.375（对全部元素求比例）。
    A 2×4 x with threshold 2: 3 of the 8 elements have |x| > 2, so 0.375 (a fraction of all elements)."""
    x = torch.tensor([[2.5, -1.0, 0.0, -2.0], [-3.0, 2.0, 1.5, 8.0]])
    expect.scalar(student.saturated_fraction(x, 2.0), 0.375, kind=float)


# ----------------------------------------------------------------------- sigmoid_chain_grad
@function("sigmoid_chain_grad")
def test_sigmoid_chain_grad_example(student):
    """文档示例：sigmoid_chain_grad(0.0, 1) → 0.25；depth = 0 时 y = x，导数 1.0。
    Docstring example: sigmoid_chain_grad(0.0, 1) → 0.25; depth 0 means y = x, derivative 1.0."""
    expect.scalar(student.sigmoid_chain_grad(0.0, 1), 0.25, kind=float, atol=1e-12, rtol=1e-6)
    expect.scalar(student.sigmoid_chain_grad(0.0, 0), 1.0, kind=float)


@function("sigmoid_chain_grad")
def test_sigmoid_chain_grad_two_layers(student):
    """两层：σ'(0) · σ'(σ(0)) = 0.25 · σ'(0.5) ≈ 0.058750，每层在它自己的输入处求导。
    Two layers: σ'(0) · σ'(σ(0)) = 0.25 · σ'(0.5) ≈ 0.058750, each layer's derivative at its own input."""
    expect.scalar(student.sigmoid_chain_grad(0.0, 2), 0.25 * 0.2350037122015945, kind=float, atol=1e-12, rtol=1e-6)


# ------------------------------------------------------------------------------- dead_units
@function("dead_units")
def test_dead_units_example(student):
    """文档示例：单元 2 的偏置是 −100，对每个样本都输出 0（死亡）；单元 1 的权重和偏置全为 0（输出恰为 0，也算死亡）；单元 3 只在一个样本上输出 0.01（活着）→ 布尔张量 [False, True, True, False]。
    Docstring example: unit 2 has bias −100 and outputs 0 for every sample (dead); unit 1 has all-zero weights and bias (output exactly 0: dead too); unit 3 outputs 0.01 on one sample only (alive) → the bool tensor [False, True, True, False]."""
    W = torch.tensor([[1.0, 1.0], [0.0, 0.0], [1.0, -1.0], [1.0, 0.0]])
    b = torch.tensor([0.5, 0.0, -100.0, -0.99])
    inputs = torch.tensor([[0.5, 0.5], [-0.5, 1.0], [1.0, -1.0]])
    desc = "dead_units(nn.Linear(2, 4), inputs: float32[3, 2])"
    report = student.probe(dead_units_on_linear, "dead_units", W, b, inputs, desc=desc)
    expect.tensor(report["result"], torch.tensor([False, True, True, False]), dtype=torch.bool, what=desc)
    expect.tensor(report["weight_after"], W, atol=0, rtol=0, what=f"layer.weight after {desc}")
    expect.tensor(report["bias_after"], b, atol=0, rtol=0, what=f"layer.bias after {desc}")

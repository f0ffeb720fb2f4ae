"""Public checks for day3.autograd (自动微分): the docstring examples and the property that
defines each function, on small fixed inputs. The hidden checks use random inputs.

Public checks carry a small weight: the hidden checks decide the score."""

import functools

import torch

from grader.funcs.day3 import poly, quadratic, quadratic_descent
from grader.probes.day3 import detach_requires_grad, grad_flags_after
from grader.spec import expect, function


# f(w) = 2·w² (the notes' loss), f(w) = w², and f(w) = 3w³ − 2w + 1, as polynomials c0 + c1·w + …
TWO_W_SQUARED = functools.partial(poly, coeffs=(0.0, 0.0, 2.0))
W_SQUARED = functools.partial(poly, coeffs=(0.0, 0.0, 1.0))
CUBIC = functools.partial(poly, coeffs=(1.0, -2.0, 0.0, 3.0))  # f'(w) = 9w² − 2


# ----------------------------------------------------------------------------- derivative_at
@function("derivative_at")
def test_derivative_at_example(student):
    """文档示例：f(w) = 2w² 在 w0 = 10 处的导数是 40.0（Python float）。
    Docstring example: the derivative of f(w) = 2w² at w0 = 10 is 40.0 (a Python float)."""
    expect.scalar(student.derivative_at(TWO_W_SQUARED, 10.0), 40.0, kind=float, atol=1e-4, rtol=1e-4)


@function("derivative_at")
def test_derivative_at_cubic(student):
    """三次函数 3w³ − 2w + 1 在 w0 = −1.5 处：导数 9w² − 2 = 18.25（要精确，差分近似不够）。
    A cubic 3w³ − 2w + 1 at w0 = −1.5: the derivative 9w² − 2 = 18.25, exactly (a difference quotient is too rough)."""
    expect.scalar(student.derivative_at(CUBIC, -1.5), 18.25, kind=float, atol=1e-4, rtol=1e-4)


# ------------------------------------------------------------------------------- sgd_update
@function("sgd_update")
def test_sgd_update_example(student):
    """文档示例：f(w) = 2w²，w0 = 10，lr = 0.01 → 梯度 40，新 w = 9.6。
    Docstring example: f(w) = 2w², w0 = 10, lr = 0.01 → gradient 40, new w = 9.6."""
    expect.scalar(student.sgd_update(TWO_W_SQUARED, 10.0, 0.01), 9.6, atol=1e-5, rtol=1e-5)


@function("sgd_update")
def test_sgd_update_negative_slope(student):
    """导数为负时 w 要变大：3w³ − 2w + 1 在 w0 = 0 处导数 −2，lr = 0.1 → 0.2（减号，乘以 lr）。
    A negative derivative moves w up: 3w³ − 2w + 1 at w0 = 0 has slope −2, lr = 0.1 → 0.2 (minus sign, times lr)."""
    expect.scalar(student.sgd_update(CUBIC, 0.0, 0.1), 0.2, atol=1e-5, rtol=1e-5)


# --------------------------------------------------------------------------------- minimize
@function("minimize")
def test_minimize_two_steps(student):
    """f(w) = w²，w0 = 1，lr = 0.25，两步：w 变成 0.5、0.25；更新前的 loss 是 [1.0, 0.25]（每步梯度清零）。
    f(w) = w², w0 = 1, lr = 0.25, two steps: w goes 0.5, 0.25; the losses before each step are [1.0, 0.25] (gradient zeroed every step)."""
    got = student.minimize(W_SQUARED, 1.0, 0.25, 2)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (final w, losses)")
    expect.scalar(got[0], 0.25, atol=1e-6, what=f"{student.last.desc}[0] (final w; is the gradient zeroed every step?)")
    expect.close_list(got[1], [1.0, 0.25], atol=1e-6, what=f"{student.last.desc}[1] (loss before each step)")


@function("minimize")
def test_minimize_notes_example(student):
    """笔记的例子：w² + 20 从 w0 = 10、lr = 0.01 走 458 步，w ≈ 0.000958，第一个 loss 是 120.0。
    The notes' example: w² + 20 from w0 = 10 with lr = 0.01 for 458 steps ends at w ≈ 0.000958; the first loss is 120.0."""
    f = functools.partial(quadratic, a=1.0, c=0.0, d=20.0)
    got = student.minimize(f, 10.0, 0.01, 458)
    want_w, want_losses = quadratic_descent(10.0, 1.0, 0.0, 20.0, 0.01, 458)
    expect.true(type(got) is tuple and len(got) == 2,
                f"{student.last.desc} must return a tuple (final w, losses)")
    expect.scalar(got[0], want_w, atol=2e-6, rtol=1e-3, what=f"{student.last.desc}[0] (final w)")
    expect.close_list(got[1], want_losses, atol=1e-3, rtol=1e-4,
                      what=f"{student.last.desc}[1] (loss before each step)")


# -------------------------------------------------------------------------- detach_to_numpy
@function("detach_to_numpy")
def test_detach_to_numpy_example(student):
    """文档示例：tensor([1., 2.], requires_grad=True) → array([1., 2.], dtype=float32)；float64 也保持 float64。
    Docstring example: tensor([1., 2.], requires_grad=True) → array([1., 2.], dtype=float32); float64 stays float64."""
    for values in (torch.tensor([1.0, 2.0]), torch.tensor([[0.5, -1.25], [3.0, 0.0]], dtype=torch.float64)):
        desc = f"detach_to_numpy(tensor{values.tolist()}, dtype={str(values.dtype)[6:]}, requires_grad=True)"
        report = student.probe(detach_requires_grad, "detach_to_numpy", values, desc=desc)
        expect.array(report["result"], values.numpy(), dtype="same", what=desc)


# ------------------------------------------------------------------------- linear_mse_grads
def _linear_case():
    """The notes' x = ones(2, 5), y = zeros(2, 3), with a fixed w (5, 3) and b (3,)."""
    x, y = torch.ones(2, 5), torch.zeros(2, 3)
    w = torch.tensor([[0.1, -0.2, 0.3], [0.0, 0.5, -0.5], [0.2, 0.2, 0.2], [-0.3, 0.1, 0.0], [0.4, -0.1, 0.1]])
    b = torch.tensor([0.5, -1.0, 0.25])
    return x, y, w, b


def _mse_reference(x, y, w, b):
    """Loss and the closed-form gradients of MSELoss(x @ w + b, y), in float64."""
    x, y, w, b = (t.double() for t in (x, y, w, b))
    z = x @ w + b
    dz = 2 * (z - y) / z.numel()
    return ((z - y) ** 2).mean().item(), x.T @ dz, dz.sum(0)


@function("linear_mse_grads")
def test_linear_mse_grads_example(student):
    """笔记的 x = ones(2, 5)、y = zeros(2, 3)：返回 (loss 的 Python float, dL/dw (5, 3), dL/db (3,))，dL/dw 每一行都等于 dL/db。
    The notes' x = ones(2, 5), y = zeros(2, 3): returns (loss as a Python float, dL/dw (5, 3), dL/db (3,)); every row of dL/dw equals dL/db."""
    x, y, w, b = _linear_case()
    got = student.linear_mse_grads(x, y, w, b)
    loss, dw, db = _mse_reference(x, y, w, b)
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 3, f"{desc} must return a tuple (loss, dL/dw, dL/db)")
    expect.scalar(got[0], loss, atol=1e-5, rtol=1e-4, what=f"{desc}[0] (the MSELoss, a Python float)")
    expect.tensor(got[1], dw, atol=1e-5, rtol=1e-4, what=f"{desc}[1] (dL/dw)")
    expect.tensor(got[2], db, atol=1e-5, rtol=1e-4, what=f"{desc}[2] (dL/db)")


@function("linear_mse_grads")
def test_linear_mse_grads_uses_own_copies(student):
    """调用者的 w、b 不能被改：调用后它们仍然 requires_grad=False，.grad 仍是 None。
    The caller's w and b stay as they were: afterwards they still have requires_grad=False and .grad None."""
    x, y, w, b = _linear_case()
    desc = "linear_mse_grads(x, y, w, b)"
    report = student.probe(grad_flags_after, "linear_mse_grads", x, y, w, b, desc=desc)
    expect.true(not report["w_requires_grad"] and not report["b_requires_grad"],
                f"{desc} turned on requires_grad of the caller's w or b; make your own leaf copies "
                "(w.detach().clone().requires_grad_(True))")
    expect.true(report["w_grad"] is None and report["b_grad"] is None,
                f"{desc} left a .grad on the caller's w or b; compute the gradients on your own copies")


# ------------------------------------------------------------------------------ grad_of_dot
@function("grad_of_dot")
def test_grad_of_dot_example(student):
    """文档示例：x = [0., 1., 2., 3.] → y = 2·x·x 的梯度 [0., 4., 8., 12.]（即 4x）。
    Docstring example: x = [0., 1., 2., 3.] → the gradient of y = 2·x·x is [0., 4., 8., 12.] (4x)."""
    x = torch.tensor([0.0, 1.0, 2.0, 3.0])
    expect.tensor(student.grad_of_dot(x), torch.tensor([0.0, 4.0, 8.0, 12.0]), atol=1e-5)


# ------------------------------------------------------------------- grad_of_sum_of_squares
@function("grad_of_sum_of_squares")
def test_grad_of_sum_of_squares_example(student):
    """文档示例 [1., 2.] → [2., 4.]；二维的 x 得到同形状的梯度 2x。
    Docstring example [1., 2.] → [2., 4.]; a 2-D x gets a gradient 2x of the same shape."""
    expect.tensor(student.grad_of_sum_of_squares(torch.tensor([1.0, 2.0])), torch.tensor([2.0, 4.0]), atol=1e-5)
    x = torch.tensor([[1.0, -2.0, 0.5], [0.0, 3.0, -1.5]])
    expect.tensor(student.grad_of_sum_of_squares(x), 2 * x, atol=1e-5)


# ------------------------------------------------------------------------- grad_with_detach
@function("grad_with_detach")
def test_grad_with_detach_example(student):
    """文档示例：x = [1., 2., 3.] → 梯度等于 u = x²，即 [1., 4., 9.]（不是 3x²）；二维 x 同理。
    Docstring example: x = [1., 2., 3.] → the gradient equals u = x², [1., 4., 9.] (not 3x²); likewise for a 2-D x."""
    expect.tensor(student.grad_with_detach(torch.tensor([1.0, 2.0, 3.0])), torch.tensor([1.0, 4.0, 9.0]), atol=1e-5)
    x = torch.tensor([[-1.0, 0.5], [2.0, -3.0]])
    expect.tensor(student.grad_with_detach(x), x * x, atol=1e-5)


# ------------------------------------------------------------------------- accumulated_grad
@function("accumulated_grad")
def test_accumulated_grad_example(student):
    """文档示例：f(w) = w²，w0 = 3，k = 2 → 12.0（两次梯度 6 累加）；k = 1 → 6.0。
    Docstring example: f(w) = w², w0 = 3, k = 2 → 12.0 (two gradients of 6 add up); k = 1 → 6.0."""
    expect.scalar(student.accumulated_grad(W_SQUARED, 3.0, 2), 12.0, atol=1e-4, rtol=1e-4)
    expect.scalar(student.accumulated_grad(W_SQUARED, 3.0, 1), 6.0, atol=1e-4, rtol=1e-4)


@function("accumulated_grad")
def test_accumulated_grad_three_times(student):
    """3w³ − 2w + 1 在 w0 = 1 处导数为 7，不清零 backward 三次 → 21.0。
    3w³ − 2w + 1 has slope 7 at w0 = 1; three backward calls without zeroing → 21.0."""
    expect.scalar(student.accumulated_grad(CUBIC, 1.0, 3), 21.0, atol=1e-4, rtol=1e-4)


# ------------------------------------------------------------------------- mse_grads_manual
@function("mse_grads_manual")
def test_mse_grads_manual_example(student):
    """按公式（不许用 backward）求梯度，要与 autograd 的结果一致：x (3, 2)，w (2, 2)，b (2,)，y (3, 2)。
    By the closed form (backward is not allowed), equal to autograd's result: x (3, 2), w (2, 2), b (2,), y (3, 2)."""
    x = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0]])
    y = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
    w = torch.tensor([[0.5, -1.0], [1.5, 0.25]])
    b = torch.tensor([0.1, -0.3])
    got = student.call("mse_grads_manual", x, y, w, b,
                       forbid=("torch.Tensor.backward", "torch.autograd.backward", "torch.autograd.grad"))
    w_ = w.double().requires_grad_(True)
    b_ = b.double().requires_grad_(True)
    torch.nn.functional.mse_loss(x.double() @ w_ + b_, y.double()).backward()
    desc = student.last.desc
    expect.true(type(got) is tuple and len(got) == 2, f"{desc} must return a tuple (dL/dw, dL/db)")
    expect.tensor(got[0], w_.grad, atol=1e-5, rtol=1e-4, what=f"{desc}[0] (dL/dw)")
    expect.tensor(got[1], b_.grad, atol=1e-5, rtol=1e-4, what=f"{desc}[1] (dL/db)")

"""Day 3 · 自动微分 (autograd).

笔记 Day3「参数更新一次」「自动微分简单案例」「detach 函数」「自动微分应用场景」：
用 ``requires_grad=True`` 让 PyTorch 记录计算图，``backward()`` 把梯度写进 ``w.grad``，
按 ``W新 = W旧 - 学习率·梯度`` 更新参数；梯度默认会累加，所以每轮都要清零；
需要梯度的张量要先 ``detach()`` 才能转成 NumPy 数组；``nn.MSELoss`` 配合线性模型求
权重和偏置的梯度。

Day 3 notes, "one parameter update", "a simple autograd example", "detach", "where autograd
is used": ``requires_grad=True`` makes PyTorch record the graph, ``backward()`` writes the
gradient into ``w.grad``, and the update is ``w_new = w_old - lr · grad``. Gradients accumulate
by default, so a training loop zeroes them every step. A tensor that requires grad must be
``detach()``-ed before it can become a NumPy array. ``nn.MSELoss`` with a linear model gives the
gradients of the weight and bias.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch import Tensor


def derivative_at(f: Callable[[Tensor], Tensor], w0: float) -> float:
    """用自动微分求 f 在 w0 处的导数 df/dw，返回 Python float。

    做法同笔记「参数更新一次」：``w = torch.tensor(w0, requires_grad=True)``，
    ``loss = f(w)``，``loss.backward()``，导数在 ``w.grad`` 里；用 ``.item()`` 取出数值。

    例：f(w) = 2·w² 时，``derivative_at(f, 10.0)`` → ``40.0``。

    df/dw at w0 by autograd, as a Python float: make ``w`` a tensor with
    ``requires_grad=True``, call ``f(w).backward()``, read ``w.grad`` and turn it into a number
    with ``.item()``. Example: for f(w) = 2w², ``derivative_at(f, 10.0)`` → 40.0.
    """
    # TODO: a leaf tensor w with requires_grad=True, f(w).backward(), then w.grad.item().
    raise NotImplementedError("derivative_at")


def sgd_update(f: Callable[[Tensor], Tensor], w0: float, lr: float) -> float:
    """从 w0 出发做一次梯度下降 ``w ← w − lr·df/dw``，返回更新后的 w（Python float）。

    这就是笔记「参数更新一次」：``w.data = w.data - lr * w.grad``。

    例：f(w) = 2·w²，w0 = 10，lr = 0.01：梯度 40，新 w = 10 − 0.4 = ``9.6``。

    One gradient-descent step ``w ← w − lr · df/dw`` from w0, returned as a Python float (the
    notes' "参数更新一次"). Example: f(w) = 2w², w0 = 10, lr = 0.01 → gradient 40 → 9.6.
    """
    # TODO: compute the gradient as in derivative_at, then w0 - lr * gradient.
    raise NotImplementedError("sgd_update")


def minimize(f: Callable[[Tensor], Tensor], w0: float, lr: float, steps: int) -> tuple[float, list[float]]:
    """从 w0 出发做 ``steps`` 步梯度下降，返回 ``(最终的 w, [每一步更新前的 loss])``。

    每一步：前向计算 ``loss = f(w)`` → 梯度清零 → ``backward()`` → ``w ← w − lr·w.grad``。
    梯度默认会累加，不清零的话第 t 步用的是前 t 步梯度之和，结果就错了。
    更新时要让 w 仍是同一个叶子张量（``w.data = ...`` 或在 ``torch.no_grad()`` 中 ``w -= ...``）；
    写成 ``w = w - lr * w.grad`` 会让 w 变成非叶子节点，下一轮 ``w.grad`` 就是 None。
    loss 列表长度为 steps，元素为 Python float；w 也返回 Python float。

    例（笔记的例子）：f(w) = w² + 20，w0 = 10，lr = 0.01，458 步后 w ≈ 0.000958，
    列表第一个元素是 120.0。

    ``steps`` gradient-descent steps from w0; returns ``(final w, [loss before each step])`` as
    Python floats (list length ``steps``). Each step: forward, zero the gradient, backward,
    update. Gradients accumulate unless zeroed. Keep w the same leaf tensor while updating
    (``w.data = ...`` or ``w -= ...`` under ``torch.no_grad()``); ``w = w - lr * w.grad`` makes
    w a non-leaf whose ``.grad`` is None next time. Example (the notes): w² + 20 from 10 with
    lr 0.01 for 458 steps ends at w ≈ 0.000958; the first loss is 120.0.
    """
    # TODO: loop steps times: loss = f(w), record loss.item(), zero w.grad, backward, update w in place.
    raise NotImplementedError("minimize")


def detach_to_numpy(t: Tensor) -> np.ndarray:
    """把一个需要梯度（``requires_grad=True``）的张量转换成 NumPy 数组，dtype 与 t 相同。

    直接 ``t.numpy()`` 会报错（笔记「detach 函数」）；先 ``t.detach()``（与 t 共享内存、
    但不再记录梯度）再 ``.numpy()``。

    例：``detach_to_numpy(torch.tensor([1., 2.], requires_grad=True))`` →
    ``array([1., 2.], dtype=float32)``。

    The values of a tensor that requires grad, as an ndarray of t's dtype. ``t.numpy()``
    raises for such a tensor; ``t.detach()`` (shares memory, no graph) then ``.numpy()`` works.
    Example: ``tensor([1., 2.], requires_grad=True)`` → ``array([1., 2.], dtype=float32)``.
    """
    # TODO: detach first, then convert to NumPy.
    raise NotImplementedError("detach_to_numpy")


def linear_mse_grads(x: Tensor, y: Tensor, w: Tensor, b: Tensor) -> tuple[float, Tensor, Tensor]:
    """笔记「自动微分应用场景」：``z = x @ w + b``，``loss = nn.MSELoss()(z, y)``，
    用 ``backward()`` 求 ``(loss, dL/dw, dL/db)``；loss 为 Python float。

    形状：x (n, d)，w (d, k)，b (k,)，y (n, k)；dL/dw 形状 (d, k)，dL/db 形状 (k,)。
    传入的 w、b 是普通张量：请用它们的副本建立自己的叶子张量
    （如 ``w.detach().clone().requires_grad_(True)``），不要修改调用者的 w、b
    （值、``requires_grad``、``.grad`` 都不能变）。

    例：笔记里 x = ones(2, 5)，y = zeros(2, 3) 时，dL/dw 的每一行都等于 dL/db。

    For ``z = x @ w + b`` and ``MSELoss(z, y)``: ``(loss as a Python float, dL/dw, dL/db)`` by
    autograd. Shapes x (n, d), w (d, k), b (k,), y (n, k). w and b are plain tensors: build your
    own leaf copies (``w.detach().clone().requires_grad_(True)``) and leave the caller's tensors
    as they were (values, ``requires_grad`` and ``.grad``). Example: with the notes' x = ones(2, 5)
    and y = zeros(2, 3), every row of dL/dw equals dL/db.
    """
    # TODO: leaf copies of w and b, z = x @ w + b, nn.MSELoss()(z, y).backward().
    raise NotImplementedError("linear_mse_grads")


def grad_of_dot(x: Tensor) -> Tensor:
    """用自动微分求 ``y = 2 · x·x``（``2 * torch.dot(x, x)``）对一维张量 x 的梯度。

    结果形状与 x 相同；解析解是 ``4x``，但请用 ``backward()`` 求。

    例：x = [0., 1., 2., 3.] → ``[0., 4., 8., 12.]``。

    Gradient of ``y = 2 · x·x`` w.r.t. the 1-D tensor x, by autograd (the closed form is 4x).
    Example: x = [0., 1., 2., 3.] → [0., 4., 8., 12.].
    """
    # TODO: a leaf copy of x with requires_grad=True, y = 2 * torch.dot(x, x), backward.
    raise NotImplementedError("grad_of_dot")


def grad_of_sum_of_squares(x: Tensor) -> Tensor:
    """用自动微分求 ``(x*x).sum()`` 对 x 的梯度（x 可以是任意形状的浮点张量）。

    非标量不能直接 ``backward()``，先 ``sum()`` 成标量；结果形状与 x 相同（解析解 2x）。

    例：x = [1., 2.] → ``[2., 4.]``。

    Gradient of ``(x*x).sum()`` w.r.t. x (any shape), by autograd; a non-scalar cannot call
    ``backward()`` directly, so sum first. Example: [1., 2.] → [2., 4.].
    """
    # TODO: a leaf copy of x, (x * x).sum().backward(), return its .grad.
    raise NotImplementedError("grad_of_sum_of_squares")


def grad_with_detach(x: Tensor) -> Tensor:
    """``y = x*x; u = y.detach(); z = u*x``，求 ``z.sum()`` 对 x 的梯度。

    ``detach()`` 得到的 u 被当成常数，所以梯度是 u（即 x²），不是 3x²。

    例：x = [1., 2., 3.] → ``[1., 4., 9.]``。

    ``y = x*x; u = y.detach(); z = u*x``: the gradient of ``z.sum()`` w.r.t. x. The detached u
    is a constant, so the answer equals u (x²), not 3x². Example: [1., 2., 3.] → [1., 4., 9.].
    """
    # TODO: follow y = x*x; u = y.detach(); z = u*x; z.sum().backward().
    raise NotImplementedError("grad_with_detach")


def accumulated_grad(f: Callable[[Tensor], Tensor], w0: float, k: int) -> float:
    """在同一个叶子张量 w（值为 w0）上，k 次（k ≥ 1）重新计算 ``f(w)`` 并 ``backward()``，
    中间 **不** 清零，返回最后的 ``w.grad``（Python float）。

    梯度会累加，所以结果是 ``k · f'(w0)``——这正是训练循环必须每步清零梯度的原因。

    例：f(w) = w²，w0 = 3，k = 2 → ``12.0``。

    Call ``f(w).backward()`` k ≥ 1 times on freshly built graphs of the same leaf w = w0 without
    zeroing, and return ``w.grad`` as a Python float: gradients add up to ``k · f'(w0)``, which is
    why a training loop must zero them. Example: w², w0 = 3, k = 2 → 12.0.
    """
    # TODO: call f(w).backward() k times on the same leaf w without zeroing.
    raise NotImplementedError("accumulated_grad")


def mse_grads_manual(x: Tensor, y: Tensor, w: Tensor, b: Tensor) -> tuple[Tensor, Tensor]:
    """不用自动微分，按公式求 ``linear_mse_grads`` 的 ``(dL/dw, dL/db)``。

    ``z = x @ w + b``，``L = mean((z − y)²)``（对全部 n·k 个元素求平均）：
    ``dZ = 2(z − y) / z.numel()``，``dW = xᵀ @ dZ``（形状 (d, k)），``db = dZ.sum(0)``（形状 (k,)）。

    例：可以用 ``linear_mse_grads`` 检查你的结果，两者应在误差范围内相等。

    The same ``(dL/dw, dL/db)`` as ``linear_mse_grads`` by the closed form, no autograd:
    ``dZ = 2(z − y)/z.numel()``, ``dW = xᵀ dZ`` (d, k), ``db = dZ.sum(0)`` (k,). Compare it
    with ``linear_mse_grads`` to check yourself.
    """
    # TODO: z = x @ w + b, dZ = 2(z - y)/z.numel(), then dW and db from dZ.
    raise NotImplementedError("mse_grads_manual")

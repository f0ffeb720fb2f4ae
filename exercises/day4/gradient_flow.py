"""Day 4 · 梯度消失与神经元死亡 (vanishing gradients and dead neurons).

笔记 Day4「激活函数」：输入 < -6 或 > 6 时 sigmoid 的导数接近 0，参数
``W新 = W旧 - 学习率*梯度`` 几乎不再变化；「一般来说，sigmoid 网络在 5 层之内就会产生梯度消失
现象」。ReLU 在 x > 0 时梯度不衰减，但「部分输入会落入小于 0 区域，导致对应权重无法更新」，
这就是「神经元死亡」。本文件用 autograd 把这些现象算出来。

Day 4 notes, "activation functions": for inputs below -6 or above 6 sigmoid's derivative is
nearly 0, so ``W_new = W_old - lr * grad`` barely changes W; "a sigmoid network shows vanishing
gradients within about 5 layers". ReLU keeps the gradient for x > 0, but "inputs that fall
below 0 stop the corresponding weights from updating": dead neurons. Here autograd measures
these effects.
"""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import Tensor


def autograd_derivative(act: Callable[[Tensor], Tensor], x: Tensor) -> Tensor:
    """用 autograd 求逐元素激活函数 act 在 x 每个元素处的导数，返回与 x 形状相同的张量。

    做法（Day3 的自动微分）：复制一份 x 作为叶子张量并 ``requires_grad_()``，计算 ``y = act(x)``；
    y 不是标量，对 ``y.sum()`` 反向传播即可——因为每个 y_i 只依赖 x_i，
    ``d(Σ y_j)/dx_i = act'(x_i)``。不要改动调用者传入的 x。

    例：``autograd_derivative(torch.sigmoid, torch.tensor([0.0]))`` → ``tensor([0.2500])``。

    The derivative of the element-wise activation act at every element of x, by autograd, as a
    tensor of x's shape. Take a leaf copy of x with ``requires_grad_()``, compute ``y = act(x)``
    and back-propagate ``y.sum()``: each y_i depends only on x_i, so ``d(Σ y_j)/dx_i = act'(x_i)``.
    Leave the caller's x unchanged.
    Example: ``autograd_derivative(torch.sigmoid, torch.tensor([0.0]))`` → ``tensor([0.2500])``.
    """
    # TODO: leaf copy of x with requires_grad, back-propagate act(x).sum(), return the grad.
    raise NotImplementedError("autograd_derivative")


def saturated_fraction(x: Tensor, threshold: float = 6.0) -> float:
    """x 中满足 ``|x| > threshold`` 的元素所占比例，返回 Python float（在 0 到 1 之间）。

    笔记：输入 < -6 或 > 6 时 sigmoid「饱和」，导数几乎为 0。比较是严格的大于：
    |x| 恰好等于 threshold 的元素不算。

    例：``saturated_fraction(torch.tensor([-7.0, 0.0, 6.0, 10.0]))`` → ``0.5``。

    The fraction of elements of x with ``|x| > threshold`` (strictly greater), as a Python float
    in [0, 1]: the inputs where sigmoid is saturated and its gradient is nearly 0.
    Example: ``saturated_fraction(torch.tensor([-7.0, 0.0, 6.0, 10.0]))`` → ``0.5``.
    """
    # TODO: mean of the mask |x| > threshold, as a Python float.
    raise NotImplementedError("saturated_fraction")


def sigmoid_chain_grad(x0: float, depth: int) -> float:
    """把 sigmoid 连续套用 depth 次：``y = σ(σ(…σ(x)…))``，返回 ``dy/dx`` 在 x0 处的值（Python float）。

    链式法则：导数是每一层 ``σ'(该层的输入)`` 的乘积，而 ``σ' ≤ 0.25``，所以结果不超过
    ``0.25^depth``——层数一多梯度就「消失」了。depth = 0 时 y = x，导数为 1.0。
    可以用 autograd（建议 float64），也可以按链式法则手算。

    例：``sigmoid_chain_grad(0.0, 1)`` → ``0.25``。

    Apply sigmoid ``depth`` times, ``y = σ(σ(…σ(x)…))``, and return ``dy/dx`` at x0 as a Python
    float. By the chain rule it is the product of ``σ'(input of that layer)`` over the layers,
    each at most 0.25, so the result is at most ``0.25^depth``: the gradient vanishes. For
    depth 0, y = x and the derivative is 1.0. Use autograd (float64 is a good idea) or the
    chain rule by hand.
    Example: ``sigmoid_chain_grad(0.0, 1)`` → 0.25.
    """
    # TODO: apply sigmoid depth times to a float64 leaf (or multiply σ' layer by layer).
    raise NotImplementedError("sigmoid_chain_grad")


def dead_units(layer: torch.nn.Linear, inputs: Tensor) -> Tensor:
    """找出「死亡」的神经元：对 inputs 的每一行（每个样本），``relu(layer(inputs))`` 在该单元
    都是 0 的单元。返回形状为 ``(out_features,)`` 的布尔张量。

    ``layer(inputs)`` 的形状是 ``(样本数, out_features)``：第 j 列是第 j 个单元对所有样本的输出，
    所以要沿样本那一维（dim 0）判断「全部为 0」。只做前向计算，不需要梯度（可以用
    ``torch.no_grad()``），也不要改动 layer 的参数。

    例：若 ``layer.bias`` 的第 2 个元素是 -100、输入都很小，第 2 个单元对每个样本都输出 0，
    结果中该位置为 True。

    The "dead" units of a ReLU layer: a unit is dead when ``relu(layer(inputs))`` is 0 for every
    row (sample) of inputs. Returns a bool tensor of shape ``(out_features,)``. ``layer(inputs)``
    has shape ``(n_samples, out_features)``: column j holds unit j's outputs, so reduce over the
    samples (dim 0) with "all are 0". Forward only (``torch.no_grad()`` is fine); do not change
    the layer's parameters.
    Example: with ``layer.bias[2] = -100`` and small inputs, unit 2 outputs 0 for every sample,
    so the result is True there.
    """
    # TODO: ReLU outputs of layer(inputs); a unit is dead when all of its column is 0.
    raise NotImplementedError("dead_units")

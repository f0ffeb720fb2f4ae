"""Day 4 · 激活函数（从零实现）(activation functions from scratch).

笔记 Day4「激活函数」：sigmoid 把任意输入压到 (0, 1)，输入在 [-6, 6] 之外时导数接近 0
（梯度消失）；tanh 以 0 为中心、梯度比 sigmoid 大，但两侧导数同样趋于 0；ReLU 在 x > 0 时
梯度不衰减，但输入落入小于 0 的区域时梯度为 0（「神经元死亡」）；softmax 把一行分数变成
和为 1 的概率。

本文件要求「从零实现」：不能调用 ``torch.sigmoid``/``tanh``/``relu``/``softmax``/
``log_softmax``（函数、``x.sigmoid()`` 这类张量方法、``from torch import sigmoid`` 都不行），
不能用 ``torch.special`` 里的激活函数、``torch.nn.functional`` 或 ``torch.nn`` 的激活层。
可以用的积木：``torch.exp``、``log``、``logsumexp``、``clamp``、``where``、``maximum``、``max``。

Day 4 notes, "activation functions": sigmoid squashes any input into (0, 1) and its derivative
is nearly 0 outside [-6, 6] (vanishing gradients); tanh is zero-centred with a larger gradient,
but its derivative also vanishes on both sides; ReLU keeps the gradient for x > 0 but gives 0
gradient for negative inputs ("dead neurons"); softmax turns a row of scores into probabilities
that sum to 1.

Everything here is written *from scratch*: no ``torch.sigmoid``/``tanh``/``relu``/``softmax``/
``log_softmax`` in any form (function, Tensor method like ``x.sigmoid()``, ``from torch import
sigmoid``), no ``torch.special`` activations, no ``torch.nn.functional``, no ``torch.nn``
activation modules. Building blocks are fine: ``exp``, ``log``, ``logsumexp``, ``clamp``,
``where``, ``maximum``, ``max``.
"""

from __future__ import annotations

import torch
from torch import Tensor


def sigmoid(x: Tensor) -> Tensor:
    """逐元素计算 sigmoid：``σ(x) = 1 / (1 + e^(-x))``，形状与 x 相同，值在 [0, 1] 之间。

    对 |x| 高达 1e4 的输入也必须是有限值（不能出现 NaN）。提示：x 很负时 ``e^(-x)`` 溢出成
    inf，``1 / (1 + inf)`` 正好是 0，这没问题；但要当心写成 ``inf / inf`` 的形式。

    例：``sigmoid(torch.tensor([0.0, 2.0]))`` → ``tensor([0.5000, 0.8808])``。

    Element-wise ``σ(x) = 1 / (1 + e^(-x))``, same shape as x, values in [0, 1]. Must be finite
    for |x| up to 1e4 (for very negative x, ``e^(-x)`` overflows to inf and ``1 / (1 + inf)`` is
    exactly 0, which is fine; an ``inf / inf`` form is not).
    Example: ``sigmoid(torch.tensor([0.0, 2.0]))`` → ``tensor([0.5000, 0.8808])``.
    """
    # TODO: 1 / (1 + e^(-x)) with torch.exp.
    raise NotImplementedError("sigmoid")


def sigmoid_grad(x: Tensor) -> Tensor:
    """sigmoid 的导数：``σ'(x) = σ(x)·(1 − σ(x))``，逐元素，形状与 x 相同。

    最大值 0.25 出现在 x = 0；|x| > 6 时几乎为 0——这就是笔记里说的「参数更新极其缓慢」。
    对 |x| 高达 1e4 的输入也必须是有限值。

    例：``sigmoid_grad(torch.tensor([0.0]))`` → ``tensor([0.2500])``。

    Derivative of sigmoid, ``σ(x)·(1 − σ(x))``, element-wise, same shape as x. Its maximum 0.25
    is at x = 0; for |x| > 6 it is almost 0, which is why the notes say the parameters then
    barely update. Must be finite for |x| up to 1e4.
    Example: ``sigmoid_grad(torch.tensor([0.0]))`` → ``tensor([0.2500])``.
    """
    # TODO: compute σ(x) with exp, then σ·(1 − σ).
    raise NotImplementedError("sigmoid_grad")


def tanh(x: Tensor) -> Tensor:
    """逐元素计算 tanh：``(1 − e^(−2x)) / (1 + e^(−2x))``，值在 [-1, 1]，以 0 为中心。

    直接照公式写，x 很负时 ``e^(−2x)`` 溢出为 inf，得到 ``-inf / inf = NaN``。要求对 |x| 高达
    1e4 的输入也没有 NaN：可以利用 tanh 是奇函数（只对 |x| 计算 ``e^(−2|x|)``，再乘回符号），
    或者用 ``tanh(x) = 2·σ(2x) − 1``。

    例：``tanh(torch.tensor([0.0, 1.0]))`` → ``tensor([0.0000, 0.7616])``。

    Element-wise ``(1 − e^(−2x)) / (1 + e^(−2x))``, values in [-1, 1], zero-centred. Written
    literally it gives ``-inf / inf = NaN`` for very negative x; it must stay finite for |x| up to
    1e4: use that tanh is odd (compute ``e^(−2|x|)`` and put the sign back) or
    ``tanh(x) = 2·σ(2x) − 1``.
    Example: ``tanh(torch.tensor([0.0, 1.0]))`` → ``tensor([0.0000, 0.7616])``.
    """
    # TODO: a form whose exponent never becomes large and positive (use |x| and the sign, or 2σ(2x) − 1).
    raise NotImplementedError("tanh")


def tanh_grad(x: Tensor) -> Tensor:
    """tanh 的导数：``1 − tanh²(x)``，逐元素，形状与 x 相同。

    最大值 1 出现在 x = 0（比 sigmoid 的 0.25 大，所以笔记说 tanh 收敛更快），两侧同样趋于 0。

    例：``tanh_grad(torch.tensor([0.0]))`` → ``tensor([1.])``。

    Derivative of tanh, ``1 − tanh²(x)``, element-wise. Its maximum is 1 at x = 0 (larger than
    sigmoid's 0.25, hence faster convergence in the notes); it also vanishes on both sides.
    Example: ``tanh_grad(torch.tensor([0.0]))`` → ``tensor([1.])``.
    """
    # TODO: 1 − tanh(x)², with a stable tanh.
    raise NotImplementedError("tanh_grad")


def relu(x: Tensor) -> Tensor:
    """ReLU：``max(x, 0)``，逐元素，形状与 x 相同。

    例：``relu(torch.tensor([-1.0, 0.0, 2.0]))`` → ``tensor([0., 0., 2.])``。

    ReLU, ``max(x, 0)`` element-wise, same shape as x.
    Example: ``relu(torch.tensor([-1.0, 0.0, 2.0]))`` → ``tensor([0., 0., 2.])``.
    """
    # TODO: keep x where x > 0, else 0 (clamp / maximum / where).
    raise NotImplementedError("relu")


def relu_grad(x: Tensor) -> Tensor:
    """ReLU 的导数：x > 0 处为 1，其余（包括 x = 0 处）为 0。

    可以返回 0/1 浮点张量，也可以返回布尔掩码。注意 x = 0 处规定为 0（不同写法经 autograd
    得到的值不同：``torch.max(x, 0)`` 给 0.5，``clamp`` 给 1，所以这里按定义直接写）。
    x < 0 处梯度恒为 0——输入一直落在这里的神经元就「死亡」了。

    例：``relu_grad(torch.tensor([-1.0, 0.0, 2.0]))`` → ``tensor([0., 0., 1.])``。

    Derivative of ReLU: 1 where x > 0, 0 elsewhere, including at x = 0 (a 0/1 float tensor or a
    bool mask). Write it from the definition: autograd through different ReLU idioms gives 0.5
    or 1 at exactly 0. The gradient is always 0 for x < 0: a unit whose inputs stay there "dies".
    Example: ``relu_grad(torch.tensor([-1.0, 0.0, 2.0]))`` → ``tensor([0., 0., 1.])``.
    """
    # TODO: 1 where x > 0, else 0 (also at exactly 0).
    raise NotImplementedError("relu_grad")


def leaky_relu(x: Tensor, slope: float = 0.01) -> Tensor:
    """Leaky ReLU：x > 0 处为 x，其余为 ``slope·x``（slope 默认 0.01）。

    负半轴保留一个小斜率，梯度不再是 0，用来缓解「神经元死亡」。

    例：``leaky_relu(torch.tensor([-2.0, 3.0]), 0.1)`` → ``tensor([-0.2000, 3.0000])``。

    Leaky ReLU: x where x > 0, ``slope·x`` elsewhere (default slope 0.01). The small slope on the
    negative side keeps a non-zero gradient, which eases the "dead neuron" problem.
    Example: ``leaky_relu(torch.tensor([-2.0, 3.0]), 0.1)`` → ``tensor([-0.2000, 3.0000])``.
    """
    # TODO: x where x > 0, slope·x elsewhere.
    raise NotImplementedError("leaky_relu")


def softmax(X: Tensor, dim: int = -1) -> Tensor:
    """沿维度 ``dim`` 做 softmax：``exp(X) / exp(X).sum(dim, keepdim=True)``，形状与 X 相同，
    沿 ``dim`` 的每一组元素之和为 1。``dim`` 可以是任意维度，包括负数。

    数值稳定：书上的 ``exp(X) / exp(X).sum(...)`` 在输入约大于 88（float32）时溢出为
    ``inf / inf = NaN``。先沿 ``dim`` 减去最大值（``keepdim=True``）再取指数，结果不变却不会
    溢出。注意减的是「每一组自己的」最大值，而不是整个张量的最大值。

    例：``softmax(torch.tensor([[1000.0, 1000.0]]))`` → ``tensor([[0.5000, 0.5000]])``。

    Softmax along ``dim``: ``exp(X) / exp(X).sum(dim, keepdim=True)``, same shape as X, every
    slice along ``dim`` sums to 1; ``dim`` may be any dimension, negative too. Make it stable: the
    book's form overflows to ``inf / inf = NaN`` for inputs above ~88 in float32. Subtract the
    maximum along ``dim`` (``keepdim=True``) before ``exp``; the result is the same. Subtract each
    slice's own maximum, not the maximum of the whole tensor.
    Example: ``softmax(torch.tensor([[1000.0, 1000.0]]))`` → ``tensor([[0.5000, 0.5000]])``.
    """
    # TODO: subtract the max along dim (keepdim=True), exp, divide by the sum along dim.
    raise NotImplementedError("softmax")

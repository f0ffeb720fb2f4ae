"""Day 3 · 线性回归从零实现 (linear regression from scratch).

按《动手学深度学习》3.2 节的写法，从零实现线性回归：生成带噪声的合成数据、
小批量读取数据、定义模型 ``Xw + b``、平方损失、小批量随机梯度下降，再把它们组合成训练循环。
笔记 Day1「线性回归」和 Day3「自动微分」是它的基础：每个批次前向计算 → ``backward()`` →
更新参数 → 梯度清零。

Linear regression from scratch, as in section 3.2 of *Dive into Deep Learning* (the names are
the book's): synthetic data with noise, a minibatch reader, the model ``Xw + b``, the squared
loss, minibatch SGD, and a training loop built from them (forward → ``backward()`` → update →
zero the gradients), on top of the notes' Day 3 autograd.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import torch
from torch import Tensor


def synthetic_data(w: Tensor, b: float, num_examples: int) -> tuple[Tensor, Tensor]:
    """生成 ``y = Xw + b + ε`` 的合成数据集，返回 ``(X, y)``。

    X 的元素服从标准正态分布 N(0, 1)，形状 ``(num_examples, len(w))``；
    噪声 ε ~ N(0, 0.01²)（标准差 0.01）；y 的形状为 ``(num_examples, 1)``（列向量）。
    w 是一维张量，例如 ``torch.tensor([2, -3.4])``。可用 ``torch.normal``。

    例：``X, y = synthetic_data(torch.tensor([2, -3.4]), 4.2, 1000)`` → X (1000, 2)，y (1000, 1)。

    Synthetic data ``y = Xw + b + ε``: X ~ N(0, 1) of shape ``(num_examples, len(w))``,
    noise ε ~ N(0, 0.01²), y of shape ``(num_examples, 1)``; w is 1-D (e.g.
    ``torch.tensor([2, -3.4])``). Example: 1000 examples with w of length 2 → X (1000, 2), y (1000, 1).
    """
    # TODO: torch.normal for X and for the noise; y = X @ w + b + noise, as a column.
    raise NotImplementedError("synthetic_data")


def data_iter(batch_size: int, features: Tensor, labels: Tensor) -> Iterator[tuple[Tensor, Tensor]]:
    """小批量读取数据的生成器：每次 ``yield (X_batch, y_batch)``。

    先把下标 ``0..n-1`` 打乱（``random.shuffle``），再按 batch_size 切片；每个样本每轮恰好出现一次，
    特征与标签保持配对，最后一批可以不足 batch_size（不要丢掉它）。

    例：n = 10，batch_size = 4 → 批次大小依次为 4, 4, 2。

    A generator of minibatches ``(X_batch, y_batch)``: shuffle the indices ``0..n-1``
    (``random.shuffle``), slice them batch_size at a time; every example appears exactly once per
    pass, features stay paired with their labels, the last batch may be smaller (keep it).
    Example: n = 10, batch_size = 4 → batches of 4, 4, 2.
    """
    # TODO: shuffle a list of indices, then yield features[idx], labels[idx] batch by batch.
    raise NotImplementedError("data_iter")


def linreg(X: Tensor, w: Tensor, b: Tensor) -> Tensor:
    """线性回归模型 ``X @ w + b``。

    形状：X (n, d)，w (d, 1)，b (1,) → 结果 (n, 1)（b 通过广播加到每一行）。

    例：X = [[1., 2.]]，w = [[3.], [4.]]，b = [1.] → ``[[12.]]``。

    The linear model ``X @ w + b``: X (n, d), w (d, 1), b (1,) broadcast → (n, 1).
    Example: [[1., 2.]] @ [[3.], [4.]] + [1.] → [[12.]].
    """
    # TODO: one line: matrix product plus bias.
    raise NotImplementedError("linreg")


def squared_loss(y_hat: Tensor, y: Tensor) -> Tensor:
    """逐样本的平方损失 ``(y_hat − y)² / 2``，**不**求平均（求和/平均留给调用者）。

    先把 y ``reshape`` 成 y_hat 的形状：y 若是 (n,) 而 y_hat 是 (n, 1)，直接相减会广播成 (n, n)。

    例：y_hat = [[1.], [3.]]，y = [0., 1.] → ``[[0.5], [2.0]]``。

    Per-example squared loss ``(y_hat − y)² / 2``, not the mean. Reshape y to y_hat's shape
    first: (n, 1) minus (n,) would broadcast to (n, n). Example: [[1.], [3.]] vs [0., 1.] →
    [[0.5], [2.0]].
    """
    # TODO: reshape y like y_hat, square the difference, halve it (no mean).
    raise NotImplementedError("squared_loss")


def sgd(params: list[Tensor], lr: float, batch_size: int) -> None:
    """小批量随机梯度下降：对每个参数原地执行 ``p −= lr · p.grad / batch_size``，再把梯度清零。

    要在 ``torch.no_grad()`` 中原地更新（同一个张量对象、同一块内存），
    更新后 ``p.grad.zero_()``（或设为 None）。不返回任何值。
    除以 batch_size 是因为损失是一个批次的逐样本损失之和。

    例：p = [1.]，p.grad = [4.]，lr = 0.5，batch_size = 2 → p 变成 [0.]，p.grad 变成 [0.]。

    Minibatch SGD: for each parameter, in place under ``torch.no_grad()`` (same tensor object,
    same storage), ``p −= lr · p.grad / batch_size``, then zero its gradient (or set it to None).
    Returns nothing. The division is there because the loss is a sum over the batch.
    Example: p = [1.], grad [4.], lr 0.5, batch 2 → p = [0.], grad [0.].
    """
    # TODO: under torch.no_grad(): p -= lr * p.grad / batch_size, then p.grad.zero_().
    raise NotImplementedError("sgd")


def train(features: Tensor, labels: Tensor, lr: float, num_epochs: int,
          batch_size: int) -> tuple[Tensor, Tensor, list[float]]:
    """从零训练线性回归，返回 ``(w, b, 每轮结束后的损失列表)``。

    初始化 ``w ~ N(0, 0.01²)``，形状 ``(features.shape[1], 1)``，``b = zeros(1)``，都 ``requires_grad=True``。
    每轮：用 ``data_iter`` 取批次，``l = squared_loss(linreg(X, w, b), y)``，``l.sum().backward()``，
    ``sgd([w, b], lr, batch_size)``。每轮结束后在 ``torch.no_grad()`` 下计算整个数据集上
    ``squared_loss``（含 ½）的平均值，作为 Python float 记入列表（长度 num_epochs）。

    例（书中）：true_w = [2, -3.4]，true_b = 4.2，lr = 0.03，3 轮、batch_size = 10，
    学到的 w、b 与真值相差约 1e-3 以内。

    From-scratch training: ``w ~ N(0, 0.01²)`` of shape ``(features.shape[1], 1)``,
    ``b = zeros(1)``, both requiring grad; each epoch loops over ``data_iter``, computes
    ``squared_loss(linreg(X, w, b), y)``, calls ``l.sum().backward()`` and ``sgd([w, b], lr,
    batch_size)``; after each epoch it records, under ``torch.no_grad()``, the mean squared_loss
    (with its ½) over the whole data set as a Python float. Returns ``(w, b, losses)``.
    Example (the book): lr 0.03, 3 epochs, batch 10 recover w and b to about 1e-3.
    """
    # TODO: initialise w, b; for each epoch loop over data_iter; record the full-data mean loss.
    raise NotImplementedError("train")

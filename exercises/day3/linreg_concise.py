"""Day 3 · 线性回归简洁实现 (concise linear regression, the notes' 模拟线性回归).

笔记 Day3「模拟线性回归」：张量 → ``TensorDataset`` → ``DataLoader``，模型 ``nn.Linear(1, 1)``，
损失 ``nn.MSELoss()``，优化器 ``optim.SGD``，按轮、按批次训练（预测 → 损失 → 梯度清零 →
反向传播 → ``optimizer.step()``），记录每轮平均损失并画出损失曲线。
这里不用 scikit-learn 的 ``make_regression``，自己用 torch 生成数据；画图时只保存文件，不弹出窗口。

The notes' "simulated linear regression": tensors → ``TensorDataset`` → ``DataLoader``, the
model ``nn.Linear(1, 1)``, ``nn.MSELoss()``, ``optim.SGD``, epochs of minibatches (predict → loss
→ zero_grad → backward → ``optimizer.step()``), the mean loss per epoch, and a loss curve.
Here the data come from torch instead of scikit-learn's ``make_regression``, and the plot is
saved to a file without opening a window.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn, optim
from torch.utils.data import DataLoader, TensorDataset


def make_dataset(n_samples: int, true_w: float, true_b: float, noise: float,
                 seed: int) -> tuple[Tensor, Tensor]:
    """生成一元线性回归数据 ``(x, y)``：``x ~ N(0, 1)`` 形状 ``(n_samples, 1)``，
    ``y = true_w·x + true_b + N(0, noise²)`` 形状 ``(n_samples,)``，都是 float32。

    同一个 seed 必须得到完全相同的数据，不同 seed 得到不同数据（例如用
    ``torch.Generator().manual_seed(seed)`` 并把 generator 传给 ``torch.randn``）。

    例：``x, y = make_dataset(100, 3.0, 14.5, 10.0, seed=3)`` → x (100, 1)，y (100,)。

    One-feature data: ``x ~ N(0, 1)`` of shape ``(n_samples, 1)``, ``y = true_w·x + true_b +
    N(0, noise²)`` of shape ``(n_samples,)``, both float32. The same seed gives the same data,
    different seeds different data (e.g. a ``torch.Generator().manual_seed(seed)`` passed to
    ``torch.randn``). Example: ``make_dataset(100, 3.0, 14.5, 10.0, seed=3)`` → (100, 1), (100,).
    """
    # TODO: a torch.Generator seeded with seed; torch.randn(..., generator=gen) for x and noise.
    raise NotImplementedError("make_dataset")


def make_loader(x: Tensor, y: Tensor, batch_size: int, shuffle: bool) -> DataLoader:
    """把 x、y 封装成 ``TensorDataset``，再返回 ``DataLoader(dataset, batch_size=..., shuffle=...)``。

    每个批次是 ``(x_batch, y_batch)``；最后一批可以不满（不要 ``drop_last``）。

    例：100 个样本、batch_size = 16 → 7 个批次：6 个 16，最后一个 4（笔记中的 16,16,…,4）。

    Wrap x and y in a ``TensorDataset`` and return ``DataLoader(dataset, batch_size=...,
    shuffle=...)``; batches are ``(x_batch, y_batch)`` and the last one may be short (no
    ``drop_last``). Example: 100 samples at batch_size 16 → 7 batches, the last of 4.
    """
    # TODO: TensorDataset(x, y), then DataLoader(dataset, batch_size=..., shuffle=...).
    raise NotImplementedError("make_loader")


def build_model(in_features: int) -> nn.Linear:
    """返回一个输出为 1 维的线性模型 ``nn.Linear(in_features, 1)``
    （也可以是只包含这一层的 ``nn.Sequential``）。

    权重形状 ``(1, in_features)``，偏置形状 ``(1,)``。

    例：``build_model(1)`` → ``Linear(in_features=1, out_features=1, bias=True)``。

    A linear model with one output, ``nn.Linear(in_features, 1)`` (or an ``nn.Sequential``
    holding just that layer): weight (1, in_features), bias (1,).
    Example: ``build_model(1)`` → ``Linear(in_features=1, out_features=1, bias=True)``.
    """
    # TODO: one line with nn.Linear.
    raise NotImplementedError("build_model")


def train_model(x: Tensor, y: Tensor, epochs: int, lr: float, batch_size: int,
                seed: int) -> tuple[nn.Linear, list[float]]:
    """笔记中的训练循环，返回 ``(model, 每轮平均损失列表)``。

    先 ``torch.manual_seed(seed)``，然后：``make_loader(x, y, batch_size, shuffle=True)``，
    ``build_model(x.shape[1])``，``nn.MSELoss()``，``optim.SGD(model.parameters(), lr=lr)``。
    每个批次：``y_pred = model(bx)``；``loss = criterion(y_pred, by.reshape(-1, 1))``
    （注意：y_pred 是 (B, 1)，by 是 (B,)，不 reshape 会广播成 (B, B)，损失算错）；
    ``optimizer.zero_grad()``，``loss.backward()``，``optimizer.step()``。
    每轮把各批次 ``loss.item()`` 的平均值加入列表（长度 epochs）。

    例：笔记中 100 个样本、batch 16、lr 0.01、100 轮，损失从约 1000 降到约 80。

    The notes' loop: seed with ``torch.manual_seed(seed)``, build the shuffled loader, the model,
    ``nn.MSELoss()`` and ``optim.SGD(model.parameters(), lr=lr)``; per batch predict, compute
    ``criterion(y_pred, by.reshape(-1, 1))`` (without the reshape (B, 1) against (B,) broadcasts to
    (B, B) and the loss is wrong), ``zero_grad``, ``backward``, ``step``; per epoch append the mean
    of the batch ``loss.item()`` values. Returns ``(model, losses)`` (length epochs).
    """
    # TODO: the notes' loop: MSELoss, optim.SGD, zero_grad/backward/step; targets reshaped to (-1, 1).
    raise NotImplementedError("train_model")


def plot_loss_curve(losses: list[float], path: str) -> None:
    """把损失曲线（横轴为轮数，纵轴为损失）画成折线图并保存为 PNG 文件 ``path``，不弹出窗口。

    用非交互后端：``import matplotlib; matplotlib.use("Agg")``，或面向对象接口
    ``fig, ax = plt.subplots()`` → ``ax.plot(...)`` → ``fig.savefig(path)`` → ``plt.close(fig)``。
    不要调用 ``plt.show()``（笔记里的 ``plt.show()`` 会弹窗；评测环境没有显示器）。

    例：``plot_loss_curve([3.0, 2.0, 1.5], "loss.png")`` 写出 loss.png。

    Plot the losses against the epoch number and save the figure as a PNG at ``path`` without
    opening a window: the non-interactive "Agg" backend, or ``fig, ax = plt.subplots()`` →
    ``ax.plot`` → ``fig.savefig(path)`` → ``plt.close(fig)``; no ``plt.show()`` (the grader has
    no display). Example: ``plot_loss_curve([3.0, 2.0, 1.5], "loss.png")`` writes loss.png.
    """
    # TODO: matplotlib with the Agg backend: plot, savefig(path), close the figure.
    raise NotImplementedError("plot_loss_curve")

"""Day 4 callables that specs pass to student code (module-level, so they pickle by reference).

Element-wise activations for ``autograd_derivative``, written with plain torch ops. Their
analytic derivatives are computed by the specs themselves (in float64), not here.
"""

from __future__ import annotations

import torch
from torch import Tensor


def sigmoid(x: Tensor) -> Tensor:
    """σ(x) = 1 / (1 + e^-x), written as ½(1 + tanh(x/2)); derivative σ(1 - σ)."""
    return 0.5 * (1 + torch.tanh(0.5 * x))


def tanh(x: Tensor) -> Tensor:
    """tanh(x); derivative 1 - tanh²."""
    return torch.tanh(x)


def relu(x: Tensor) -> Tensor:
    """max(x, 0); derivative 1 for x > 0, 0 for x < 0 (specs avoid exact zeros)."""
    return torch.relu(x)


def softplus(x: Tensor) -> Tensor:
    """log(1 + e^x); derivative σ(x). Specs keep |x| moderate."""
    return torch.log1p(torch.exp(x))


def square(x: Tensor) -> Tensor:
    """x²; derivative 2x."""
    return x * x


def sine(x: Tensor) -> Tensor:
    """sin(x); derivative cos(x)."""
    return torch.sin(x)


def leaky_relu_tenth(x: Tensor) -> Tensor:
    """x for x > 0, 0.1·x elsewhere; derivative 1 or 0.1 (specs avoid exact zeros)."""
    return torch.where(x > 0, x, 0.1 * x)

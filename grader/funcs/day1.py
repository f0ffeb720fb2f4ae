"""Callables that day-1 specs pass to student code.

Module-level functions (and ``functools.partial`` of them with plain float/tuple arguments) so
they pickle by reference into the sandbox worker. Scalar functions take and return Python floats;
vector functions take a 1-D floating tensor and return a 0-d tensor of the same dtype.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor


# --- scalar functions R -> R (numerical_derivative, tangent_line) -------------------------

def poly(x: float, coeffs: tuple[float, ...]) -> float:
    """``sum(coeffs[k] * x**k)`` by Horner's rule, as a Python float."""
    acc = 0.0
    for c in reversed(coeffs):
        acc = acc * x + c
    return float(acc)


def poly_deriv(x: float, coeffs: tuple[float, ...]) -> float:
    """Exact derivative of :func:`poly`."""
    return poly(x, tuple(k * c for k, c in enumerate(coeffs))[1:])


def sin_affine(x: float, a: float, b: float) -> float:
    """``sin(a*x + b)``."""
    return math.sin(a * x + b)


def exp_scaled(x: float, a: float, c: float) -> float:
    """``c * exp(a*x)``."""
    return c * math.exp(a * x)


# --- derivatives for gradient descent ------------------------------------------------------

def bowl_deriv(x: float, a: float, center: float) -> float:
    """Derivative of ``a/2 * (x - center)**2``: ``a * (x - center)``."""
    return a * (x - center)


def cos_scaled(x: float, a: float) -> float:
    """``a * cos(x)`` (derivative of ``a * sin(x)``)."""
    return a * math.cos(x)


# --- scalar functions of a 1-D tensor (numerical_gradient) ---------------------------------

def cubic_plus_square(x: Tensor, a: tuple[float, ...], b: tuple[float, ...]) -> Tensor:
    """``sum(a_i * x_i**3) + (b·x)**2`` as a 0-d tensor (x 1-D, len(a) == len(b) == len(x))."""
    at = torch.tensor(a, dtype=x.dtype)
    bt = torch.tensor(b, dtype=x.dtype)
    return (at * x ** 3).sum() + (bt * x).sum() ** 2


def cubic_plus_square_grad(x: Tensor, a: tuple[float, ...], b: tuple[float, ...]) -> Tensor:
    """Exact gradient of :func:`cubic_plus_square`."""
    at = torch.tensor(a, dtype=x.dtype)
    bt = torch.tensor(b, dtype=x.dtype)
    return 3 * at * x ** 2 + 2 * (bt * x).sum() * bt


def log_sum_exp(x: Tensor, w: tuple[float, ...]) -> Tensor:
    """``log(sum(exp(w_i * x_i)))`` as a 0-d tensor."""
    wt = torch.tensor(w, dtype=x.dtype)
    return torch.logsumexp(wt * x, dim=0)


def sin_of_dot(x: Tensor, w: tuple[float, ...]) -> Tensor:
    """``sin(w·x) + (x**2).sum()`` as a 0-d tensor."""
    wt = torch.tensor(w, dtype=x.dtype)
    return torch.sin((wt * x).sum()) + (x ** 2).sum()


# --- small named functions for the public checks (readable examples) -----------------------

def square(x: float) -> float:
    """``x**2`` (its derivative is ``2x``)."""
    return x * x


def cube(x: float) -> float:
    """``x**3`` (its derivative is ``3x**2``)."""
    return x * x * x


def double(x: float) -> float:
    """``2x``: the derivative of ``x**2``, for gradient descent on ``f(x) = x**2``."""
    return 2.0 * x


def sum_of_squares(x: Tensor) -> Tensor:
    """``(x**2).sum()`` as a 0-d tensor (its gradient is ``2x``)."""
    return (x * x).sum()


def sum_of_cubes(x: Tensor) -> Tensor:
    """``(x**3).sum()`` as a 0-d tensor (its gradient is ``3x**2``)."""
    return (x * x * x).sum()

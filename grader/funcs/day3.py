"""Callables that day-3 specs pass to student code.

Module-level functions, passed as ``functools.partial(fn, coeffs=...)`` etc. with plain float/tuple
arguments, so they pickle by reference into the sandbox worker. Each takes a floating tensor ``w``
(0-d in the exercises, any shape works element-wise) and returns a tensor of the same shape built
from differentiable torch operations, so autograd can differentiate it. The closed forms next to
them are what the specs compare against (computed in the grading process, in float64).
"""

from __future__ import annotations

from torch import Tensor


def poly(w: Tensor, coeffs: tuple[float, ...]) -> Tensor:
    """``sum(coeffs[k] * w**k)`` by Horner's rule, as a tensor (differentiable in w)."""
    out = 0 * w
    for c in reversed(coeffs):
        out = out * w + c
    return out


def poly_value(x: float, coeffs: tuple[float, ...]) -> float:
    """The value of :func:`poly` at a Python float x (closed form, for the specs)."""
    acc = 0.0
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def poly_deriv(x: float, coeffs: tuple[float, ...]) -> float:
    """The exact derivative of :func:`poly` at a Python float x (for the specs)."""
    return poly_value(x, tuple(k * c for k, c in enumerate(coeffs))[1:])


def quadratic(w: Tensor, a: float, c: float, d: float) -> Tensor:
    """``a * (w - c)**2 + d``: minimum d at w = c (the notes' ``w**2 + 20`` is a=1, c=0, d=20)."""
    return a * (w - c) ** 2 + d


def quadratic_descent(w0: float, a: float, c: float, d: float, lr: float,
                      steps: int) -> tuple[float, list[float]]:
    """Closed form of ``steps`` gradient-descent steps on :func:`quadratic` from w0.

    ``w_t - c = (1 - 2·a·lr)^t · (w0 - c)``; returns ``(w_steps, [loss(w_t) for t < steps])``.
    """
    q = 1.0 - 2.0 * a * lr
    ws = [c + q ** t * (w0 - c) for t in range(steps + 1)]
    return ws[-1], [a * (wt - c) ** 2 + d for wt in ws[:-1]]

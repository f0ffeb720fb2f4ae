"""Comparisons for specs that explain themselves: expected vs got, shape, dtype, values.

Every value compared here was rebuilt by codec from plain data, so its type is exactly what it
claims; still, types are checked with `type(x) is ...` before anything else.
"""
from __future__ import annotations

import math

from grader.calls import Mismatch, describe_value, lookup_desc


def _name(got, what: str | None) -> str:
    return what or lookup_desc(got) or "the result"


def true(condition: bool, message: str) -> None:
    """Fail with `message` when condition is false."""
    if not condition:
        raise Mismatch(message)


def tensor(got, expected, *, dtype=None, atol: float = 1e-6, rtol: float = 1e-5,
           equal_nan: bool = False, what: str | None = None) -> None:
    """`got` must be a plain torch.Tensor with expected's shape, the dtype asked for, and close values."""
    import torch
    name = _name(got, what)
    if type(got) is not torch.Tensor:
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a torch.Tensor")
    _shape(name, tuple(got.shape), tuple(expected.shape))
    _dtype(name, got.dtype, expected.dtype, dtype, floating=lambda d: d.is_floating_point)
    _values(name, got.detach().to(torch.float64 if not got.is_complex() else torch.complex128).numpy(),
            expected.detach().to(torch.float64 if not expected.is_complex() else torch.complex128).numpy(),
            atol, rtol, equal_nan)


def array(got, expected, *, dtype=None, atol: float = 1e-6, rtol: float = 1e-5,
          equal_nan: bool = False, what: str | None = None) -> None:
    """`got` must be a numpy.ndarray with expected's shape, the dtype asked for, and close values."""
    import numpy as np
    name = _name(got, what)
    if type(got) is not np.ndarray:
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a numpy.ndarray")
    _shape(name, got.shape, expected.shape)
    _dtype(name, got.dtype, expected.dtype, dtype, floating=lambda d: d.kind == "f")
    _values(name, got.astype(np.complex128 if got.dtype.kind == "c" else np.float64),
            np.asarray(expected).astype(np.complex128 if expected.dtype.kind == "c" else np.float64),
            atol, rtol, equal_nan)


def scalar(got, expected, *, kind=None, atol: float = 1e-6, rtol: float = 1e-5, what: str | None = None) -> None:
    """`got` must be a Python number (of `kind` if given) close to expected."""
    name = _name(got, what)
    if type(got) not in (int, float, bool):
        hint = " (use .item() to get the number out of a tensor)" if "Tensor" in describe_value(got) else ""
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a Python number{hint}")
    if kind is not None and type(got) is not kind:
        raise Mismatch(f"{name} returned a Python {type(got).__name__}, expected a Python {kind.__name__}")
    if not math.isclose(float(got), float(expected), rel_tol=rtol, abs_tol=atol) \
            and not (math.isnan(float(got)) and math.isnan(float(expected))):
        tolerance = "" if type(expected) in (bool, int) and type(got) in (bool, int) else f" (tolerance {atol:g})"
        raise Mismatch(f"{name} returned {_num(got)}, expected {_num(expected)}{tolerance}")


def equal(got, expected, *, what: str | None = None) -> None:
    """Plain data equality (shapes, tuples, lists, None, str), with exact container types."""
    name = _name(got, what)
    if not _plain_equal(got, expected):
        raise Mismatch(f"{name} returned {_short(got)}, expected {_short(expected)}")


def close_list(got, expected, *, atol: float = 1e-6, rtol: float = 1e-5, what: str | None = None) -> None:
    """A list (or tuple) of Python numbers, same length, each close."""
    name = _name(got, what)
    if type(got) not in (list, tuple):
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a list of numbers")
    if len(got) != len(expected):
        raise Mismatch(f"{name} returned {len(got)} numbers, expected {len(expected)}")
    for i, (g, e) in enumerate(zip(got, expected)):
        if type(g) not in (int, float):
            raise Mismatch(f"{name}[{i}] is {describe_value(g)}, expected a Python number")
        if not math.isclose(g, e, rel_tol=rtol, abs_tol=atol):
            raise Mismatch(f"{name}[{i}] is {g:.6g}, expected {e:.6g}")


def frame(got, expected, *, check_dtype: bool = False, check_column_order: bool = True,
          atol: float = 1e-6, what: str | None = None) -> None:
    """A pandas DataFrame with the same columns, index and values."""
    import pandas as pd
    name = _name(got, what)
    if type(got) is not pd.DataFrame:
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a pandas DataFrame")
    got_cols, exp_cols = [str(c) for c in got.columns], [str(c) for c in expected.columns]
    same = got_cols == exp_cols if check_column_order else sorted(got_cols) == sorted(exp_cols)
    if not same:
        raise Mismatch(f"{name} has columns {got_cols}, expected {exp_cols}")
    if len(got) != len(expected):
        raise Mismatch(f"{name} has {len(got)} rows, expected {len(expected)}")
    for col in expected.columns:
        _column(f"{name}, column {col!r}", got[col], expected[col], check_dtype, atol)


def series(got, expected, *, check_dtype: bool = False, atol: float = 1e-6, what: str | None = None) -> None:
    """A pandas Series with the same length, name and values."""
    import pandas as pd
    name = _name(got, what)
    if type(got) is not pd.Series:
        raise Mismatch(f"{name} returned {describe_value(got)}, expected a pandas Series")
    if len(got) != len(expected):
        raise Mismatch(f"{name} has {len(got)} values, expected {len(expected)}")
    if got.name != expected.name:
        raise Mismatch(f"{name} is named {got.name!r}, expected {expected.name!r}")
    _column(name, got, expected, check_dtype, atol)


# ---------------------------------------------------------------- helpers
def _shape(name: str, got: tuple, expected: tuple) -> None:
    if tuple(got) != tuple(expected):
        raise Mismatch(f"{name} returned shape {tuple(got)}, expected {tuple(expected)}")


def _dtype(name: str, got, expected, wanted, floating) -> None:
    if wanted is None:
        return
    if wanted == "floating":
        if not floating(got):
            raise Mismatch(f"{name} returned dtype {_dt(got)}, expected a floating dtype")
        return
    target = expected if wanted == "same" else wanted
    if got != target:
        raise Mismatch(f"{name} returned dtype {_dt(got)}, expected {_dt(target)}")


def _dt(d) -> str:
    return str(d).replace("torch.", "")


def _values(name: str, got, expected, atol: float, rtol: float, equal_nan: bool) -> None:
    import numpy as np
    if got.size == 0:
        return
    nan_g, nan_e = np.isnan(got), np.isnan(expected)
    unexpected = (nan_g != nan_e) if equal_nan else nan_g
    if unexpected.any():
        idx = tuple(int(i) for i in np.argwhere(unexpected)[0])
        state = "is NaN" if nan_g[idx] else "is not NaN"
        raise Mismatch(f"{name} {state} at index {idx}" + ("" if equal_nan else "; expected finite values"))
    with np.errstate(invalid="ignore", over="ignore"):
        both_inf = np.isinf(got) & np.isinf(expected) & (got == expected)
        err = np.where(both_inf | (nan_g & nan_e), 0.0, np.abs(got - expected))
        bad = ~(err <= atol + rtol * np.abs(np.nan_to_num(expected, nan=0.0, posinf=0.0, neginf=0.0)))
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        worst = np.unravel_index(int(np.nanargmax(np.where(np.isfinite(err), err, np.inf))), err.shape)
        at = f" at index {first}" if first else ""
        raise Mismatch(f"{name}: {int(bad.sum())} of {got.size} values differ; first{at}: got "
                       f"{_num(got[first])}, expected {_num(expected[first])} "
                       f"(max abs error {_num(err[worst])})")


def _column(name: str, got, expected, check_dtype: bool, atol: float) -> None:
    import numpy as np
    if check_dtype and str(got.dtype) != str(expected.dtype):
        raise Mismatch(f"{name} has dtype {got.dtype}, expected {expected.dtype}")
    g, e = got.to_numpy(), expected.to_numpy()
    try:
        gf, ef = g.astype(np.float64), e.astype(np.float64)
    except (TypeError, ValueError):
        gl, el = [_cell(v) for v in g.tolist()], [_cell(v) for v in e.tolist()]
        if gl != el:
            first = next(i for i, (a, b) in enumerate(zip(gl, el)) if a != b)
            raise Mismatch(f"{name}: row {first} is {gl[first]!r}, expected {el[first]!r}")
        return
    _values(name, gf, ef, atol, 1e-6, equal_nan=True)


def _cell(v):
    return None if isinstance(v, float) and math.isnan(v) else v


def _plain_equal(a, b) -> bool:
    if type(a) in (list, tuple) or type(b) in (list, tuple):
        return type(a) is type(b) and len(a) == len(b) and all(_plain_equal(x, y) for x, y in zip(a, b))
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    if type(a) in (int, float, str, type(None)) and type(b) in (int, float, str, type(None)):
        return a == b or (type(a) is float and type(b) is float and math.isnan(a) and math.isnan(b))
    return False


def _num(x) -> str:
    if type(x) in (bool, int):
        return repr(x)
    return f"{x:.6g}" if isinstance(x, float) or hasattr(x, "dtype") else repr(x)


def _short(value, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"

"""Trusted probes for the day 2 specs.

Each probe runs inside the sandbox worker as ``PROBE(student_function, *args, **kwargs)`` and
returns plain data. They exist for facts that only hold next to the student's objects:

- ``write_through``: whether the result of a conversion shares memory with its input, observed
  by writing into one and reading the other (complements ``CallRecord.shares_memory``);
- ``on_transposed`` / ``on_permuted`` / ``on_sliced``: call the student function on a
  non-contiguous view built *inside* the worker, so the spec does not depend on whether the
  transport to the worker keeps strides; they return ``{"ok": True, "value": …}`` or
  ``{"ok": False, "error": "Type: message"}``;
- ``as_plain_tuple``: accept a namedtuple result (``t.max(dim)``) as a plain tuple;
- ``in_place``: whether an in-place function updated t's own storage (a view of t taken before
  the call sees the new values), not just rebound ``t.data`` to new memory;
- ``on_stepped``: call the student function on a stepped slice ``t[::step]`` made in the worker.

Probes never modify the arguments they were given (they work on their own copies).
"""
import numpy as np
import torch


def _copy(x):
    """An independent, contiguous copy of a tensor or ndarray (other values unchanged)."""
    if isinstance(x, torch.Tensor):
        return x.detach().clone()
    if isinstance(x, np.ndarray):
        return np.array(x, copy=True)
    return x


def _read(container, idx):
    """Python value of ``container[idx]`` for a tensor or ndarray."""
    return container[idx].item()


def _bumped(value):
    """A value different from ``value`` that every numeric dtype holds exactly."""
    if isinstance(value, bool):
        return not value
    return value + 1


def write_through(fn, x, *args, **kwargs):
    """Call ``fn(x, *args, **kwargs)`` on a private copy of x, then test both directions.

    Returns a dict:
      ``result_type``: the exact type name of the result ("Tensor", "ndarray", …);
      ``result_to_input``: True when writing one element of the result changed x;
      ``input_to_result``: True when writing one element of x changed the result;
    the two booleans are None when the probe could not write (wrong type/shape, read-only …).
    """
    x = _copy(x)
    r = fn(x, *args, **kwargs)
    out = {"result_type": type(r).__name__, "result_to_input": None, "input_to_result": None}
    if not isinstance(r, (torch.Tensor, np.ndarray)):
        return out
    numel = x.size if isinstance(x, np.ndarray) else x.numel()
    if tuple(r.shape) != tuple(x.shape) or numel == 0:
        return out
    first = (0,) * x.ndim
    last = tuple(s - 1 for s in x.shape)
    try:
        before = _read(x, first)
        r[first] = _bumped(_read(r, first))
        out["result_to_input"] = bool(_read(x, first) != before)
    except Exception:  # read-only result, odd dtype, ...
        pass
    try:
        before = _read(r, last)
        x[last] = _bumped(_read(x, last))
        out["input_to_result"] = bool(_read(r, last) != before)
    except Exception:
        pass
    return out


def _outcome(fn, *args, **kwargs):
    """``{"ok": True, "value": result}`` or ``{"ok": False, "error": "Type: message"}``.

    The view-building probes report an exception as data so that the spec can describe the call
    as the student wrote it (``flatten_any(t.transpose(0, 1))``) rather than as the probe was
    called. NotImplementedError still propagates, so a stub is reported as not implemented.
    """
    try:
        return {"ok": True, "value": fn(*args, **kwargs)}
    except NotImplementedError:
        raise
    except Exception as exc:  # the student's error, reported as data
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}


def on_transposed(fn, t, d0, d1, *args, **kwargs):
    """``fn(t.transpose(d0, d1), *args, **kwargs)`` with the transpose made in the worker."""
    return _outcome(fn, _copy(t).transpose(d0, d1), *args, **kwargs)


def on_permuted(fn, t, dims, *args, **kwargs):
    """``fn(t.permute(dims), *args, **kwargs)`` with the permutation made in the worker."""
    return _outcome(fn, _copy(t).permute(*dims), *args, **kwargs)


def on_stepped(fn, t, step, *args, **kwargs):
    """``fn(t[::step], *args, **kwargs)``: a stepped slice along dim 0 (non-contiguous when step > 1
    and more than one element is kept, although ``view`` still works on it), made in the worker."""
    return _outcome(fn, _copy(t)[::step], *args, **kwargs)


def on_sliced(fn, t, stop, *args, **kwargs):
    """``fn(t[..., :stop], *args, **kwargs)``: a column slice (non-contiguous when stop is
    smaller than the last size and there is more than one row), made in the worker."""
    return _outcome(fn, _copy(t)[..., :stop], *args, **kwargs)


def as_plain_tuple(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, with a tuple subclass (a namedtuple such as the
    ``torch.return_types.max`` that ``t.max(dim)`` returns) turned into a plain tuple of its
    items, so that returning ``t.max(dim)`` directly is accepted. Other results are unchanged."""
    result = fn(*args, **kwargs)
    if isinstance(result, tuple) and type(result) is not tuple:
        return tuple(result)
    return result


def in_place(fn, t, *args, **kwargs):
    """Call ``fn(t, *args, **kwargs)`` on a private copy of t and report how t was changed.

    Returns a dict of plain data:
      ``same_object``: the result is t itself;
      ``same_storage``: t still uses the memory it had before the call (``t.data = t + v`` or
      ``t.set_(...)`` keep the object but swap its memory);
      ``view_after``: the values of a view of t taken *before* the call, read after it (an in-place
      update of t's storage shows there);
      ``t_after``: t's values after the call.
    """
    t = _copy(t)
    before = t.untyped_storage().data_ptr()
    view = t.view(t.shape)
    result = fn(t, *args, **kwargs)
    return {
        "same_object": result is t,
        "same_storage": t.untyped_storage().data_ptr() == before,
        "view_after": view.detach().clone(),
        "t_after": t.detach().clone(),
    }

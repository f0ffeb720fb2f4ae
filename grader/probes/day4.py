"""Day 4 probes: run inside the sandbox worker next to the student's function.

- ``library_activation_refs``: a static look at the code of a student function (and of the
  student's own helpers it calls) for references to library activations (``torch.sigmoid``,
  ``x.tanh()``, ``from torch import relu``, ``torch.nn.functional``, ``nn.ReLU`` …). It complements
  the dynamic ``forbid=`` of ``student.call``: it also sees names captured at import time and
  branches the test inputs never reach.
- ``dead_units_on_linear``: builds an ``nn.Linear`` from plain tensors in the worker, calls the
  student's ``dead_units`` on it and reports the result plus the layer and inputs afterwards.

Both return plain data only (lists of str, tensors, dicts); the verdict is taken by the spec.
"""

from __future__ import annotations

import builtins
import dis
import functools
import inspect
import sys
import types

import torch

# Names of library activations (after stripping ``special_`` prefixes and trailing ``_``).
_ACTIVATION_NAMES = frozenset(
    {
        "sigmoid", "logsigmoid", "hardsigmoid", "expit", "tanh", "hardtanh", "tanhshrink",
        "relu", "relu6", "leaky_relu", "rrelu", "prelu", "elu", "selu", "celu", "gelu", "silu",
        "mish", "hardswish", "softplus", "threshold", "softmax", "log_softmax", "softmin", "glu",
    }
)
_UNKNOWN = object()


def _base_name(name: str) -> str:
    name = name.split(".")[0]
    if name.startswith("special_"):
        name = name[len("special_"):]
    return name.rstrip("_")


def _owner_module(obj) -> str:
    mod = getattr(obj, "__module__", None)
    if not isinstance(mod, str):
        owner = getattr(obj, "__objclass__", None) or getattr(obj, "__self__", None)
        mod = getattr(owner, "__module__", None) or getattr(owner, "__name__", None)
    return mod if isinstance(mod, str) else ""


def _forbidden(obj) -> str | None:
    """A short description when obj is a library activation (or its module), else None."""
    try:
        if isinstance(obj, types.ModuleType):
            if obj.__name__ == "torch.nn.functional":
                return "torch.nn.functional"
            return None
        if isinstance(obj, functools.partial):
            return _forbidden(obj.func)
        if isinstance(obj, type):
            if issubclass(obj, torch.nn.Module) and obj.__module__ == "torch.nn.modules.activation":
                return f"torch.nn.{obj.__name__}"
            return None
        if isinstance(obj, torch.nn.Module):
            return _forbidden(type(obj))
        if not callable(obj):
            return None
        owner = _owner_module(obj)
        if owner == "torch.nn.functional":
            return f"torch.nn.functional.{getattr(obj, '__name__', '?')}"
        name = getattr(obj, "__name__", None)
        if isinstance(name, str) and owner.startswith("torch") and _base_name(name) in _ACTIVATION_NAMES:
            return f"{owner}.{name}"
    except Exception:  # a hostile object: not our concern here
        return None
    return None


# Tensor methods that are activations: flagged by name on any attribute access whose owner is
# not known statically (``x.sigmoid()``, ``(2 * x).tanh_()``).
_TENSOR_ACTIVATION_METHODS = frozenset(
    name for name in dir(torch.Tensor) if _forbidden(getattr(torch.Tensor, name, None))
)


def _scan_code(code, globs, found, seen_funcs, where):
    cur = _UNKNOWN
    for ins in dis.get_instructions(code):
        op, arg = ins.opname, ins.argval
        if op in ("LOAD_GLOBAL", "LOAD_NAME"):
            name = arg if isinstance(arg, str) else str(arg)
            # Python 3.11 may show "NULL + name" in argrepr only; argval is the name
            if name in globs:
                cur = globs[name]
            else:
                cur = getattr(builtins, name, _UNKNOWN)
            _check(cur, name, globs, found, seen_funcs, where)
        elif op in ("LOAD_ATTR", "LOAD_METHOD", "LOAD_SUPER_ATTR"):
            name = arg if isinstance(arg, str) else str(arg)
            if cur is _UNKNOWN:
                if name in _TENSOR_ACTIVATION_METHODS:
                    found.append(f"{where}: .{name}()")
                continue
            try:
                cur = getattr(cur, name)
            except Exception:
                cur = _UNKNOWN
                continue
            _check(cur, name, globs, found, seen_funcs, where)
        elif op == "IMPORT_NAME":
            name = str(arg)
            if name == "torch.nn.functional" or name.startswith("torch.nn.functional."):
                found.append(f"{where}: import {name}")
            cur = sys.modules.get(name, _UNKNOWN)
        elif op == "IMPORT_FROM":
            if cur is not _UNKNOWN:
                obj = getattr(cur, str(arg), _UNKNOWN)
                desc = _forbidden(obj)
                if desc:
                    found.append(f"{where}: {desc}")
        elif op in ("CACHE", "PRECALL", "EXTENDED_ARG", "NOP", "PUSH_NULL"):
            continue
        else:
            cur = _UNKNOWN
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _scan_code(const, globs, found, seen_funcs, where)


def _check(obj, name, globs, found, seen_funcs, where):
    desc = _forbidden(obj)
    if desc:
        found.append(f"{where}: {desc}")
        return
    # Follow the student's own helpers (functions defined in the same module).
    if isinstance(obj, types.FunctionType) and obj.__globals__ is globs:
        _scan_function(obj, found, seen_funcs, f"{where} → {obj.__name__}")


def _scan_function(fn, found, seen_funcs, where):
    if id(fn) in seen_funcs:
        return
    seen_funcs.add(id(fn))
    _scan_code(fn.__code__, fn.__globals__, found, seen_funcs, where)
    for cell in fn.__closure__ or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        desc = _forbidden(value)
        if desc:
            found.append(f"{where}: {desc}")


def library_activation_refs(fn) -> list[str]:
    """Library activations the student function refers to (empty list when none)."""
    found: list[str] = []
    where = getattr(fn, "__name__", "function")
    if not isinstance(where, str):
        where = "function"
    desc = _forbidden(fn)
    if desc:
        return [f"{where} is {desc}"]
    if isinstance(fn, functools.partial):
        fn = fn.func
    try:  # a decorated function (functools.wraps, e.g. @torch.no_grad()): look at the original
        fn = inspect.unwrap(fn)
    except Exception:
        pass
    desc = _forbidden(fn)
    if desc:
        return [f"{where} is {desc}"]
    if isinstance(fn, types.MethodType):
        fn = fn.__func__
    if not isinstance(fn, types.FunctionType):
        call = getattr(type(fn), "__call__", None)
        if isinstance(call, types.FunctionType):
            fn = call
        else:
            return found
    _scan_function(fn, found, set(), where)
    # de-duplicate, keep order
    return list(dict.fromkeys(found))


def dead_units_on_linear(fn, weight, bias, inputs):
    """Build ``nn.Linear`` with the given weight (out, in) and bias (out,) or None, call
    ``fn(layer, inputs)`` and report the result and the parameters/inputs afterwards."""
    out_features, in_features = weight.shape
    layer = torch.nn.Linear(in_features, out_features, bias=bias is not None)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(bias)
    result = fn(layer, inputs)
    return {
        "result": result,
        "weight_after": layer.weight.detach().clone(),
        "bias_after": None if layer.bias is None else layer.bias.detach().clone(),
        "inputs_after": inputs.detach().clone(),
    }

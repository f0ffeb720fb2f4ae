"""Day-3 probes: run inside the sandbox worker next to the student function; return plain data.

Each probe is ``probe(student_function, *args)``. What it returns is what the student process
*claims*; the spec takes the verdict by checking the values in the grading process.

The training probes live in ``day3_hidden.py``: they hold reference helpers, so they never ship
in the student handout.
"""

from __future__ import annotations

import itertools
import os

import torch


# ---------------------------------------------------------------- autograd
def detach_requires_grad(fn, values, nonleaf=False):
    """Call ``fn(t)`` on a tensor built here that requires grad (a leaf, or a non-leaf result of
    an operation when ``nonleaf``) holding ``values``. Reports whether t required grad during the
    call, and the result."""
    t = values.detach().clone().requires_grad_(True)
    if nonleaf:
        t = t * 1  # same values, now with a grad_fn
    required = bool(t.requires_grad)
    result = fn(t)
    return {"requires_grad": required, "result": result}


def grad_flags_after(fn, x, y, w, b):
    """Call ``fn(x, y, w, b)`` and report the autograd state of the caller's w and b afterwards."""
    fn(x, y, w, b)
    return {
        "w_requires_grad": bool(w.requires_grad),
        "w_grad": None if w.grad is None else w.grad.detach().clone(),
        "b_requires_grad": bool(b.requires_grad),
        "b_grad": None if b.grad is None else b.grad.detach().clone(),
    }


# ---------------------------------------------------------------- linear regression from scratch
def consume_batches(fn, batch_size, features, labels):
    """Iterate once over ``fn(batch_size, features, labels)`` (a generator or any iterable) and
    return the batches as a list of tuples. Stops after n + 2 batches so that an endless
    generator cannot exhaust memory."""
    limit = len(features) + 2
    return [tuple(batch) for batch in itertools.islice(iter(fn(batch_size, features, labels)), limit)]


def sgd_step(fn, values, grads, lr, batch_size):
    """Build leaf parameters holding ``values`` whose ``.grad`` is ``grads`` (by a real backward),
    call ``fn(params, lr, batch_size)`` and report what happened to those same tensor objects."""
    params = [v.detach().clone().requires_grad_(True) for v in values]
    for p, g in zip(params, grads):
        (p * g).sum().backward()
    storage = [p.untyped_storage().data_ptr() for p in params]
    passed = list(params)
    returned = fn(passed, lr, batch_size)
    return {
        "values": [p.detach().clone() for p in params],
        "grads": [None if p.grad is None else p.grad.detach().clone() for p in params],
        "same_storage": [p.untyped_storage().data_ptr() == s for p, s in zip(params, storage)],
        "requires_grad": [bool(p.requires_grad) for p in params],
        "returned_none": returned is None,
    }


# ---------------------------------------------------------------- concise linear regression
def loader_passes(fn, x, y, batch_size, shuffle, passes=2):
    """Build the loader with ``fn`` and iterate it ``passes`` times (each pass is a list of
    batches, each batch a tuple). Also reports whether it is a ``DataLoader``."""
    from torch.utils.data import DataLoader
    loader = fn(x, y, batch_size, shuffle)
    limit = len(x) + 2
    runs = [[tuple(batch) for batch in itertools.islice(iter(loader), limit)] for _ in range(passes)]
    return {"is_dataloader": isinstance(loader, DataLoader), "type": type(loader).__name__,
            "passes": runs}


def _linear_report(model, inputs=None):
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)] \
        if isinstance(model, torch.nn.Module) else []
    report = {
        "is_module": isinstance(model, torch.nn.Module),
        "type": type(model).__name__,
        "n_linear": len(linears),
        "param_shapes": [tuple(p.shape) for p in model.parameters()]
        if isinstance(model, torch.nn.Module) else [],
        "weight": None, "bias": None, "output": None, "output_error": None,
    }
    if len(linears) == 1:
        layer = linears[0]
        report["weight"] = layer.weight.detach().clone()
        report["bias"] = None if layer.bias is None else layer.bias.detach().clone()
    if inputs is not None and isinstance(model, torch.nn.Module):
        try:
            with torch.no_grad():
                report["output"] = model(inputs).detach().clone()
        except Exception as exc:  # reported, so the spec can explain shapes first
            report["output_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return report


def model_report(fn, in_features, inputs):
    """Call ``fn(in_features)`` and describe the module: type name, number of ``nn.Linear``
    layers, parameter shapes, the single Linear's weight and bias, and the model's output on
    ``inputs``."""
    return _linear_report(fn(in_features), inputs)


def train_model_run(fn, x, y, epochs, lr, batch_size, seed):
    """Call ``train_model(x, y, epochs, lr, batch_size, seed)`` as it is (with the student's own
    helpers) and describe what it returned: the model as in ``model_report`` with its output on
    ``x``, and the losses exactly as returned."""
    model, losses = fn(x, y, epochs, lr, batch_size, seed)
    report = _linear_report(model, x)
    report["losses"] = losses
    return report


def plot_series(fn, runs):
    """Call ``fn(losses, path)`` for each ``(losses, filename)`` of ``runs`` in turn (path in the
    worker's working directory, Agg backend) and return, per call, what ``plot_to_file`` returns."""
    return [plot_to_file(fn, losses, filename) for losses, filename in runs]


def plot_to_file(fn, losses, filename):
    """Call ``fn(losses, path)`` with ``path`` in the worker's working directory (non-interactive
    Agg backend, as on a machine without a display) and return the file's bytes as a uint8 array
    (None when no file was written) and whether fn returned None."""
    import matplotlib
    matplotlib.use("Agg")
    import numpy as np
    path = os.path.join(os.getcwd(), filename)
    if os.path.exists(path):
        os.remove(path)
    returned = fn(losses, path)
    data = None
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            data = np.frombuffer(fh.read(), dtype=np.uint8).copy()
    return {"data": data, "returned_none": returned is None}

"""Day-3 training probes (hidden: excluded from the student handout, they hold reference helpers).

``train_isolated`` and ``train_model_report`` call the student's training function with the
module's helper names (``data_iter``, ``linreg``, ``squared_loss``, ``sgd``; ``make_loader``,
``build_model``) temporarily bound to the reference semantics of the catalogue, so that a bug in a
helper costs points on that helper only, not on the training loop as well. A training function
that does not use these names is called as it is.
"""

from __future__ import annotations

import random

import torch

from grader.probes.day3 import _linear_report


def _ref_data_iter(batch_size, features, labels):
    n = len(features)
    indices = list(range(n))
    random.shuffle(indices)
    for i in range(0, n, batch_size):
        j = torch.tensor(indices[i:i + batch_size])
        yield features[j], labels[j]


def _ref_linreg(X, w, b):
    return torch.matmul(X, w) + b


def _ref_squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def _ref_sgd(params, lr, batch_size):
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad / batch_size
            p.grad.zero_()


def _ref_make_loader(x, y, batch_size, shuffle):
    from torch.utils.data import DataLoader, TensorDataset
    return DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=shuffle)


def _ref_build_model(in_features):
    return torch.nn.Linear(in_features, 1)


def _with_reference_helpers(fn, helpers, *args):
    """Call fn(*args) with the given module-level names of fn's module bound to ``helpers``."""
    namespace = getattr(fn, "__globals__", None)
    if not isinstance(namespace, dict):
        return fn(*args)
    missing = object()
    saved = {name: namespace.get(name, missing) for name in helpers}
    for name, ref in helpers.items():
        if saved[name] is not missing:
            namespace[name] = ref
    try:
        return fn(*args)
    finally:
        for name, old in saved.items():
            if old is not missing:
                namespace[name] = old


def train_isolated(fn, features, labels, lr, num_epochs, batch_size):
    """Call the from-scratch ``train`` with reference ``data_iter``/``linreg``/``squared_loss``/
    ``sgd`` bound in its module; returns its result unchanged."""
    helpers = {"data_iter": _ref_data_iter, "linreg": _ref_linreg,
               "squared_loss": _ref_squared_loss, "sgd": _ref_sgd}
    return _with_reference_helpers(fn, helpers, features, labels, lr, num_epochs, batch_size)


def train_model_report(fn, x, y, epochs, lr, batch_size, seed, record=False):
    """Call ``train_model`` (with reference ``make_loader``/``build_model`` bound in its module)
    and return the trained model's description and the losses it returned.

    With ``record``, every forward call of an ``nn.Linear`` during training is recorded (however
    the model was built): its input and the layer's weight and bias at that moment, and whether
    grad mode was on, so that the spec can replay each SGD step and each epoch's mean loss."""
    helpers = {"make_loader": _ref_make_loader, "build_model": _ref_build_model}
    forwards = []

    def hook(module, args):
        if isinstance(module, torch.nn.Linear) and len(forwards) < 2000 \
                and args and isinstance(args[0], torch.Tensor):
            forwards.append({"input": args[0].detach().clone(), "weight": module.weight.detach().clone(),
                             "bias": None if module.bias is None else module.bias.detach().clone(),
                             "grad_enabled": torch.is_grad_enabled()})

    handle = torch.nn.modules.module.register_module_forward_pre_hook(hook) if record else None
    try:
        model, losses = _with_reference_helpers(fn, helpers, x, y, epochs, lr, batch_size, seed)
    finally:
        if handle is not None:
            handle.remove()
    report = _linear_report(model)
    report["losses"] = losses if type(losses) is list else list(losses)
    report["forwards"] = forwards
    return report

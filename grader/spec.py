"""The API specs are written against: `@function`, the `rng` and `student` fixtures, `expect`.

See grader/specs/README.md. Fixtures themselves are registered by grader.grading.plugin.
"""
from __future__ import annotations

import hashlib
import random

import pytest

from grader import expect  # noqa: F401  (re-exported for specs)
from grader.calls import (CallFailed, CallRecord, Mismatch, describe_call, failure_for,  # noqa: F401
                          record_output, register)

__all__ = ["function", "expect", "Rng", "Student", "Mismatch", "CallFailed"]


def function(name: str, weight: float = 1.0):
    """Mark a test as checking catalogue function `name`; its points are split by weight."""
    return pytest.mark.grader_function(name, weight=weight)


def derive_seed(*parts) -> int:
    """A stable 63-bit seed from the run seed, the student id and the test id."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


class Rng:
    """Reproducible random inputs for one test."""

    def __init__(self, seed: int) -> None:
        import numpy as np
        import torch
        self.seed = seed
        self.torch = torch.Generator().manual_seed(seed)
        self.np = np.random.default_rng(seed)
        self.py = random.Random(seed)

    def randn(self, *shape, dtype=None):
        import torch
        return torch.randn(*shape, generator=self.torch, dtype=dtype or torch.float32)

    def rand(self, *shape, dtype=None):
        import torch
        return torch.rand(*shape, generator=self.torch, dtype=dtype or torch.float32)

    def randint(self, low: int, high: int, shape):
        import torch
        return torch.randint(low, high, tuple(shape), generator=self.torch, dtype=torch.int64)

    def integer(self, low: int, high: int) -> int:
        return self.py.randint(low, high)

    def uniform(self, low: float, high: float) -> float:
        return self.py.uniform(low, high)

    def choice(self, seq):
        return self.py.choice(list(seq))

    def shape(self, ndim: int, low: int = 1, high: int = 5) -> tuple[int, ...]:
        return tuple(self.py.randint(low, high) for _ in range(ndim))

    def distinct(self, *shape):
        """float32 values that are all different (no ties for argmax/sort checks)."""
        import math
        import torch
        n = math.prod(shape)
        values = torch.randperm(n, generator=self.torch).to(torch.float32) - n / 2
        return (values / max(n, 1) * 4).reshape(shape)


class Student:
    """Proxy for one student module: calls go to the sandbox worker, results come back by value."""

    def __init__(self, topic_id: str, connection) -> None:
        self._topic = topic_id
        self._conn = connection  # plugin.TopicConnection
        self.last: CallRecord | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def has(self, name: str) -> bool:
        return self._conn.has(name)

    def call(self, name: str, *args, mutates=(), timeout=None, forbid=(), **kwargs):
        """Call `name` in the worker; fail the test if it did not return or changed its inputs."""
        desc = describe_call(name, args, kwargs)
        reply = self._conn.call(name, args, kwargs, timeout=timeout, forbid=forbid)
        record_output(desc, reply.stdout)
        return self._finish(name, desc, reply, args, kwargs, mutates)

    def probe(self, probe, name: str, *args, timeout=None, desc: str | None = None, **kwargs):
        """Run trusted `probe(student_function, *args, **kwargs)` inside the worker.

        `desc` names the call in messages (default: the function with the probe's arguments)."""
        desc = desc or describe_call(name, args, kwargs)
        reply = self._conn.call(name, args, kwargs, timeout=timeout, probe=probe)
        record_output(desc, reply.stdout)
        return self._finish(name, desc, reply, args, kwargs, mutates=tuple(range(len(args))))

    def _finish(self, name, desc, reply, args, kwargs, mutates):
        failure = failure_for(self._conn.relpath, name, desc, reply)
        if failure is not None:
            raise failure
        record = CallRecord(name=name, desc=desc, result=reply.result, args_after=reply.args_after,
                            kwargs_after=reply.kwargs_after, identity=reply.identity, stdout=reply.stdout)
        self.last = record
        register(record.result, desc)
        _check_unchanged(desc, args, record.args_after, set(mutates))
        return record.result


def _check_unchanged(desc: str, before: tuple, after: tuple, allowed: set) -> None:
    """The catalogue convention: inputs keep their values unless the function mutates them."""
    for i, (old, new) in enumerate(zip(before, after)):
        if i not in allowed and not _same_values(old, new):
            raise Mismatch(f"{desc} changed its argument {i + 1}; it must leave its inputs unchanged")


def _same_values(old, new) -> bool:
    import numpy as np
    import torch
    if isinstance(old, torch.Tensor):
        return type(new) is torch.Tensor and new.shape == old.shape and new.dtype == old.dtype and \
            bool(torch.equal(torch.nan_to_num(new.detach(), nan=0.5), torch.nan_to_num(old.detach(), nan=0.5))
                 if new.dtype.is_floating_point else torch.equal(new, old.detach()))
    if isinstance(old, np.ndarray):
        return type(new) is np.ndarray and new.shape == old.shape and \
            np.array_equal(new, old, equal_nan=old.dtype.kind in "fc")
    if type(old).__name__ == "DataFrame":
        return type(new).__name__ == "DataFrame" and new.shape == old.shape and \
            bool(new.reset_index(drop=True).astype(object).fillna(-987654321).values.tolist()
                 == old.reset_index(drop=True).astype(object).fillna(-987654321).values.tolist())
    return True

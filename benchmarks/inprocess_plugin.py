"""Baseline for benchmarks only: the same specs with the solutions imported in-process (no sandbox).

Never use this for grading: student code would run inside the process that decides the score.
"""
from __future__ import annotations

import copy
import importlib.util
import os
from pathlib import Path

import pytest

from grader import calls
from grader.sandbox import worker
from grader.sandbox import handle as sandbox
from grader.calls import failure_for
from grader.grading.plugin import topic_of
from grader.spec import Rng, Student, derive_seed

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "grader" / "specs"
TARGET = Path(os.environ.get("INPROCESS_TARGET", ROOT / "solutions"))
_modules: dict[str, object] = {}


class DirectConnection:
    """Calls the module directly; same Reply shape as the sandbox, no isolation at all."""

    def __init__(self, topic_id: str) -> None:
        day, name = topic_id.split(".")
        self.relpath = f"{day}/{name}.py"
        if topic_id not in _modules:
            spec = importlib.util.spec_from_file_location(f"inproc_{day}_{name}", TARGET / day / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            _modules[topic_id] = module
        self.module = _modules[topic_id]

    def has(self, name: str) -> bool:
        return hasattr(self.module, name)

    def call(self, name, args, kwargs, timeout=None, probe=None, forbid=()):
        fn = getattr(self.module, name)
        args, kwargs = copy.deepcopy((args, kwargs))  # the sandbox gets copies too (by pickling)
        result = fn(*args, **kwargs) if probe is None else probe(fn, *args, **kwargs)
        return sandbox.Reply("ok", result=result, args_after=args, kwargs_after=kwargs,
                             identity=worker._identity(result, args))


@pytest.fixture
def student(request):
    calls.forget_all()
    return Student(topic_of(request.path, SPECS), DirectConnection(topic_of(request.path, SPECS)))


@pytest.fixture
def rng(request):
    return Rng(derive_seed(0, "bench", request.node.nodeid))


def pytest_configure(config):
    config.addinivalue_line("markers", "grader_function(name, weight): catalogue function checked")


__all__ = ["student", "rng", "failure_for"]

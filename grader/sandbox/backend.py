"""Which kind of sandbox worker this host gets: forked from a warm zygote, or spawned.

`fork` (Linux): workers are forked from a zygote that imported torch & co. once (milliseconds each),
with namespaces, a separate uid as root, and rlimits. `spawn` (Windows, macOS, or any host without
`os.fork`/`resource`): workers are fresh Python processes started with multiprocessing's spawn
machinery, kept warm in a small pool (spawn.SpawnPool), limited by what the OS offers.

`GRADE_SANDBOX=fork|spawn` forces one; the default `auto` takes fork where it works.
Both backends hand out worker handles through one method, `worker(...)`, so grading code does
not branch on the backend.
"""
from __future__ import annotations

import os
import sys

CHOICES = ("auto", "fork", "spawn")
ENV = "GRADE_SANDBOX"


class BackendError(Exception):
    """GRADE_SANDBOX names no backend, or one this host cannot run (a one-line usage error)."""


def fork_available() -> bool:
    """Fork-based workers need os.fork, Linux (macOS cannot fork safely after `import torch`;
    namespaces, prctl and /proc are Linux's) and the `resource` module."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return False
    return _importable("resource")


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def requested() -> str:
    """What GRADE_SANDBOX asks for: auto (default), fork or spawn."""
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in CHOICES:
        raise BackendError(f"{ENV}={value!r} is not a sandbox backend; use one of: {', '.join(CHOICES)}")
    return value


def name() -> str:
    """The backend to use here: 'fork' or 'spawn' (BackendError when fork is forced but unavailable)."""
    wanted = requested()
    if wanted == "fork" and not fork_available():
        raise BackendError(f"{ENV}=fork: this host cannot fork sandbox workers (needs Linux with os.fork "
                           "and the resource module); use GRADE_SANDBOX=spawn or auto")
    if wanted == "auto":
        return "fork" if fork_available() else "spawn"
    return wanted


def uses_fork() -> bool:
    return name() == "fork"


def start(hidden: tuple[str, ...] = ()):
    """A started backend for one grading session: a Zygote (fork) or a SpawnPool (spawn) whose
    first spare is already on its way up."""
    if name() == "fork":
        from grader.sandbox.handle import ForkBackend
        return ForkBackend(hidden).start()
    from grader.sandbox.spawn import SpawnPool
    return SpawnPool(hidden=hidden).start(1)

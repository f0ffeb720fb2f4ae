"""The warm process every command grades from: heavy imports once, then forks of it.

`warm_session()` is the one way in: it imports torch, numpy, pandas, pytest and the grader's own
modules (no torch op runs here, so forks stay safe), freezes the heap so forked runs skip it in
`gc.collect`, becomes the subreaper of everything it starts (Linux), and on the way out kills what
is left and removes the worker folders of grading processes that no longer exist. On the spawn
backend it first starts the session's pool of spawned spares, so their imports overlap its own.
"""
from __future__ import annotations

import gc
import importlib
import os
import sys
from contextlib import contextmanager

from grader.course import Topic
from grader import files
from grader.sandbox import processes

# Modules some topics pull in lazily (the first optimizer.step() imports torch._dynamo, plots need
# pyplot): ~3 s each time a fresh worker pays it, so the warm parent imports them once instead.
HEAVY_IMPORTS = {"day3.linreg_concise": ("torch.optim", "torch.utils.data", "torch._dynamo", "matplotlib.pyplot"),
                 "day3.linreg_scratch": ("torch._dynamo",), "day3.autograd": ("torch._dynamo",)}
_GRADER_MODULES = ("grader.grading.plugin", "grader.probes")


@contextmanager
def warm_session(topics: list[Topic] | None = None):
    """Grade inside this block: warm, subreaper, and nothing of ours left behind afterwards.

    With `topics`, only the heavy imports those topics need; without, all of them (long-lived
    processes: batch, watch, check)."""
    pool = _start_spawn_pool(topics)  # spawn backend: spares import torch & co. while this process does
    warm_up(topics)
    processes.become_subreaper()  # Linux only (a no-op elsewhere)
    files.remove_tempdirs()  # left by a run that was killed outright
    try:
        yield
    finally:
        if pool is not None:
            from grader.sandbox import spawn
            spawn.share(None)
            pool.close()
        sweep()


def _start_spawn_pool(topics: list[Topic] | None):
    """One run's topics: as many spares as topics (at most the pool's size); a long-lived session
    (watch, check): one spare always kept warm for the next run."""
    from grader.sandbox import backend
    if backend.uses_fork():
        return None
    from grader.sandbox import spawn
    pool = spawn.SpawnPool(floor=0 if topics else 1)
    if topics:
        pool.expect(len(topics))
    spawn.share(pool.start())
    return pool


def sweep() -> None:
    """Kill every descendant still alive (but the warm spares of a spawn pool) and remove the temp
    folders of processes that are gone."""
    spawn = sys.modules.get("grader.sandbox.spawn")  # loaded only on the spawn backend
    processes.kill_descendants(os.getpid(), keep=spawn.pids() if spawn else set())
    files.remove_tempdirs()


def warm_up(topics: list[Topic] | None = None) -> None:
    """Import what grading needs once, so forked runs and workers start in milliseconds."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    wanted = [t.id for t in topics] if topics is not None else list(HEAVY_IMPORTS)
    for module in sorted({m for tid in wanted for m in HEAVY_IMPORTS.get(tid, ())}):
        importlib.import_module(module)
    for module in ("numpy", "pandas", "pytest", "torch", "pytest_jsonreport.plugin", *_GRADER_MODULES):
        importlib.import_module(module)
    for day in ("day1", "day2", "day3", "day4"):
        for module in (f"grader.probes.{day}", f"grader.probes.{day}_hidden", f"grader.funcs.{day}"):
            try:
                importlib.import_module(module)
            except ImportError:  # absent in a handout, or a day without probes
                pass
    gc.freeze()  # forked runs would otherwise re-scan the whole inherited heap at every collection

"""Run the specs of some topics against a student tree, in a forked grading process.

The grading process is forked from a warm parent (torch, numpy, pandas and pytest imported, no
torch op run), runs one in-process pytest session with our plugin and pytest-json-report, and
hands back the JSON report. A run that dies or overruns its wall clock yields no report, which
scoring turns into a named "could not grade" result.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from grader import isolation
from grader.course import Course, Topic

SPECS_DIR = Path(__file__).parent / "specs"


@dataclass(frozen=True)
class RunOutcome:
    """A pytest-json-report document, or why there is none."""
    json_report: dict | None
    error: str | None
    elapsed: float


# Modules some topics pull in lazily (the first optimizer.step() imports torch._dynamo, plots need
# pyplot): ~3 s each time a fresh worker pays it, so the warm parent imports them once instead.
HEAVY_IMPORTS = {"day3.linreg_concise": ("torch.optim", "torch.utils.data", "torch._dynamo", "matplotlib.pyplot"),
                 "day3.linreg_scratch": ("torch._dynamo",), "day3.autograd": ("torch._dynamo",)}


def warm_up(topics: list[Topic] | None = None) -> None:
    """Import what grading needs once, so forked runs and workers start in milliseconds.

    With `topics`, only the heavy imports those topics need; without, all of them (long-lived
    processes: batch, watch, check)."""
    import importlib
    os.environ.setdefault("MPLBACKEND", "Agg")
    wanted = [t.id for t in topics] if topics is not None else list(HEAVY_IMPORTS)
    for module in sorted({m for tid in wanted for m in HEAVY_IMPORTS.get(tid, ())}):
        importlib.import_module(module)
    _import_base()
    import gc
    gc.freeze()  # forked runs would otherwise re-scan the whole inherited heap at every collection


def _import_base() -> None:
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pytest  # noqa: F401
    import torch  # noqa: F401
    import pytest_jsonreport.plugin  # noqa: F401
    import grader.plugin  # noqa: F401
    import grader.probes  # noqa: F401
    for day in ("day1", "day2", "day3", "day4"):
        for module in (f"grader.probes.{day}", f"grader.probes.{day}_hidden", f"grader.funcs.{day}"):
            try:
                __import__(module)
            except ImportError:  # absent in a handout, or a day without probes
                pass


def spec_files(topic: Topic, specs_dir: Path = SPECS_DIR) -> list[Path]:
    """The hidden and public spec files of a topic that exist (hidden ones are absent in a handout)."""
    base = specs_dir / topic.day / f"test_{topic.name}"
    return [p for p in (base.with_suffix(".py"), Path(f"{base}_public.py")) if p.is_file()]


def wall_clock(topics: list[Topic]) -> float:
    """Overall limit for one run: generous, but a run can never hang forever."""
    return 60.0 + sum(20 * t.timeout for t in topics)


def run(course: Course, target_dir: Path, topics: list[Topic], seed: int, student: str,
        specs_dir: Path = SPECS_DIR) -> RunOutcome:
    """Grade `topics` of `target_dir` in a forked process; never raises for student behaviour."""
    handle = start(course, target_dir, topics, seed, student, specs_dir)
    while (outcome := poll(handle)) is None:
        time.sleep(0.01)
    return outcome


@dataclass
class RunHandle:
    """A grading run started by `start()`; `poll()` it until it returns an outcome."""
    pid: int
    tmp: "tempfile.TemporaryDirectory | None"
    started: float
    limit: float
    outcome: RunOutcome | None = None


def start(course: Course, target_dir: Path, topics: list[Topic], seed: int, student: str,
          specs_dir: Path = SPECS_DIR, *, limit: float | None = None, hidden: tuple[str, ...] = ()) -> RunHandle:
    """Fork a grading run and return at once (pools poll many); `hidden` adds folders that student
    code must not see (e.g. the other submissions of a batch)."""
    ctx = make_context(course, target_dir, seed, student, specs_dir, hidden)
    files = [str(f) for t in topics for f in spec_files(t, specs_dir)]
    limit = wall_clock(topics) if limit is None else limit
    now = time.monotonic()
    if not files:
        return RunHandle(0, None, now, limit, RunOutcome(None, "no spec files found for these topics", 0.0))
    tmp = tempfile.TemporaryDirectory(prefix="grade-run-")
    pid = os.fork()
    if pid == 0:
        _child(ctx, files, Path(tmp.name) / "report.json", Path(tmp.name) / "pytest.log")
    return RunHandle(pid, tmp, now, limit)


def make_context(course: Course, target_dir: Path, seed: int, student: str, specs_dir: Path = SPECS_DIR,
                 hidden: tuple[str, ...] = ()):
    """The RunContext of one grading run (`hidden`: extra folders student code must not see)."""
    from grader.plugin import RunContext
    return RunContext(specs_dir=specs_dir, target_dir=Path(target_dir).resolve(),
                      topic_files={t.id: t.file for t in course.topics},
                      timeouts={t.id: t.timeout for t in course.topics}, seed=seed, student=student,
                      hidden=_hidden_dirs(course, specs_dir) + tuple(str(Path(h).resolve()) for h in hidden))


def poll(handle: RunHandle) -> RunOutcome | None:
    """The outcome once the run has ended (killing it past its wall clock), else None."""
    if handle.outcome is not None:
        return handle.outcome
    done, status = os.waitpid(handle.pid, os.WNOHANG)
    error = None
    if done:
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            error = f"the grading process failed (status {status}); nothing was scored"
    elif time.monotonic() - handle.started > handle.limit:
        kill_run(handle.pid)
        error = f"grading took longer than {handle.limit:.0f} s and was stopped"
    else:
        return None
    report = read_report(Path(handle.tmp.name) / "report.json")
    if report is None and error is not None:
        error += log_tail(Path(handle.tmp.name) / "pytest.log")
    handle.tmp.cleanup()
    if report is None and error is None:
        error = "the grading process ended without a report"
    handle.outcome = RunOutcome(report, None if report is not None else error, time.monotonic() - handle.started)
    return handle.outcome


def cancel(handle: RunHandle) -> None:
    """Stop a started run now (its zygote and workers die with it) and drop its temp folder."""
    if handle.outcome is None:
        kill_run(handle.pid)
        handle.tmp.cleanup()
        handle.outcome = RunOutcome(None, "grading was cancelled", time.monotonic() - handle.started)


def kill_run(pid: int) -> None:
    """Kill a grading process (its zygote and workers die with it) and remove its worker folders."""
    isolation.kill_and_reap(pid)
    remove_worker_dirs(pid)


def remove_worker_dirs(pid: int | None = None) -> None:
    """Remove the worker folders a killed grading process `pid` could not remove itself; without
    `pid`, those of every grading process that no longer exists (a batch killed outright)."""
    import shutil
    for folder in Path(tempfile.gettempdir()).glob(f"grade-w-{'*' if pid is None else int(pid)}-*"):
        owner = folder.name.split("-")[2]
        if pid is not None or (owner.isdigit() and not os.path.exists(f"/proc/{owner}")):
            shutil.rmtree(folder, ignore_errors=True)


def _hidden_dirs(course: Course, specs_dir: Path) -> tuple[str, ...]:
    dirs = [course.root / "solutions", course.root / "reports", specs_dir, course.root / "tests"]
    return tuple(str(d.resolve()) for d in dirs if d.is_dir())


def _child(ctx, files: list[str], out: Path, log: Path) -> None:
    code = 3
    try:
        enter_grading_process(log)
        code = _pytest(ctx, files, out)
    except BaseException:
        import traceback
        traceback.print_exc()  # into pytest.log, which poll() quotes in its error
        code = 3
    finally:
        isolation.kill_descendants(os.getpid())
        os._exit(code)


def enter_grading_process(log: Path) -> None:
    """In a freshly forked grading process: reap what we start, die with the parent, log to `log`."""
    isolation.become_subreaper()
    isolation.die_with_parent()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = sys.stderr = open(1, "w", closefd=False)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    os.environ.pop("PYTEST_ADDOPTS", None)


def pytest_args(ctx, files: list[str]) -> list[str]:
    """The in-process pytest command line of a grading session (our ini, rootdir and plugins only)."""
    return [*files, "-c", str(ctx.specs_dir / "pytest.ini"), "--rootdir", str(ctx.specs_dir),
            "--confcutdir", str(ctx.specs_dir), "-p", "no:cacheprovider", "-p", "no:stepwise",
            "-p", "pytest_jsonreport.plugin", "--json-report", "--json-report-file=none",
            "--json-report-omit", "streams", "traceback", "log", "--import-mode=importlib", "-q",
            "-s", "-p", "no:logging",  # output and logs of student code stay in its worker; nothing to capture here
            "-W", "ignore::DeprecationWarning",
            "--tb=no"]  # scores and messages come from the plugin; tracebacks cost 3x the CPU on failures


def _pytest(ctx, files: list[str], out: Path) -> int:
    import pytest
    import torch
    from grader.plugin import GraderPlugin
    torch.set_num_threads(1)
    plugin = GraderPlugin(ctx)
    pytest.main(pytest_args(ctx, files), plugins=[plugin])
    if plugin.json_report is None:
        return 4
    write_report(plugin.json_report, out)
    return 0


def write_report(data: dict, out: Path) -> None:
    """Hand a pytest-json-report document to the parent: temp file, then rename."""
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, default=str))
    os.replace(tmp, out)


def log_tail(log: Path, lines: int = 3) -> str:
    """The last lines of the grading process's own log (instructor-facing: grader errors only)."""
    try:
        tail = [line for line in log.read_text(errors="replace").splitlines() if line.strip()][-lines:]
    except OSError:
        return ""
    return (": " + " | ".join(line.strip()[:200] for line in tail)) if tail else ""


def read_report(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("tests"), list) else None

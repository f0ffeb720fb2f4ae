"""Run the specs of some topics against a student tree, in a forked grading process.

The grading process is forked from a warm parent (torch, numpy, pandas and pytest imported, no
torch op run), runs one in-process pytest session with our plugin and pytest-json-report, and
hands back the JSON report. A run that dies or overruns its wall clock yields no report, which
scoring turns into a named "could not grade" result.

Without fork (the spawn backend: Windows, macOS), the pytest session runs in this process, which
is trusted and already warm (student code still runs only in spawned workers); the report is
taken from the plugin object, and every wait on a worker has its deadline, the run's wall clock
included (see TopicConnection.call).
"""
from __future__ import annotations

import json
import os
import select
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from grader import files, paths
from grader.course import Course, Topic
from grader.sandbox import processes

MAX_REPORT = 256 * 2**20  # bytes of pytest-json-report a grading process may send back


@dataclass(frozen=True)
class RunOutcome:
    """A pytest-json-report document, or why there is none."""
    json_report: dict | None
    error: str | None
    elapsed: float


def wall_clock(topics: list[Topic]) -> float:
    """Overall limit for one run: generous, but a run can never hang forever."""
    return 60.0 + sum(20 * t.timeout for t in topics)


def run(course: Course, target_dir: Path, topics: list[Topic], seed: int, student: str,
        specs_dir: Path = paths.SPECS, *, limit: float | None = None) -> RunOutcome:
    """Grade `topics` of `target_dir` in a forked process; never raises for student behaviour.

    The pytest-json-report document comes back through a socket that only the grading process holds
    (no file a worker could find and plant, nor a pipe it could open through /proc/<pid>/fd), and
    only from a process that exited cleanly."""
    specs = [str(f) for t in topics for f in paths.spec_files(t, specs_dir)]
    if not specs:
        return RunOutcome(None, "no spec files found for these topics", 0.0)
    ctx = make_context(course, target_dir, seed, student, specs_dir)
    limit = wall_clock(topics) if limit is None else limit
    started = time.monotonic()
    from grader.sandbox import backend
    if not backend.uses_fork():
        return run_in_process(ctx, specs, started, limit)
    with files.OwnedTempdir("run") as tmp:
        read, write = (end.detach() for end in socket.socketpair())  # unlike a pipe, not openable via /proc/<pid>/fd
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _child(ctx, specs, write, Path(tmp) / "pytest.log")
        os.close(write)
        data, error = collect(pid, read, started + limit, limit)
        report = parse_report(data) if error is None else None
        if error is None and report is None:
            error = "the grading process ended without a report"
        if error is not None:
            error += log_tail(Path(tmp) / "pytest.log")
    return RunOutcome(report, error, time.monotonic() - started)


def run_in_process(ctx, specs: list[str], started: float, limit: float) -> RunOutcome:
    """The spawn backend's run: pytest in this (trusted) process with the warm session's pool of
    spawned workers, or a pool of its own; pytest's own output goes to a log, not the terminal."""
    import contextlib
    import io
    from grader.sandbox import spawn
    pool = spawn.shared_pool()
    log = io.StringIO()
    error = None
    report = None
    saved_env = {k: os.environ.get(k) for k in ("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "PYTEST_ADDOPTS")}
    try:
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        os.environ.pop("PYTEST_ADDOPTS", None)
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            plugin = _pytest_plugin(ctx, specs, pool, started + limit)
        if plugin.json_report is None:
            error = "the grading session ended without a report"
        else:
            report = parse_report(dump_report(plugin.json_report))  # the same round trip as through the pipe
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit or an internal error: a named run error, never a traceback
        error = f"the grading session failed ({type(exc).__name__}: {str(exc)[:200]})"
    finally:
        for key, value in saved_env.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    if error is not None:
        tail = [line for line in log.getvalue().splitlines() if line.strip()][-3:]
        error += (": " + " | ".join(line.strip()[:200] for line in tail)) if tail else ""
    elif time.monotonic() - started > limit:
        error = f"grading took longer than {limit:.0f} s and was stopped"
        report = None
    return RunOutcome(report, error, time.monotonic() - started)


def _pytest_plugin(ctx, specs: list[str], pool, deadline: float):
    import pytest
    from grader.grading.plugin import GraderPlugin
    plugin = GraderPlugin(ctx, pool, close_backend=pool is None, deadline=deadline)
    pytest.main(pytest_args(ctx, specs), plugins=[plugin])
    return plugin


def collect(pid: int, read: int, deadline: float, limit: float) -> tuple[bytes, str | None]:
    """Read the child's report from `read` until EOF and reap it, killing it at `deadline`;
    (bytes, None) after a clean exit, else (b"", why)."""
    chunks, size, eof = [], 0, False
    with os.fdopen(read, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                kill_run(pid)
                return b"", f"grading took longer than {limit:.0f} s and was stopped"
            if not eof and select.select([pipe], [], [], min(left, 0.1))[0]:
                chunk = pipe.read(1 << 20) or b""
                eof, size = not chunk, size + len(chunk)
                chunks += [chunk] if size <= MAX_REPORT else []
                continue
            done, status = processes.exit_status(pid, min(left, 0.05) if eof else 0.0)
            if done:
                chunks += _drain(pipe) if not eof else []
                break
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or size > MAX_REPORT:
        return b"", f"the grading process failed (status {status}); nothing was scored"
    return b"".join(chunks), None


def _drain(pipe) -> list[bytes]:
    """What is still buffered in the pipe once the writer has exited."""
    os.set_blocking(pipe.fileno(), False)
    chunks = []
    try:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    except BlockingIOError:
        pass
    return chunks


def make_context(course: Course, target_dir: Path, seed: int, student: str, specs_dir: Path = paths.SPECS,
                 hidden: tuple[str, ...] = ()):
    """The RunContext of one grading run (`hidden`: extra folders student code must not see)."""
    from grader.grading.plugin import RunContext
    return RunContext(specs_dir=specs_dir, target_dir=Path(target_dir).resolve(),
                      topic_files={t.id: t.file for t in course.topics},
                      timeouts={t.id: t.timeout for t in course.topics}, seed=seed, student=student,
                      hidden=_hidden_dirs(course, specs_dir) + tuple(str(Path(h).resolve()) for h in hidden))


def kill_run(pid: int) -> None:
    """Kill a grading process (its zygote and workers die with it) and remove its worker folders."""
    processes.kill_and_reap(pid)
    files.remove_tempdirs(pid)


def _hidden_dirs(course: Course, specs_dir: Path) -> tuple[str, ...]:
    dirs = [course.root / "solutions", course.root / "reports", specs_dir, course.root / "tests"]
    return tuple(str(d.resolve()) for d in dirs if d.is_dir())


def _child(ctx, specs: list[str], out: int, log: Path) -> None:
    code = 3
    try:
        enter_grading_process(log)
        code = _pytest(ctx, specs, out)
    except BaseException:
        import traceback
        traceback.print_exc()  # into pytest.log, which run() quotes in its error
        code = 3
    finally:
        processes.kill_descendants(os.getpid())
        os._exit(code)


def enter_grading_process(log: Path) -> None:
    """In a freshly forked grading process: reap what we start, die with the parent, log to `log`."""
    processes.become_subreaper()
    processes.die_with_parent()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = sys.stderr = open(1, "w", closefd=False)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    os.environ.pop("PYTEST_ADDOPTS", None)


def pytest_args(ctx, specs: list[str]) -> list[str]:
    """The in-process pytest command line of a grading session (our ini, rootdir and plugins only)."""
    return [*specs, "-c", str(ctx.specs_dir / "pytest.ini"), "--rootdir", str(ctx.specs_dir),
            "--confcutdir", str(ctx.specs_dir), "-p", "no:cacheprovider", "-p", "no:stepwise",
            "-p", "pytest_jsonreport.plugin", "--json-report", "--json-report-file=none",
            "--json-report-omit", "streams", "traceback", "log", "--import-mode=importlib", "-q",
            "-s", "-p", "no:logging",  # output and logs of student code stay in its worker; nothing to capture here
            "-W", "ignore::DeprecationWarning",
            "--tb=no"]  # scores and messages come from the plugin; tracebacks cost 3x the CPU on failures


def _pytest(ctx, specs: list[str], out: int) -> int:
    import pytest
    import torch
    from grader.grading.plugin import GraderPlugin
    torch.set_num_threads(1)
    plugin = GraderPlugin(ctx)
    pytest.main(pytest_args(ctx, specs), plugins=[plugin])
    if plugin.json_report is None:
        return 4
    with os.fdopen(out, "wb") as pipe:
        pipe.write(dump_report(plugin.json_report))
    return 0


def dump_report(data: dict) -> bytes:
    """A pytest-json-report document as it travels to the parent."""
    return json.dumps(data, default=str).encode("utf-8")


def log_tail(log: Path, lines: int = 3) -> str:
    """The last lines of the grading process's own log (instructor-facing: grader errors only)."""
    try:
        tail = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()][-lines:]
    except OSError:
        return ""
    return (": " + " | ".join(line.strip()[:200] for line in tail)) if tail else ""


def parse_report(data: bytes) -> dict | None:
    """The pytest-json-report document in `data`, or None when it is not one."""
    try:
        doc = json.loads(data)
    except ValueError:
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get("tests"), list) else None

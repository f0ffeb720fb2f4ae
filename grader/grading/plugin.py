"""The pytest plugin a grading run loads: fixtures `student`/`rng`, per-test metadata, the report.

It runs in the trusted grading process. Student code is reached only through sandbox workers.
"""
from __future__ import annotations

import functools
import gc
import os
import shutil
import signal
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from grader import calls, paths
from grader.calls import CallFailed, Mismatch
from grader.sandbox import handle as sandbox
from grader.sandbox import isolation, processes
from grader.spec import Rng, Student, derive_seed
from grader.summary import clip


@dataclass
class RunContext:
    """Everything a grading run needs to know; built by the runner."""
    specs_dir: Path
    target_dir: Path
    topic_files: dict[str, str]  # topic id -> relative file ("day1/calculus.py")
    timeouts: dict[str, float]
    seed: int
    student: str
    hidden: tuple[str, ...] = ()
    limits: dict = field(default_factory=dict)


@functools.lru_cache(maxsize=256)
def topic_of(path: Path, specs_dir: Path) -> str:
    """grader/specs/day1/test_calculus_public.py -> day1.calculus; cached: every test asks twice
    and resolving a path costs a dozen system calls."""
    return paths.topic_of_spec(Path(path).resolve().relative_to(specs_dir.resolve()).as_posix())


class TopicConnection:
    """Serves one topic's calls; a dead worker is replaced, an import failure is remembered.

    `backend(lost=False)` hands out the backend workers come from: a Zygote (fork) or a SpawnPool
    (spawn), both through `worker()`; with lost=True a fork backend that stopped answering is
    replaced."""

    def __init__(self, backend, ctx: RunContext, topic_id: str, deadline: float | None = None) -> None:
        self.backend, self.ctx, self.topic_id = backend, ctx, topic_id
        self.deadline = deadline
        self.relpath = f"exercises/{ctx.topic_files[topic_id]}"
        self.timeout = ctx.timeouts.get(topic_id, 5.0)
        self.worker: sandbox.Worker | None = None
        self.broken: sandbox.Reply | None = None
        self.workdirs: list[str] = []
        self.observed: list[dict] = []  # the isolation of every worker started, seen from here

    def call(self, name, args, kwargs, timeout=None, probe=None, forbid=(), retry=True) -> sandbox.Reply:
        if self.deadline is not None and time.monotonic() > self.deadline:
            # an in-process run (spawn backend) has no outer wall clock that kills it: stop here
            return sandbox.Reply("timeout", error={"message": "grading took longer than its time limit and was stopped"})
        if self.broken is None and (self.worker is None or self.worker.hello.status != "ok"):
            self._start()
        if self.broken is not None:
            return self.broken
        reply = self.worker.call(name, args, kwargs, timeout=timeout, probe=probe, forbid=forbid)
        if reply.status in ("timeout", "crashed", "protocol"):
            served_before = self.worker.seq > 1
            self.worker.kill()
            self.worker = None
            if reply.status == "crashed" and served_before and retry:
                # something an earlier call left behind (a thread, a forged reply) may have killed
                # the worker: this call gets one fresh worker before its crash counts
                return self.call(name, args, kwargs, timeout, probe, forbid, retry=False)
        return reply

    def has(self, name: str) -> bool:
        from grader.probes import has_name
        return self.call(name, (), {}, probe=has_name).result is True

    def _start(self) -> None:
        source = self.ctx.target_dir / self.ctx.topic_files[self.topic_id]
        problem = _unreadable(source, self.relpath, self.ctx.target_dir)
        if problem:
            self.broken = sandbox.Reply("import_error", error={"message": problem})
            return
        workdir, copy = sandbox.make_workdir(str(source))
        self.workdirs.append(workdir)
        module = "student_" + self.topic_id.replace(".", "_")
        start = max(self.timeout, 10.0)
        for attempt in (1, 2):  # a zygote stopped or killed by unisolated student code is replaced once
            try:
                self.worker = self.backend(lost=attempt > 1).worker(str(copy), module, workdir, self.ctx.limits,
                                                                    timeout=self.timeout, start_timeout=start)
                break
            except sandbox.ZygoteLost as exc:
                lost = str(exc)
            except RuntimeError as exc:  # spawn: no Python process could be started at all (the host's fault)
                self.broken = sandbox.Reply("import_error", error={"message": f"{self.relpath}: {exc}"})
                return
        else:
            self.broken = sandbox.Reply("crashed", error={"message": f"{self.relpath}: could not be run: {lost}"})
            return
        self.observed.append(self.worker.isolation)
        hello = self.worker.hello
        if hello.status != "ok":
            self.broken = hello if hello.status in ("import_error", "timeout") else sandbox.Reply(
                "import_error", error={"message": f"{self.relpath}: {hello.error.get('message', 'failed')}"})
            self.worker.kill()

    def close(self) -> list[str]:
        """Kill the worker; returns its folders for the caller to remove once it has exited
        (removing a dying worker's folder waits for its mount namespace to go: ~5 ms each)."""
        if self.worker is not None:
            self.worker.kill()
        return self.workdirs


def _unreadable(source: Path, relpath: str, tree: Path) -> str | None:
    if source.is_symlink() or not source.resolve().is_relative_to(tree.resolve()):
        # it would be read as the grader's user: a link to a solution or a secret must not be graded
        return f"{relpath} is a symbolic link (or lies outside the submitted folder); submit the file itself"
    if not source.exists():
        return f"{relpath} does not exist; create it (copy the stub from the handout)"
    if not source.is_file():
        return f"{relpath} is not a regular file"
    if source.stat().st_size > 2 * 2**20:
        return f"{relpath} is larger than 2 MiB; an exercise file should be a few KB"
    return None




class GraderPlugin:
    """Registered by the runner for one pytest session."""

    def __init__(self, ctx: RunContext, zygote=None, *, close_backend: bool = True,
                 deadline: float | None = None) -> None:
        self.ctx = ctx
        # the backend handing out workers: a Zygote (a batch grader gets one forked from its
        # cleaner parent) or a SpawnPool (a warm session's, shared by its runs); None: made here
        self.zygote = zygote
        self.close_backend = close_backend
        self.deadline = deadline
        self.connections: dict[str, TopicConnection] = {}
        self.workdirs: list[str] = []
        self.json_report: dict | None = None

    def pytest_configure(self, config) -> None:
        config.addinivalue_line("markers", "grader_function(name, weight): catalogue function checked")
        # torch/pandas leave ~10^6 long-lived objects; without this, pytest's five gc.collect()
        # calls at unconfigure (unraisableexception plugin) cost ~2 s per run.
        gc.freeze()

    def pytest_sessionstart(self, session) -> None:
        if self.zygote is None:  # spawned spares start here, warming up while pytest collects
            from grader.sandbox import backend
            self.zygote = backend.start(self.ctx.hidden)

    def pytest_collection_finish(self, session) -> None:
        expect = getattr(self.zygote, "expect", None)
        if expect is not None:  # spawn: start only as many spares as this run has topics
            topics = set()
            for item in session.items:
                try:
                    topics.add(topic_of(item.path, self.ctx.specs_dir))
                except (ValueError, OSError):
                    pass
            expect(len(topics))

    def zygotes(self, lost: bool = False) -> sandbox.Zygote:
        """The zygote workers come from; `lost`: the current one stopped answering, start another."""
        if lost:
            if self.zygote.pid in processes.children_of(os.getpid()):
                processes.kill_and_reap(self.zygote.pid)
            elif self.zygote.pid > 0:  # a batch grader's zygote: its parent reaps it
                try:
                    os.kill(self.zygote.pid, signal.SIGKILL)
                except OSError:
                    pass
            self.zygote.hand_over()
            self.zygote = sandbox.ForkBackend(self.ctx.hidden).start()
        return self.zygote

    def pytest_sessionfinish(self, session) -> None:
        self.end_submission()
        if self.zygote is not None and self.close_backend:
            self.zygote.close()
        self.remove_workdirs()

    def begin_submission(self, target_dir: Path, student: str) -> None:
        """Grade another student's tree with the same session (a batch grader's next pass)."""
        if self.connections:
            self.end_submission()
        self.ctx = replace(self.ctx, target_dir=Path(target_dir).resolve(), student=student)
        self.json_report = None

    def end_submission(self) -> None:
        """Stop this submission's workers (their folders wait in `workdirs`: see remove_workdirs)."""
        for conn in self.connections.values():
            self.workdirs += conn.close()
        self.connections = {}

    def remove_workdirs(self) -> None:
        """Removing a worker's folder waits ~3 ms on the kernel releasing its mount namespace: a
        single run does it at the end, a batch grader hands them to its parent (take_workdirs)."""
        for folder in self.take_workdirs():
            shutil.rmtree(folder, ignore_errors=True)

    def take_workdirs(self) -> list[str]:
        taken, self.workdirs = self.workdirs, []
        return taken

    def connection(self, topic_id: str) -> TopicConnection:
        if topic_id not in self.connections:
            self.connections[topic_id] = TopicConnection(self.zygotes, self.ctx, topic_id, self.deadline)
        return self.connections[topic_id]

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            item.repr_failure = brief_failure  # nobody reads pytest's traceback text (--tb=no); it costs 1 ms a failure

    @pytest.fixture
    def student(self, request) -> Student:
        calls.forget_all()
        topic = topic_of(request.path, self.ctx.specs_dir)
        if topic not in self.ctx.topic_files:
            raise CallFailed(f"spec file {request.path.name} belongs to no topic in course.yaml", "error")
        return Student(topic, self.connection(topic))

    @pytest.fixture
    def rng(self, request) -> Rng:
        return Rng(derive_seed(self.ctx.seed, self.ctx.student, request.node.nodeid))

    @pytest.hookimpl(optionalhook=True)
    def pytest_json_runtest_metadata(self, item, call) -> dict:
        marker = item.get_closest_marker("grader_function")
        meta = {}
        if call.when == "setup":
            meta = {"topic": topic_of(item.path, self.ctx.specs_dir), "public": paths.is_public_spec(item.path),
                    "function": marker.args[0] if marker and marker.args else None,
                    "weight": float(marker.kwargs.get("weight", 1.0)) if marker else 1.0,
                    "title": (item.function.__doc__ or "").strip().split("\n")[0][:200] or None}
        if call.excinfo is not None or call.when == "call":
            status, message = classify(call.excinfo)
            if call.excinfo is not None or "grader_status" not in item._json_report_extra.get("metadata", {}):
                meta.update(grader_status=status, grader_message=message, grader_stage=call.when)
            if calls.printed():
                meta["grader_output"] = calls.printed()
        return meta

    @pytest.hookimpl(optionalhook=True)
    def pytest_json_modifyreport(self, json_report) -> None:
        json_report["grader_isolation"] = self.isolation()
        self.json_report = json_report

    def isolation(self) -> dict:
        """This submission's isolation, as seen from the grading process: what the zygote set up and
        what every worker it started was found to run under (never what a worker said)."""
        observed = [f for c in self.connections.values() for f in c.observed]
        try:
            zygote = self.zygote.facts() if self.zygote is not None else {}
        except sandbox.ZygoteLost:
            zygote = {}
        return isolation.combine(observed, zygote)


def brief_failure(excinfo, style=None) -> str:
    """A failed test's longrepr: the exception in one line (scores and messages come from classify)."""
    return f"{excinfo.typename}: {str(excinfo.value)[:600]}"


def classify(excinfo) -> tuple[str, str]:
    """Status and student-facing message of one test stage (never spec source or tracebacks)."""
    if excinfo is None:
        return "passed", ""
    exc = excinfo.value
    if isinstance(exc, CallFailed):
        return exc.status, clip(str(exc), 600)
    if isinstance(exc, Mismatch):
        return "failed", clip(str(exc), 600)
    if isinstance(exc, pytest.skip.Exception):
        return "skipped", str(exc)[:200]
    return "error", f"internal error in the check ({type(exc).__name__}: {str(exc)[:200]}); tell your instructor"

"""Long-lived grading processes for `grade batch`: each runs one pytest session and grades
submission after submission in it, so pytest's start-up, spec collection and its zygote are paid
once per process instead of once per student.

A grader is forked from the warm batch parent (no torch op run). It collects the job's specs once,
then for each task the parent sends it points the plugin at that student's staged tree, runs every
collected test with full setup and teardown, and sends that pass's pytest-json-report document back
over its control socket (the same document a single `runner.run` gets): a socket pair only the
grader and the parent hold, which no worker can find, open or write to. The parent enforces each task's wall clock; a
grader that overruns or dies is killed (its zygote and workers die with it), that task becomes
"could not grade", and a fresh grader takes the next one. Graders are recycled every RECYCLE tasks
so that whatever a long session accumulates stays bounded.
"""
from __future__ import annotations

import os
import pickle
import select
import shutil
import signal
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader import files, paths
from grader.course import Course, Topic
from grader.grading import runner
from grader.sandbox import processes
from grader.sandbox.handle import ForkBackend

RECYCLE = 100  # tasks per grader before a fresh fork replaces it (its memory grows ~0.8 MB a task)


@dataclass
class SubmissionTask:
    """One submission handed to a grader."""
    target_dir: Path
    student: str
    limit: float
    began: float
    parts: list = field(default_factory=list)  # the report, as it arrives on the control socket
    size: int = 0


class GraderProcess:
    """Parent-side handle of one long-lived grading process (started lazily by `submit`)."""

    def __init__(self, course: Course, topics: list[Topic], seed: int, *, hidden: tuple[str, ...] = (),
                 specs_dir: Path = paths.SPECS) -> None:
        self.course, self.topics, self.seed = course, topics, seed
        self.hidden, self.specs_dir = hidden, specs_dir
        self.pid = 0
        self.zygote: ForkBackend | None = None
        self.control: socket.socket | None = None
        self.tmp: files.OwnedTempdir | None = None
        self.task: SubmissionTask | None = None
        self.served = 0
        self.leftovers: list[str] = []

    @property
    def busy(self) -> bool:
        return self.task is not None

    def submit(self, target_dir: Path, student: str, limit: float | None = None) -> None:
        """Start grading `target_dir` as `student`; `poll()` until it returns the outcome."""
        if self.pid == 0:
            self._start()
        limit = runner.wall_clock(self.topics) if limit is None else limit
        self.task = SubmissionTask(Path(target_dir), student, limit, time.monotonic())
        try:
            self.control.send(pickle.dumps(("grade", str(target_dir), student)))
        except OSError:
            pass  # the grader is gone: poll() finds out and says so

    def poll(self) -> runner.RunOutcome | None:
        """The current task's outcome once it is done (killing the grader past its wall clock)."""
        task = self.task
        if task is None:
            return None
        answer = self._answer()
        if answer == "done" and processes.exit_status(self.pid, 0.0)[0]:
            answer = "eof"  # it exited right after: a grading process that did not live on is not trusted
        if answer != "done":
            done, status = processes.exit_status(self.pid, 5.0 if answer == "eof" else 0.0)  # eof: it is exiting
            if done:
                return self._lost(f"the grading process failed (status {status}); nothing was scored", waited=True)
            if time.monotonic() - task.began > task.limit:
                return self._lost(f"grading took longer than {task.limit:.0f} s and was stopped")
            return None
        report = runner.parse_report(b"".join(task.parts)) if task.size <= runner.MAX_REPORT else None
        error = None if report is not None else "the grading process ended without a report" + self._tail()
        return self._finish(runner.RunOutcome(report, error, time.monotonic() - task.began))

    def close(self) -> None:
        """Stop the grader (politely, then by force); it can be started again by `submit`."""
        if self.pid:
            try:
                self.control.send(pickle.dumps(("stop",)))
            except OSError:
                pass
            processes.wait_or_kill(self.pid, 5.0)
        self._forget()

    def kill(self) -> None:
        if self.pid:
            processes.kill_and_reap(self.pid)
        self._forget()

    # ------------------------------------------------------------ internals
    def _start(self) -> None:
        ctx = runner.make_context(self.course, self.course.root, self.seed, "", self.specs_dir, self.hidden)
        specs = [str(f) for t in self.topics for f in paths.spec_files(t, self.specs_dir)]
        self.tmp = files.OwnedTempdir("pool")
        # the zygote comes from this process, whose memory the grader has not dirtied (see hugepages.py)
        self.zygote = ForkBackend(ctx.hidden).start()
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:
            mine.close()
            _grader_main(ctx, specs, theirs, Path(self.tmp.name) / "pytest.log", self.zygote)
        theirs.close()
        self.zygote.hand_over()
        self.pid, self.control, self.served = pid, mine, 0

    def pids(self) -> set[int]:
        """This grader's own processes (grader and zygote) while it runs."""
        return {p for p in (self.pid, self.zygote.pid if self.zygote else 0) if p}

    def _answer(self) -> str | None:
        """'done', 'eof' (the grader closed its end), or None while it is still working; report
        parts that arrived meanwhile are kept in the task."""
        while select.select([self.control], [], [], 0)[0]:
            try:
                message = self.control.recv(1 << 20)
            except OSError:
                message = b""
            if not message:
                return "eof"
            kind, body = pickle.loads(message)  # from our own grader, which runs no student code
            if kind == "part":
                self.task.parts.append(body)
                self.task.size += len(body)
                continue
            self.leftovers += [str(d) for d in body]
            return "done"
        return None

    def tidy(self) -> None:
        """Remove the worker folders of finished tasks (call while the grader works on the next)."""
        leftovers, self.leftovers = self.leftovers, []
        for folder in leftovers:
            shutil.rmtree(folder, ignore_errors=True)

    def _lost(self, error: str, waited: bool = False) -> runner.RunOutcome:
        """The task failed with the grader: kill it (a fresh one takes the next task)."""
        if not waited:
            processes.kill_and_reap(self.pid)
        outcome = runner.RunOutcome(None, error + self._tail(), time.monotonic() - self.task.began)
        self._forget()
        return self._finish(outcome)

    def _finish(self, outcome: runner.RunOutcome) -> runner.RunOutcome:
        self.task = None
        self.served += 1
        if self.pid == 0:
            self._forget()
        elif self.served >= RECYCLE:
            self.close()
        return outcome

    def _tail(self) -> str:
        return runner.log_tail(Path(self.tmp.name) / "pytest.log") if self.tmp else ""

    def _forget(self) -> None:
        self.tidy()
        if self.pid:
            files.remove_tempdirs(self.pid)
        if self.zygote is not None:  # it stops by itself once the grader is gone; reap it
            processes.wait_or_kill(self.zygote.pid, 5.0)
            self.zygote = None
        if self.control is not None:
            self.control.close()
        if self.tmp is not None:
            self.tmp.cleanup()
        self.pid, self.control, self.tmp, self.task = 0, None, None, None


def wait_any(graders: list[GraderProcess], timeout: float) -> None:
    """Block until one of the busy `graders` has something to say, or `timeout` seconds."""
    sockets = [g.control for g in graders if g.busy and g.control is not None]
    if sockets:
        select.select(sockets, [], [], timeout)


# ---------------------------------------------------------------- inside the grading process

def _grader_main(ctx, specs: list[str], conn: socket.socket, log: Path, zygote: ForkBackend) -> None:
    code = 3
    try:
        runner.enter_grading_process(log)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        import pytest
        import torch
        from grader.batch.passes import PassLoop
        from grader.grading.plugin import GraderPlugin
        torch.set_num_threads(1)
        plugin = GraderPlugin(ctx, zygote)
        pytest.main(runner.pytest_args(ctx, specs), plugins=[plugin, PassLoop(plugin, conn)])
        code = 0
    except BaseException:
        import traceback
        traceback.print_exc()  # into pytest.log, which the parent quotes in its error
    finally:
        processes.kill_descendants(os.getpid())
        os._exit(code)

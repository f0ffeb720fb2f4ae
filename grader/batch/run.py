"""Grade a folder of submissions with a pool of grading processes forked from one warm parent.

Each submission (a folder or a .zip per student) is staged into a private temp folder — regular
files only, size-capped, no path from the archive ever used as a destination — then handed to one
of `jobs` long-lived graders (pool.py); the parent polls them, scores, and writes each report
atomically. A report already written for the same target, seed and specs is skipped, so a killed
run resumes where it stopped. The parent imports torch but never runs a torch op (forking after one can deadlock).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader import files, formats, paths, report
from grader.batch import hugepages, pool
from grader.batch.submissions import Submission, check_manifest, stage
from grader.course import Course, Topic
from grader.grading import job as grading_job
from grader.grading import runner, session
from grader.sandbox import processes

STALE_TEMP = 60.0  # seconds after which a leftover temp file of an atomic write is removed


@dataclass(frozen=True)
class BatchSettings:
    """What every submission of one batch is graded on."""
    course: Course
    topics: tuple[Topic, ...]
    target: str
    quiz_days: tuple[str, ...]
    seed: int
    out: Path
    formats: tuple[str, ...] = ()
    limit: float | None = None
    force: bool = False
    allow_unisolated: bool = False  # grade where full isolation is not available (reports marked advisory)


@dataclass
class SubmissionResult:
    """How one submission went: its report (None when skipped) and the wall time it took."""
    student: str
    data: dict | None
    seconds: float
    skipped: bool = False


@dataclass
class Summary:
    done: list[SubmissionResult] = field(default_factory=list)


# ---------------------------------------------------------------- pure helpers

def in_shard(student: str, index: int, count: int) -> bool:
    """True when `student` belongs to shard `index` of `count` (1-based; stable across machines)."""
    digest = hashlib.sha256(student.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def parse_shard(text: str) -> tuple[int, int]:
    """'3/10' -> (3, 10); ValueError with the expected form otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise ValueError(f"--shard {text!r}: write I/N with 1 <= I <= N, e.g. --shard 2/4")
    return int(match.group(1)), int(match.group(2))


# ---------------------------------------------------------------- grading

def already_done(path: Path, job: BatchSettings, student: str, digest: str) -> dict | None:
    """The report at `path` when it is valid and for the same student, target, seed, specs and
    points, and graded without a run error (such reports are retried); else None."""
    if job.force or not path.is_file():
        return None
    try:
        data = report.load(path)
    except ValueError:
        return None
    same = (data["student"], data["target"], data["seed"], data["specs_digest"], data["error"]) == \
        (student, job.target, job.seed, digest, None) and (data["isolation"].get("full") is True or job.allow_unisolated)
    points = {t["id"]: t["max_score"] for d in data["days"] for t in d["topics"]}
    return data if same and points == {t.id: t.max_score for t in job.topics} else None  # points may change


def run_batch(job: BatchSettings, subs: list[Submission], *, jobs: int, on_done=None, hidden=()) -> Summary:
    """Grade `subs` with at most `jobs` runs at a time; `on_done(outcome)` after each one."""
    summary = Summary()
    digest = grading_job.specs_digest(list(job.topics))
    _remove_stale_temps(job.out)
    todo = []
    for sub in subs:
        data = already_done(job.out / f"{sub.student}.json", job, sub.student, digest)
        if data is None:
            todo.append(sub)
            continue
        _finish(summary, SubmissionResult(sub.student, data, 0.0, skipped=True), on_done)
        for fmt in job.formats:  # a run killed between the report and its formats
            if not (job.out / f"{sub.student}{formats.SUFFIX[fmt]}").is_file():
                formats.save(fmt, data, job.out / f"{sub.student}{formats.SUFFIX[fmt]}")
    if not todo:
        return summary
    with session.warm_session():  # every heavy import too: a batch is long-lived
        hugepages.collapse_anonymous_memory()  # graders, zygotes and ~16 workers a student fork from this
        _grade_all(job, todo, summary, jobs, on_done, hidden)
    return summary


def _grade_all(job: BatchSettings, todo: list[Submission], summary: Summary, jobs: int, on_done, hidden) -> None:
    """Keep `jobs` graders busy until every submission in `todo` has a report."""
    staging = Path(files.owned_tempdir("batch"))
    hide = _hideable((*hidden, staging, job.out))
    graders = [pool.GraderProcess(job.course, list(job.topics), job.seed, hidden=hide) for _ in range(max(1, jobs))]
    running: dict[pool.GraderProcess, tuple[Submission, Path, dict | None]] = {}

    def keep_busy(grader: pool.GraderProcess) -> None:
        while todo and not grader.busy:  # a submission that cannot be staged is scored at once
            _launch(job, todo.pop(0), staging, grader, running, summary, on_done)

    try:
        for grader in graders:
            keep_busy(grader)
        while running:
            pool.wait_any(list(running), timeout=0.1)
            for grader, (sub, tree, handed_in) in list(running.items()):
                outcome = grader.poll()
                if outcome is None:
                    continue
                del running[grader]
                keep_busy(grader)  # the grader starts on the next one while this one is scored
                data = _scored(job, sub.student, tree, outcome, handed_in)
                shutil.rmtree(tree.parent, ignore_errors=True)
                grader.tidy()
                _finish(summary, SubmissionResult(sub.student, data, outcome.elapsed), on_done)
                if outcome.error or len(summary.done) % 20 == 0:  # escapees come from killed graders
                    _reap_strays(set().union(*(g.pids() for g in graders)))
    finally:
        for grader in graders:
            grader.kill()
        shutil.rmtree(staging, ignore_errors=True)


def _launch(job: BatchSettings, sub: Submission, staging: Path, grader: pool.GraderProcess, running: dict, summary, on_done) -> None:
    """Stage one submission and hand it to `grader`; one that cannot be staged is scored at once."""
    began = time.monotonic()
    dest = Path(tempfile.mkdtemp(prefix="s-", dir=staging))
    handed_in = check_manifest(sub)
    try:
        tree = stage(sub, [d.id for d in job.course.days], job.topics, job.quiz_days, dest)
    except (ValueError, OSError) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        outcome = runner.RunOutcome(None, f"could not read the submission: {exc}", 0.0)
        data = _scored(job, sub.student, dest / "exercises", outcome, handed_in)
        _finish(summary, SubmissionResult(sub.student, data, time.monotonic() - began), on_done)
        return
    grader.submit(tree, sub.student, job.limit)
    running[grader] = (sub, tree, handed_in)


def _scored(job: BatchSettings, student: str, tree: Path, outcome: runner.RunOutcome,
            handed_in: dict | None = None) -> dict:
    """Score a run's outcome like `grade dayN` does, add quizzes from the staged answers and the
    hand-in check (`submission`), write it."""
    built = grading_job.report_from(job.course, list(job.topics), outcome, quiz_sections(job, tree.parent / "answers"),
                                    seed=job.seed, student=student, target=job.target, submission=handed_in)
    data = report.to_dict(built)
    if data["isolation"].get("full") is not True:  # established by the grading process (see plugin.isolation)
        data["isolation"]["advisory"] = True
    report.write_json(data, job.out / f"{student}.json")
    for fmt in job.formats:
        formats.save(fmt, data, job.out / f"{student}{formats.SUFFIX[fmt]}")
    return data


def quiz_sections(job: BatchSettings, answers: Path) -> dict[str, list[dict]]:
    """Quiz results from a submission's answers folder (a missing file means not answered).

    Scored in a short-lived child: the answer key never enters this process, whose memory every
    grader, zygote and sandbox worker of the batch is forked from (freed memory is not wiped)."""
    if not job.quiz_days:
        return {}
    return _in_child(_quiz_sections, job, answers)


def _quiz_sections(job: BatchSettings, answers: Path) -> dict[str, list[dict]]:
    return grading_job.quiz_sections(job.course, job.quiz_days, answers)


def _in_child(fn, *args):
    """fn(*args) in a forked child, its JSON result read back; its exception re-raised as QuizError."""
    from grader.quiz.bank import QuizError
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            text, code = json.dumps({"ok": fn(*args)}), 0
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
            text, code = json.dumps({"error": str(exc) or type(exc).__name__}), 1
        with os.fdopen(write, "w", encoding="utf-8") as fh:
            fh.write(text)
        os._exit(code)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as fh:
        text = fh.read()
    os.waitpid(pid, 0)
    result = json.loads(text) if text else {"error": "the quiz scorer died"}
    if "error" in result:
        raise QuizError(result["error"])
    return result["ok"]


def _finish(summary: Summary, outcome: SubmissionResult, on_done) -> None:
    summary.done.append(outcome)
    if on_done is not None:
        on_done(outcome)


def _reap_strays(active: set[int]) -> None:
    """Kill and reap processes re-parented to us (escapees of a killed run), never the active runs."""
    for pid in processes.children_of(os.getpid()):
        if pid in active:
            continue
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass


def _hideable(folders) -> tuple[str, ...]:
    """Folders student code must not see, minus any that hold what workers need (python, grader, tmp)."""
    needed = [Path(p).resolve() for p in (sys.prefix, sys.base_prefix, paths.PACKAGE,
                                          tempfile.gettempdir(), *filter(None, sys.path))]
    safe = []
    for p in map(lambda x: Path(x).resolve(), folders):
        if p.is_dir() and not any(n == p or p in n.parents for n in needed):
            safe.append(str(p))
    return tuple(safe)


def _remove_stale_temps(out: Path) -> None:
    """Drop temp files a killed run left behind (`.alice.json.x1y2`); fresh ones may be another run's."""
    if not out.is_dir():
        return
    now = time.time()
    for path in out.glob(".*"):
        try:
            if path.is_file() and re.search(r"\.(json|xml)\.", path.name) and now - path.stat().st_mtime > STALE_TEMP:
                path.unlink()
        except OSError:
            pass

"""The spawn backend (issue 16): workers started without fork, as on Windows and macOS.

Two ways to get it here: `GRADE_SANDBOX=spawn` on Linux, and `PYTHONPATH=tests/nofork`, whose
sitecustomize removes os.fork/os.forkpty and makes `import resource` fail (a fork-less host).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grading_helpers import COURSE, ROOT, function_scores, grade_tree

NOFORK = ROOT / "tests" / "nofork"
SPAWN_ENV = {"GRADE_SANDBOX": "spawn"}
NOFORK_ENV = {"PYTHONPATH": f"{ROOT}{os.pathsep}{NOFORK}"}


def grade_cli(*args, env_extra=None, timeout=900, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_", "GRADE_"))}
    env.update({"PYTHONPATH": str(ROOT), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


# ---------------------------------------------------------------- choosing the backend
@pytest.mark.parametrize("value, expected", [("fork", "fork"), ("spawn", "spawn"), ("auto", "fork"), ("", "fork"),
                                             (" Spawn ", "spawn")])
def test_grade_sandbox_chooses_the_backend(monkeypatch, value, expected):
    from grader.sandbox import backend
    monkeypatch.setenv("GRADE_SANDBOX", value)
    assert backend.name() == expected  # this Linux host can fork


def test_an_unknown_backend_is_a_one_line_usage_error(tmp_path):
    proc = grade_cli("day1", "--solutions", "--report", str(tmp_path / "r.json"), env_extra={"GRADE_SANDBOX": "vfork"})
    assert proc.returncode == 2, proc.stderr
    assert "GRADE_SANDBOX='vfork'" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_without_fork_the_grader_imports_picks_spawn_and_refuses_forced_fork():
    code = ("import sys, os; from grader.sandbox import backend, handle, spawn, isolation, processes; "
            "from grader.grading import plugin, runner, session; import grader.batch.run; "
            "assert not hasattr(os, 'fork'); assert backend.name() == 'spawn', backend.name(); "
            "assert processes._libc._lib is None and isolation._libc._lib is None; "
            "assert sys.modules.get('resource') is None; "
            "os.environ['GRADE_SANDBOX'] = 'fork'\n"
            "try:\n    backend.name()\nexcept backend.BackendError as e:\n    print('refused:', e)\n")
    env = {**os.environ, **NOFORK_ENV}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "refused: GRADE_SANDBOX=fork: this host cannot fork" in proc.stdout


def test_exit_codes_are_described_in_the_fork_backends_words():
    from grader.sandbox.handle import describe_exit, describe_exitcode
    for status, code in ((0, 0), (1 << 8, 1), (9, -9), (11, -11), (70 << 8, 70)):
        assert describe_exit(status) == describe_exitcode(code)
    assert "SIGSEGV" in describe_exitcode(0xC0000005)  # a Windows access violation reads like a segfault
    assert describe_exitcode(None) == "the process stopped responding during the call"


# ---------------------------------------------------------------- the pool on its own
def test_a_pool_serves_calls_replaces_a_killed_worker_and_leaves_nothing(tmp_path):
    from grader.sandbox import handle
    from grader.sandbox.spawn import SpawnPool
    source = tmp_path / "calc.py"
    source.write_text("import time\n\ndef add(a, b):\n    return a + b\n\ndef hang():\n    while True:\n"
                      "        pass\n\ndef big():\n    return 'x' * 10\n", encoding="utf-8")
    pool = SpawnPool(spares=1).start()
    try:
        workdir, copy = handle.make_workdir(str(source))
        worker = pool.worker(copy, "student_calc", workdir, {}, timeout=2.0, start_timeout=30.0)
        assert worker.hello.status == "ok", worker.hello
        assert worker.isolation["backend"] == "spawn" and worker.isolation["worker_process"] is True
        assert worker.isolation["cpu_limit"] is True and worker.isolation["memory_limit"] is True
        assert worker.call("add", (2, 3), {}).result == 5
        reply = worker.call("hang", (), {}, timeout=1.0)
        assert reply.status == "timeout" and "timed out after 1 s" in reply.error["message"]
        assert not worker.proc.is_alive()
        second = pool.worker(copy, "student_calc", workdir, {}, timeout=2.0, start_timeout=60.0)
        assert second.call("add", (1, 1), {}).result == 2
        procs = [worker.proc, second.proc] + [s.proc for s in pool.spares]
    finally:
        pool.close()
    assert not any(p.is_alive() for p in procs)


# ---------------------------------------------------------------- whole commands
@pytest.mark.slow
def test_grade_check_holds_under_spawn():
    """Every solution full marks, every stub zero, hints complete: with spawned workers (the nofork
    host grades every day's solutions and stubs below)."""
    proc = grade_cli("check", env_extra=SPAWN_ENV)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("day", [d.id for d in COURSE.days])
def test_nofork_day_solutions_full_marks_and_stubs_zero(day, tmp_path):
    solved = grade_cli(day, "--solutions", "--report", str(tmp_path / "s.json"), env_extra=NOFORK_ENV)
    assert solved.returncode == 0, solved.stdout[-3000:] + solved.stderr[-2000:]
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["score"] == data["max_score"] > 0 and data["error"] is None
    assert data["isolation"]["backend"] == "spawn" and data["isolation"]["rlimits"] is False
    stubs = grade_cli(day, "--exercises", str(ROOT / "exercises"), "--report", str(tmp_path / "e.json"),
                      env_extra=NOFORK_ENV)
    assert stubs.returncode == 1 and "Traceback" not in stubs.stderr
    code = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert sum(t["score"] for d in code["days"] for t in d["topics"]) == 0 and code["error"] is None


@pytest.mark.slow
def test_spawned_day_report_records_the_backend_and_its_limits(tmp_path):
    proc = grade_cli("day1", "--solutions", "--report", str(tmp_path / "r.json"), env_extra=SPAWN_ENV)
    assert proc.returncode == 0, proc.stderr
    iso = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["isolation"]
    assert iso["backend"] == "spawn" and iso["call_timeouts"] == "kill" and iso["reply_limit_mb"] > 0
    assert iso["rlimits"] is True and iso["cpu_limit"] is True and iso["memory_limit"] is True
    assert iso["separate_uid"] is False and iso["hidden_folders"] is False


@pytest.mark.slow
def test_batch_under_spawn_refuses_with_one_line(tmp_path):
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    proc = grade_cli("batch", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), env_extra=SPAWN_ENV)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "grade batch needs fork-based workers" in proc.stderr


# ---------------------------------------------------------------- mutants lose points as under fork (a sample)
SAMPLE = ["day1.calculus", "day2.indexing", "day3.autograd", "day4.activations"]


@pytest.mark.slow
@pytest.mark.parametrize("topic_id", SAMPLE)
def test_mutants_lose_points_under_spawn_as_under_fork(topic_id, tmp_path, monkeypatch):
    """The first batch of each sampled topic's mutants (tests/test_mutants.py has them all, under fork)."""
    from grader.grading.mutants import build_tree, mutants_of, pack
    topic = COURSE.topic(topic_id)
    batch = pack(mutants_of(ROOT / "tests" / "mutants", topic))[0]
    tree = build_tree(tmp_path / "b", ROOT / "solutions", topic, batch)
    verdicts = {}
    for sandbox in ("fork", "spawn"):
        monkeypatch.setenv("GRADE_SANDBOX", sandbox)
        verdicts[sandbox] = function_scores(grade_tree(tree, [topic], seed=7))
    assert verdicts["spawn"] == verdicts["fork"]
    for mutant in batch:
        got, most = verdicts["spawn"][(topic.id, mutant.function)]
        assert got < most, f"{mutant.function} kept its points under spawn"


def test_windows_job_object_structures_have_the_documented_x64_layout():
    """winjob cannot run here, but its structures can be checked against the Win32 x64 sizes."""
    import ctypes
    from grader.sandbox import winjob
    assert ctypes.sizeof(winjob._Basic) == 64           # JOBOBJECT_BASIC_LIMIT_INFORMATION
    assert ctypes.sizeof(winjob._Extended) == 144       # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
    assert ctypes.sizeof(winjob._MemoryCounters) == 80  # PROCESS_MEMORY_COUNTERS_EX
    assert winjob._Extended.ProcessMemoryLimit.offset == 112

"""pool.GraderProcess: one pytest session grading many submissions must judge each exactly as a fresh
single run does, whatever the submission before it did, and survive overruns and deaths."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from grader.batch import pool
from grader.grading import runner, session
from grader import files
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
TOPICS = [COURSE.topic(t) for t in ("day1.calculus", "day2.joining", "day4.activations")]
HANG = "\n\ndef cat_on(tensors, dim):\n    while True:\n        pass\n"
# a worker that breaks torch for everything after it, exits at the second call, and prints a lot
SABOTAGE = """
import torch, sys
torch.cat = lambda *a, **k: torch.zeros(1)
torch.Tensor.__eq__ = lambda self, other: True
print("x" * 100000)
_calls = [0]
def stack_on(tensors, dim):
    _calls[0] += 1
    if _calls[0] > 1:
        sys.exit(0)
    return torch.zeros(1)
"""


@pytest.fixture(scope="module", autouse=True)
def warm():
    session.warm_up(TOPICS)


def tree_with(tmp_path: Path, name: str, extra: dict[str, str]) -> Path:
    """A copy of the solutions for TOPICS, with `extra` appended to some files."""
    tree = tmp_path / name
    for topic in TOPICS:
        dest = tree / topic.file
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text((ROOT / "solutions" / topic.file).read_text() + extra.get(topic.file, ""))
    return tree


def verdicts(json_report: dict) -> dict[str, tuple]:
    """nodeid -> (outcome, grader status, grader message): everything scoring reads."""
    found = {}
    for test in json_report["tests"]:
        meta = test.get("metadata", {})
        found[test["nodeid"]] = (test["outcome"], meta.get("grader_status"), meta.get("grader_message"))
    return found


def pass_through(grader: pool.GraderProcess, tree: Path, student: str = "s", limit=None) -> runner.RunOutcome:
    grader.submit(tree, student, limit)
    began = time.monotonic()
    while (outcome := grader.poll()) is None:
        assert time.monotonic() - began < 120, "the grader never answered"
        time.sleep(0.01)
    return outcome


def test_each_pass_matches_a_fresh_single_run(tmp_path):
    trees = [tree_with(tmp_path, "hostile", {"day2/joining.py": SABOTAGE}),
             ROOT / "solutions", ROOT / "exercises",
             tree_with(tmp_path, "wrong", {"day4/activations.py": "\n\ndef relu(x):\n    return x.abs()\n"}),
             ROOT / "solutions"]
    grader = pool.GraderProcess(COURSE, TOPICS, seed=3)
    try:
        passes = [pass_through(grader, tree, f"s{i}") for i, tree in enumerate(trees)]
    finally:
        grader.close()
    for i, (tree, got) in enumerate(zip(trees, passes)):
        alone = runner.run(COURSE, tree, TOPICS, 3, f"s{i}")
        assert got.error is None and alone.error is None
        assert verdicts(got.json_report) == verdicts(alone.json_report), f"pass {i} ({tree.name}) differs"
    full = [v for v in verdicts(passes[1].json_report).values()]
    assert full and all(v[0] == "passed" for v in full)  # the sabotage before it cost it nothing
    assert not any(v[0] == "passed" for v in verdicts(passes[2].json_report).values())


def test_an_overrun_kills_the_grader_and_the_next_task_gets_a_fresh_one(tmp_path):
    grader = pool.GraderProcess(COURSE, TOPICS, seed=0)
    try:
        outcome = pass_through(grader, tree_with(tmp_path, "hang", {"day2/joining.py": HANG}), limit=3.0)
        assert outcome.json_report is None and outcome.error.startswith("grading took longer than 3 s")
        assert grader.pid == 0 and not grader.busy
        outcome = pass_through(grader, ROOT / "solutions")
        assert outcome.error is None and all(v[0] == "passed" for v in verdicts(outcome.json_report).values())
    finally:
        grader.close()


def test_a_grader_killed_mid_task_is_reported_and_replaced():
    grader = pool.GraderProcess(COURSE, TOPICS, seed=0)
    try:
        grader.submit(ROOT / "solutions", "s")
        first = grader.pid
        os.kill(first, signal.SIGKILL)
        while (outcome := grader.poll()) is None:
            time.sleep(0.01)
        assert outcome.json_report is None and "grading process failed" in outcome.error
        outcome = pass_through(grader, ROOT / "solutions")
        assert outcome.error is None and grader.pid not in (0, first)
    finally:
        grader.close()


def test_graders_are_recycled(monkeypatch):
    monkeypatch.setattr(pool, "RECYCLE", 2)
    grader = pool.GraderProcess(COURSE, [COURSE.topic("day1.calculus")], seed=0)
    try:
        pids = []
        for _ in range(3):
            grader.submit(ROOT / "exercises", "s")
            pids.append(grader.pid)
            while grader.poll() is None:
                time.sleep(0.01)
        assert pids[0] == pids[1] != pids[2]
    finally:
        grader.close()
    assert grader.pid == 0


def test_orphaned_worker_folders_are_removed_and_live_ones_kept(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()  # a pid that has exited
    dead = [tmp_path / f"grade-{kind}-{gone}-abc" for kind in ("w", "run", "pool", "batch")]
    alive = tmp_path / f"grade-w-{os.getpid()}-def"
    for folder in (*dead, alive):
        folder.mkdir()
        (folder / "calculus.py").write_text("x = 1\n")
    files.remove_tempdirs()
    assert not any(d.exists() for d in dead) and alive.exists()
    files.remove_tempdirs(os.getpid())
    assert not alive.exists()


def test_huge_page_regions_are_the_aligned_part_of_private_anonymous_mappings():
    from grader.batch import hugepages
    mib = 1 << 20
    line = f"{3 * mib:x}-{9 * mib:x} rw-p 00000000 00:00 0 \n"
    assert hugepages._anonymous_region(line) == (4 * mib, 8 * mib)
    heap = f"{2 * mib:x}-{6 * mib:x} rw-p 00000000 00:00 0          [heap]\n"
    assert hugepages._anonymous_region(heap) == (2 * mib, 6 * mib)
    assert hugepages._anonymous_region(f"{2 * mib:x}-{3 * mib:x} rw-p 00000000 00:00 0 \n") is None  # < 2 MiB
    assert hugepages._anonymous_region(f"{2 * mib:x}-{8 * mib:x} r--p 00000000 00:00 0 \n") is None
    assert hugepages._anonymous_region(f"{2 * mib:x}-{8 * mib:x} rw-p 00000000 08:01 42 /usr/lib/x.so\n") is None
    assert hugepages._anonymous_region(f"{2 * mib:x}-{8 * mib:x} rw-p 00000000 00:00 0 [stack]\n") is None


def test_collapsing_backs_the_heap_with_huge_pages_where_the_kernel_can():
    import subprocess
    import sys
    code = ("import numpy; from grader.batch import hugepages; x = [str(i) * 20 for i in range(400000)]; "
            "print(hugepages.collapse_anonymous_memory(), [int(l.split()[1]) for l in open('/proc/self/smaps_rollup') "
            "if l.startswith('AnonHugePages')][0])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    collapsed, huge_kb = map(int, done.stdout.split())
    if collapsed == 0:
        pytest.skip("this kernel has no MADV_COLLAPSE (Linux < 6.1) or no transparent huge pages")
    assert huge_kb >= collapsed * 1024 // 2  # most of what was collapsed is still backed by huge pages

"""Benchmark: `grade DAY --solutions` with spawned workers against forked ones.

Both backends are timed side by side, alternating, in one run (GRADE_SANDBOX=spawn vs
GRADE_SANDBOX=fork, each a fresh `python -m grader.cli`), several rounds; the medians, the CPU time
of each (all processes) and the median ratio are printed (goal: spawn within 2x of fork). Spawned
workers each import torch, numpy and pandas again, so the figure depends on the number of cores:
on a 2-core machine their imports compete with the grading process's own.
Usage: python benchmarks/spawn_vs_fork.py [day1] [rounds]
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and everything it started)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    day = sys.argv[1] if len(sys.argv) > 1 else "day1"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    base = {k: v for k, v in os.environ.items() if k != "GRADE_SANDBOX"}
    base["PYTHONPATH"] = str(ROOT)
    times: dict[str, list[tuple[float, float]]] = {"fork": [], "spawn": []}
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "grader.cli", day, "--solutions", "--report", f"{tmp}/r.json"]
        for _ in range(rounds):
            for backend in ("fork", "spawn"):
                times[backend].append(timed(cmd, {**base, "GRADE_SANDBOX": backend}))
            ratios.append(times["spawn"][-1][0] / times["fork"][-1][0])
    print(f"{day} --solutions over {rounds} rounds on {os.cpu_count()} cores (load {os.getloadavg()[0]:.1f}):")
    print(f"{'backend':<8}{'median wall':>12}{'median CPU':>12}   rounds (wall s)")
    for backend, runs in times.items():
        walls = [w for w, _ in runs]
        print(f"{backend:<8}{statistics.median(walls):>10.2f} s{statistics.median(c for _, c in runs):>10.2f} s   "
              + " ".join(f"{w:.1f}" for w in walls))
    print(f"median ratio spawn/fork: {statistics.median(ratios):.2f} (goal <= 2)")


if __name__ == "__main__":
    main()

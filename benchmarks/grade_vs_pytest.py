"""Benchmark: `grade DAY --solutions` against a bare in-process pytest of the same spec files.

Both are timed side by side in one run, several rounds, and the median ratio is printed
(goal: <= 1.25). The baseline imports the solutions into the pytest process (no sandbox), so the
ratio is the price of isolation plus reporting. Usage: python benchmarks/grade_vs_pytest.py [day1] [rounds]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def main() -> None:
    day = sys.argv[1] if len(sys.argv) > 1 else "day1"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        grade = [sys.executable, "-m", "grader.cli", day, "--solutions", "--report", f"{tmp}/r.json"]
        bare = [sys.executable, "-m", "pytest", "-q", "-p", "benchmarks.inprocess_plugin", "-p", "no:cacheprovider",
                "-c", str(ROOT / "grader/specs/pytest.ini"), "--rootdir", str(ROOT / "grader/specs"),
                "--import-mode=importlib", str(ROOT / "grader/specs" / day)]
        ratios, g_times, p_times = [], [], []
        for _ in range(rounds):
            g, p = timed(grade, env), timed(bare, env)
            g_times.append(g)
            p_times.append(p)
            ratios.append(g / p)
    print(f"{day}: grade --solutions median {statistics.median(g_times):.2f} s, "
          f"bare pytest median {statistics.median(p_times):.2f} s over {rounds} rounds")
    print(f"median ratio grade/pytest: {statistics.median(ratios):.2f} (goal <= 1.25)")


if __name__ == "__main__":
    main()

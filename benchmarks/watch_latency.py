"""Save-to-verdict latency of `grade watch`: rewrite a topic file N times, time each new verdict.

Runs the real command in a throw-away course folder (course.yaml + the topic's reference solution
as the "student" file), so reports land there, not in your reports/. Prints the median and spread
of the raw latency and of the latency minus the checks' own run time (student code + comparisons,
as the report's test durations record it).

    python benchmarks/watch_latency.py [--topic day1.calculus] [--saves 20]
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERDICT = "Score:"


def make_course(tmp: Path, topic_id: str) -> Path:
    """A course folder whose exercise file for `topic_id` is the reference solution."""
    day, name = topic_id.split(".")
    shutil.copy(ROOT / "course.yaml", tmp / "course.yaml")
    (tmp / "exercises" / day).mkdir(parents=True)
    target = tmp / "exercises" / day / f"{name}.py"
    shutil.copy(ROOT / "solutions" / day / f"{name}.py", target)
    return target


def start_watch(course: Path, topic_id: str) -> tuple[subprocess.Popen, "queue.Queue[tuple[float, str]]"]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", "--course", str(course), "watch", topic_id],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:
            lines.put((time.monotonic(), line.rstrip("\n")))
        lines.put((time.monotonic(), None))
    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def next_verdict(lines: "queue.Queue", timeout: float) -> tuple[float, str]:
    """Wait for the next score line; returns (when it was read, the line)."""
    deadline = time.monotonic() + timeout
    while True:
        when, line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        if line is None:
            raise RuntimeError("grade watch exited early")
        if line.startswith(VERDICT):
            return when, line


def checks_time(report: Path) -> float:
    data = json.loads(report.read_text())
    return sum(t["duration"] for d in data["days"] for tp in d["topics"] for t in tp["tests"])


def measure(topic_id: str, saves: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as tmp:
        course = Path(tmp)
        target = make_course(course, topic_id)
        source = target.read_text()
        proc, lines = start_watch(course, topic_id)
        raw, net = [], []
        try:
            next_verdict(lines, 120)  # the initial grading (includes importing torch)
            for i in range(saves):
                time.sleep(0.3)
                target.write_text(source + f"\n# save {i}\n")
                saved = time.monotonic()
                when, _ = next_verdict(lines, 60)
                raw.append(when - saved)
                net.append(raw[-1] - checks_time(course / "reports" / f"{topic_id}.json"))
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(timeout=30)
    return {"raw": raw, "net": net, "exit_code": code}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topic", default="day1.calculus")
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    result = measure(args.topic, args.saves)
    for key, label in (("raw", "save -> verdict"), ("net", "minus checks' run time")):
        xs = sorted(result[key])
        print(f"{label:<24} median {statistics.median(xs):.3f} s   min {xs[0]:.3f}   "
              f"p90 {xs[int(0.9 * (len(xs) - 1))]:.3f}   max {xs[-1]:.3f}   (n={len(xs)})")
    print(f"topic {args.topic}; Ctrl-C exit code {result['exit_code']}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

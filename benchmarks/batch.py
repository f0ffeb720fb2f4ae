"""Benchmark: `grade batch` over a generated class against the naive way (one pytest process per
submission and day), timed in one run. Not a test.

The class mixes reference solutions, untouched stubs and solutions with one or two known-wrong
variants from tests/mutants/ appended (some as exercises/ trees, some as bare day folders, some
zipped). The naive way runs `python -m pytest` with pytest-json-report once per submission and
day, importing the student file into that process (no sandbox: cheaper than ours, so the ratio is
conservative); it runs on a sample with the class's mix of kinds and the same parallelism, and is
extrapolated to the class. Bytecode caches are on for both and warmed before timing.
Peak memory is the largest sampled sum over the process tree (RSS, and PSS which counts shared
pages once). Goals: ratio >= 10, <= 2 s per submission for all days on 2 cores, <= 2 GB.

Usage: python benchmarks/batch.py [N=100] [--sample 10] [--jobs 2] [--target all] [--keep DIR]
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.course import load_course  # noqa: E402

COURSE = load_course(ROOT)
MUTANTS = ROOT / "tests" / "mutants"
# Both sides run as on an instructor's machine: bytecode caches written and used (some hosts set
# PYTHONDONTWRITEBYTECODE, which makes every naive process recompile the grader and the specs).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def make_class(folder: Path, n: int, seed: int = 1) -> dict[str, str]:
    """n submissions in `folder`; returns student -> kind (solution, stub, mutant)."""
    rng = random.Random(seed)
    mutants = sorted(MUTANTS.glob("day*/*/*.py"))
    kinds = {}
    for i in range(n):
        student = f"s{i:03d}"
        kind = ("solution", "stub", "mutant", "mutant")[i % 4] if mutants else ("solution", "stub")[i % 2]
        layout = (folder / student / "exercises") if i % 3 else (folder / student)
        shutil.copytree(ROOT / ("exercises" if kind == "stub" else "solutions"), layout,
                        ignore=shutil.ignore_patterns("__pycache__"))
        if kind == "mutant":
            for path in rng.sample(mutants, 2):
                day, topic = path.parts[-3], path.parts[-2]
                with open(layout / day / f"{topic}.py", "a", encoding="utf-8") as fh:
                    fh.write(f"\n\n# ---- mutant {path.name}\n" + path.read_text(encoding="utf-8"))
        if i % 10 == 9:  # every tenth one arrives zipped
            _zip(folder / student, folder / f"{student}.zip")
        kinds[student] = kind
    return kinds


def _zip(tree: Path, archive: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(tree.rglob("*")):
            if path.is_file():
                zf.write(path, Path(tree.name) / path.relative_to(tree))
    shutil.rmtree(tree)


def tree_of(sub: Path, tmp: Path) -> Path:
    """The exercises folder of a submission (unzipped into tmp for the naive way)."""
    if sub.suffix == ".zip":
        with zipfile.ZipFile(sub) as zf:
            zf.extractall(tmp / sub.stem)
        sub = tmp / sub.stem / sub.stem
    return sub / "exercises" if (sub / "exercises").is_dir() else sub


class MemorySampler(threading.Thread):
    """Sums RSS and PSS of a process and all its descendants every `every` seconds; keeps the peaks.

    Reading PSS walks every page table of every process (~0.1 s of CPU per sample here), CPU the
    batch then lacks: RSS every `every` s, PSS every `pss_every` samples; reports the cost (`cpu`)."""

    def __init__(self, pid: int, every: float = 0.5, pss_every: int = 6) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.pss_every, self.stop = pid, every, pss_every, threading.Event()
        self.peak_rss = self.peak_pss = 0
        self.cpu = 0.0

    def run(self) -> None:
        try:
            self.sample()
        finally:
            self.cpu = time.thread_time()

    def sample(self) -> None:
        rounds = 0
        while not self.stop.is_set():
            tree = self.tree()
            self.peak_rss = max(self.peak_rss, sum(_kb(f"/proc/{pid}/status", "VmRSS:") for pid in tree))
            if rounds % self.pss_every == 0:
                self.peak_pss = max(self.peak_pss, sum(_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in tree))
            rounds += 1
            self.stop.wait(self.every)

    def tree(self) -> list[int]:
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_bytes()
                    parents[int(entry)] = int(stat[stat.rfind(b")") + 2:].split()[1])
                except (OSError, ValueError, IndexError):
                    pass
        found, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [p for p, pp in parents.items() if pp in frontier]
            found += frontier
        return found


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_batch(subs: Path, out: Path, jobs: int, target: list[str]) -> tuple[float, float, MemorySampler]:
    cmd = [sys.executable, "-m", "grader.cli", "batch", str(subs), "--out", str(out), "--jobs", str(jobs), *target]
    cpu, start = cpu_children(), time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    output, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"grade batch failed ({proc.returncode}):\n{output[-2000:]}")
    print(output.strip().splitlines()[-7:] and "\n".join(output.strip().splitlines()[-7:]))
    return elapsed, cpu_children() - cpu, sampler


def naive_commands(name: str, tree: Path, days: list[str], report_dir: Path) -> list[tuple[list[str], dict]]:
    """One `python -m pytest` + pytest-json-report per day, student code imported in-process."""
    cmds = []
    for day in days:
        specs = sorted(str(p) for p in (ROOT / "grader" / "specs" / day).glob("test_*.py"))
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "benchmarks.inprocess_plugin", "-p", "pytest_jsonreport.plugin",
               "-p", "no:cacheprovider", "-c", str(ROOT / "grader/specs/pytest.ini"), "--rootdir",
               str(ROOT / "grader/specs"), "--import-mode=importlib", "--json-report",
               f"--json-report-file={report_dir / f'{name}-{day}.json'}", *specs]
        env = {**ENV, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
               "INPROCESS_TARGET": str(tree), "MPLBACKEND": "Agg"}
        cmds.append((cmd, env))
    return cmds


def time_naive(sample: list[Path], days: list[str], jobs: int, tmp: Path) -> tuple[float, float, int]:
    """Wall and CPU time of the naive way over `sample`, `jobs` processes at a time."""
    tmp.mkdir(parents=True, exist_ok=True)
    cmds = [c for sub in sample for c in naive_commands(sub.stem, tree_of(sub, tmp), days, tmp)]
    for cmd, env in naive_commands("warm", ROOT / "solutions", days, tmp / "warm"):  # bytecode caches, untimed
        subprocess.run(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu, start = cpu_children(), time.perf_counter()
    running: list[subprocess.Popen] = []
    while cmds or running:
        while cmds and len(running) < jobs:
            cmd, env = cmds.pop(0)
            running.append(subprocess.Popen(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for proc in list(running):
            if proc.poll() is not None:
                running.remove(proc)
        time.sleep(0.02)
    elapsed, used = time.perf_counter() - start, cpu_children() - cpu
    written = [p for p in tmp.glob("*.json") if '"summary"' in p.read_text()]
    if len(written) != len(sample) * len(days):
        print(f"warning: only {len(written)} of {len(sample) * len(days)} naive runs wrote a report")
    return elapsed, used, len(sample) * len(days)


def stratified_sample(subs: Path, kinds: dict[str, str], size: int) -> list[Path]:
    """`size` submissions with the class's mix of kinds (solutions, stubs, mutants cost the naive
    way differently: a stub never trains a model), evenly spread within each kind."""
    by_kind: dict[str, list[str]] = {}
    for student in sorted(kinds):
        by_kind.setdefault(kinds[student], []).append(student)
    shares = {k: size * len(v) / len(kinds) for k, v in by_kind.items()}
    takes = {k: int(share) for k, share in shares.items()}
    for k in sorted(shares, key=lambda k: takes[k] - shares[k])[: size - sum(takes.values())]:
        takes[k] += 1  # largest remainders first
    chosen = []
    for kind, students in sorted(by_kind.items()):
        if takes[kind]:
            chosen += students[:: max(1, len(students) // takes[kind])][: takes[kind]]
    paths = {p.name.removesuffix(".zip"): p for p in subs.iterdir()}
    return [paths[s] for s in sorted(chosen)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--target", default="all", help="all or a day (naive runs the same days)")
    parser.add_argument("--keep", type=Path, help="keep the class and reports here")
    args = parser.parse_args()
    days = [d.id for d in COURSE.days] if args.target == "all" else [args.target]
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-")) if args.keep is None else args.keep
    subs, out = tmp / "submissions", tmp / "reports"
    subs.mkdir(parents=True, exist_ok=True)
    kinds = make_class(subs, args.n)
    print(f"class: {args.n} submissions ({', '.join(f'{k} {list(kinds.values()).count(k)}' for k in sorted(set(kinds.values())))}), "
          f"target {args.target}, {args.jobs} jobs, load average {os.getloadavg()[0]:.1f}")
    b_wall, b_cpu, mem = time_batch(subs, out, args.jobs, [args.target])
    sample = stratified_sample(subs, kinds, args.sample)
    n_wall, n_cpu, runs = time_naive(sample, days, args.jobs, tmp / "naive")
    per_sub_naive = n_wall / len(sample)
    print(f"naive: ran {runs} pytest processes for a sample of {len(sample)} submissions in {n_wall:.1f} s "
          f"({n_cpu:.1f} CPU s); extrapolated to {args.n}: {per_sub_naive * args.n:.0f} s")
    print(f"grade batch: {b_wall:.1f} s wall, {b_cpu:.1f} CPU s for {args.n} submissions")
    print(f"ratio naive/batch: {per_sub_naive * args.n / b_wall:.1f}x (goal >= 10x)")
    print(f"seconds per submission: {b_wall / args.n:.2f} s wall, {b_cpu / args.n:.2f} CPU s (goal <= 2 s)")
    print(f"peak memory of the batch process tree: {mem.peak_pss / 1024:.0f} MB PSS, {mem.peak_rss / 1024:.0f} MB "
          f"summed RSS (goal <= 2048 MB); sampling it cost {mem.cpu:.1f} CPU s")
    if args.keep is None:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

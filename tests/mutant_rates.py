"""Per topic: the share of tests/mutants that fail a public check (what a student sees locally)
and the share that lose points at grading. Run: python tests/mutant_rates.py [day1 | day1.calculus ...] [-v]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from grading_helpers import COURSE, grade_tree  # noqa: E402
from test_mutants import build_tree, mutants_of, pack  # noqa: E402


def rates(topic, tmp: Path, seed: int = 7):
    """(mutant name, function, public caught, hidden lost points) for every mutant of `topic`."""
    rows = []
    for i, batch in enumerate(pack(mutants_of(topic))):
        report = grade_tree(build_tree(tmp / f"b{i}", topic, batch), [topic], seed=seed + i)
        for path, function, _ in batch:
            tests = [t for t in report.tests if t.function == function]
            public = any(t.public and t.status != "passed" for t in tests)
            lost = sum(t.score for t in tests) < sum(t.max_score for t in tests) - 1e-9
            rows.append((path.name, function, public, lost))
    return rows


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    topics = [t for t in COURSE.topics if not wanted or t.id in wanted or t.day in wanted]
    totals = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for topic in topics:
            rows = rates(topic, Path(tmp) / topic.id)
            n, pub, hid = len(rows), sum(r[2] for r in rows), sum(r[3] for r in rows)
            totals = [totals[0] + n, totals[1] + pub, totals[2] + hid]
            print(f"{topic.id:<26} mutants {n:>3}  public {pub:>3} ({100 * pub / max(n, 1):5.1f}%)  "
                  f"graded {hid:>3} ({100 * hid / max(n, 1):5.1f}%)", flush=True)
            if verbose:
                for name, fn, p, h in rows:
                    if not p or not h:
                        print(f"    {'public-miss' if not p else ''} {'hidden-miss' if not h else ''} {name}")
    n = max(totals[0], 1)
    print(f"{'all':<26} mutants {totals[0]:>3}  public {totals[1]:>3} ({100 * totals[1] / n:5.1f}%)  "
          f"graded {totals[2]:>3} ({100 * totals[2] / n:5.1f}%)")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Per topic: the share of tests/mutants that fail a public check (what a student sees locally)
and the share that lose points at grading. Run: python tests/mutant_rates.py [day1 | day1.calculus ...] [-v]
(`grade check` prints the same figures.)"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from grader.grading import mutants  # noqa: E402
from grading_helpers import COURSE, grade_tree  # noqa: E402


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    topics = [t for t in COURSE.topics if not wanted or t.id in wanted or t.day in wanted]
    every = []
    for topic in topics:
        verdicts = mutants.grade_mutants(COURSE, [topic], Path(__file__).parent / "mutants",
                                         lambda tree, t, seed: grade_tree(tree, [t], seed=seed))[topic.id]
        every += verdicts
        n, pub, hid = mutants.rates(verdicts)
        print(f"{topic.id:<26} mutants {n:>3}  public {pub:>3} ({100 * pub / max(n, 1):5.1f}%)  "
              f"graded {hid:>3} ({100 * hid / max(n, 1):5.1f}%)", flush=True)
        for v in verdicts if verbose else []:
            if not v.public_caught or not v.lost_points:
                print(f"    {'public-miss' if not v.public_caught else ''} "
                      f"{'hidden-miss' if not v.lost_points else ''} {v.mutant.path.name}")
    n, pub, hid = mutants.rates(every)
    print(f"{'all':<26} mutants {n:>3}  public {pub:>3} ({100 * pub / max(n, 1):5.1f}%)  "
          f"graded {hid:>3} ({100 * hid / max(n, 1):5.1f}%)")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Known-wrong variants (tests/mutants/<day>/<topic>/<function>__<slug>.py) graded like a student's
tree: what `grade check` and the test suite measure the specs by.

A mutant file holds a replacement `def` that is appended to the reference solution (so the later
def wins). A first line `# affects: a, b` names other functions of the same file that legitimately
call the mutated one. Mutants whose affected sets are disjoint are graded together in one run.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.course import Course, Topic


@dataclass(frozen=True)
class Mutant:
    path: Path
    function: str
    affected: frozenset[str]


@dataclass(frozen=True)
class Verdict:
    """How the specs treated one mutant: did it fail a public check, did it lose points, and did a
    function it does not affect lose points next to it (collateral)."""
    mutant: Mutant
    public_caught: bool
    lost_points: bool
    collateral: tuple[str, ...] = ()


def mutants_of(folder: Path, topic: Topic) -> list[Mutant]:
    """The mutants of `topic` under `folder` (tests/mutants), named after a catalogue function."""
    found = []
    names = sorted((f.name for f in topic.functions), key=len, reverse=True)
    topic_dir = Path(folder) / topic.day / topic.name
    for path in sorted(topic_dir.glob("*.py")) if topic_dir.is_dir() else []:
        # the longest catalogue name the file is named after (`add_scalar___x` is add_scalar_)
        function = next((n for n in names if path.stem.startswith(n + "__")), path.stem.split("__", 1)[0])
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        extra = re.match(r"#\s*affects:\s*(.*)", first[0]) if first else None
        affected = {function} | ({s.strip() for s in extra.group(1).split(",")} if extra else set())
        found.append(Mutant(path, function, frozenset(affected)))
    return found


def pack(mutants: list[Mutant]) -> list[list[Mutant]]:
    """Greedy batches of mutants whose affected function sets do not overlap."""
    batches: list[list[Mutant]] = []
    for m in mutants:
        batch = next((b for b in batches if all(not (m.affected & o.affected) for o in b)), None)
        if batch is None:
            batches.append([m])
        else:
            batch.append(m)
    return batches


def build_tree(tree: Path, solutions: Path, topic: Topic, batch: list[Mutant]) -> Path:
    """A student tree holding the solution of `topic` with the batch's defs appended."""
    source = (Path(solutions) / topic.file).read_text(encoding="utf-8")
    for m in batch:
        source += f"\n\n# ---- mutant {m.path.name}\n" + m.path.read_text(encoding="utf-8")
    target = Path(tree) / topic.file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return Path(tree)


def judge(topic: Topic, batch: list[Mutant], report) -> list[Verdict]:
    """The verdict on each mutant of a batch from the report of its graded tree."""
    tests = [t for d in report.days for tp in d.topics if tp.id == topic.id for t in tp.tests]
    affected = frozenset().union(*(m.affected for m in batch))
    lost = {f.name for f in topic.functions
            if sum(t.score for t in tests if t.function == f.name)
            < sum(t.max_score for t in tests if t.function == f.name) - 1e-9}
    collateral = tuple(sorted(lost - affected))
    return [Verdict(m, any(t.public and t.status != "passed" for t in tests if t.function == m.function),
                    m.function in lost, collateral) for m in batch]


def grade_mutants(course: Course, topics: list[Topic], folder: Path, grade, seed: int = 7) -> dict[str, list[Verdict]]:
    """Verdicts per topic id; `grade(tree, topic, seed)` returns a report (e.g. job.grade in a
    warm session)."""
    verdicts: dict[str, list[Verdict]] = {}
    with tempfile.TemporaryDirectory(prefix="grade-mutants-") as tmp:
        for topic in topics:
            verdicts[topic.id] = []
            for i, batch in enumerate(pack(mutants_of(folder, topic))):
                tree = build_tree(Path(tmp) / f"{topic.id}-{i}", course.solutions, topic, batch)
                verdicts[topic.id] += judge(topic, batch, grade(tree, topic, seed + i))
                shutil.rmtree(tree, ignore_errors=True)
    return verdicts


def rates(verdicts: list[Verdict]) -> tuple[int, int, int]:
    """(mutants, failing a public check, losing points)."""
    return len(verdicts), sum(v.public_caught for v in verdicts), sum(v.lost_points for v in verdicts)

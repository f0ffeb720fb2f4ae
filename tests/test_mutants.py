"""Known-wrong variants (tests/mutants/) lose points on their own function and nowhere else.

A mutant file `tests/mutants/<day>/<topic>/<function>__<slug>.py` holds a replacement `def`; it is
appended to the reference solution. A first line `# affects: a, b` names other functions of the same
file that legitimately call the mutated one (e.g. `train` calling `sgd`) and may lose points too.
Mutants whose affected sets are disjoint are graded together in one run to keep the suite fast.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from grading_helpers import COURSE, ROOT, function_scores, grade_tree

MUTANTS = Path(__file__).parent / "mutants"


def mutants_of(topic) -> list[tuple[Path, str, set[str]]]:
    folder = MUTANTS / topic.day / topic.name
    found = []
    names = sorted((f.name for f in topic.functions), key=len, reverse=True)
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        # the longest catalogue name the file is named after (`add_scalar___x` is add_scalar_)
        function = next((n for n in names if path.stem.startswith(n + "__")), path.stem.split("__", 1)[0])
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        extra = re.match(r"#\s*affects:\s*(.*)", first[0]) if first else None
        affected = {function} | ({s.strip() for s in extra.group(1).split(",")} if extra else set())
        found.append((path, function, affected))
    return found


def pack(mutants):
    """Greedy batches of mutants whose affected function sets do not overlap."""
    batches: list[list] = []
    for m in mutants:
        for batch in batches:
            if all(not (m[2] & other[2]) for other in batch):
                batch.append(m)
                break
        else:
            batches.append([m])
    return batches


def build_tree(tmp: Path, topic, batch) -> Path:
    source = (ROOT / "solutions" / topic.file).read_text(encoding="utf-8")
    for path, _, _ in batch:
        source += f"\n\n# ---- mutant {path.name}\n" + path.read_text(encoding="utf-8")
    target = tmp / topic.file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    return tmp


@pytest.mark.slow
@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_mutants_lose_points_on_their_function_only(topic, tmp_path):
    mutants = mutants_of(topic)
    covered = {m[1] for m in mutants}
    assert {f.name for f in topic.functions} <= covered, f"no mutant for {sorted({f.name for f in topic.functions} - covered)}"
    for f in topic.functions:
        assert sum(m[1] == f.name for m in mutants) >= 2, f"{topic.id}.{f.name}: fewer than two mutants"
    problems = []
    for i, batch in enumerate(pack(mutants)):
        scores = function_scores(grade_tree(build_tree(tmp_path / f"b{i}", topic, batch), [topic], seed=7 + i))
        affected = set().union(*(m[2] for m in batch))
        for path, function, _ in batch:
            got, most = scores[(topic.id, function)]
            if got >= most:
                problems.append(f"survived: {path.name} kept {got}/{most}")
        for f in topic.functions:
            got, most = scores[(topic.id, f.name)]
            if f.name not in affected and got < most:
                problems.append(f"collateral: {f.name} lost points next to {[m[0].name for m in batch]}")
    assert problems == []

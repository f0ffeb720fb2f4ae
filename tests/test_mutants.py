"""Known-wrong variants (tests/mutants/) lose points on their own function and nowhere else, and
most of them already fail a public check, which is what a student sees before handing in.

The harness lives in grader.grading.mutants (grade check uses it too); see its docstring for the
file format (`# affects:` lines and batching).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.grading import mutants
from grading_helpers import COURSE, grade_tree

MUTANTS = Path(__file__).parent / "mutants"
PUBLIC_SHARE = 0.85  # of all mutants, the share that must fail a public check


def verdicts_of(topic):
    return mutants.grade_mutants(COURSE, [topic], MUTANTS,
                                 lambda tree, t, seed: grade_tree(tree, [t], seed=seed))[topic.id]


@pytest.fixture(scope="module")
def all_verdicts():
    return {}


@pytest.mark.slow
@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_mutants_lose_points_on_their_function_only(topic, all_verdicts):
    found = mutants.mutants_of(MUTANTS, topic)
    covered = {m.function for m in found}
    assert {f.name for f in topic.functions} <= covered, f"no mutant for {sorted({f.name for f in topic.functions} - covered)}"
    for f in topic.functions:
        assert sum(m.function == f.name for m in found) >= 2, f"{topic.id}.{f.name}: fewer than two mutants"
    verdicts = all_verdicts[topic.id] = verdicts_of(topic)
    problems = [f"survived: {v.mutant.path.name}" for v in verdicts if not v.lost_points]
    problems += [f"collateral: {', '.join(v.collateral)} lost points next to {v.mutant.path.name}"
                 for v in verdicts if v.collateral]
    assert problems == []
    by_function = {}
    for v in verdicts:
        by_function.setdefault(v.mutant.function, []).append(v.public_caught)
    assert [f for f, caught in by_function.items() if not any(caught)] == [], \
        "every mutant of these functions passes the public checks"


@pytest.mark.slow
def test_most_mutants_fail_a_public_check(all_verdicts):
    """Students see most mistakes locally (measured over the topics graded above)."""
    if len(all_verdicts) < len(COURSE.topics):
        pytest.skip("needs the per-topic mutant runs (run the whole file)")
    total, public, _ = mutants.rates([v for vs in all_verdicts.values() for v in vs])
    assert public / total >= PUBLIC_SHARE, f"only {public}/{total} mutants fail a public check"

"""Shared helpers for tests that grade real trees in-process (forked grading runs)."""
from __future__ import annotations

from pathlib import Path

from grader.grading import job, session
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
_warm = False


def grade_tree(tree: Path, topics, seed: int = 0, student: str = "tests"):
    """Grade `topics` of `tree` the way `grade` does (no quizzes) and return the Report."""
    global _warm
    if not _warm:
        session.warm_up()
        _warm = True
    return job.grade(COURSE, tree, list(topics), seed=seed, student=student, target="tests")


def function_scores(report) -> dict[tuple[str, str], tuple[float, float]]:
    """(topic id, function) -> (score, max_score) summed over its tests."""
    scores: dict[tuple[str, str], list[float]] = {}
    for day in report.days:
        for topic in day.topics:
            for test in topic.tests:
                s = scores.setdefault((topic.id, test.function), [0.0, 0.0])
                s[0] += test.score
                s[1] += test.max_score
    return {k: (round(v[0], 6), round(v[1], 6)) for k, v in scores.items()}


def failing_messages(report) -> list[str]:
    return [f"{t.id}: {t.status}: {t.message}" for t in report.tests if t.status != "passed"]

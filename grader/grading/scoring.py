"""pytest-json-report document + course.yaml → scored results (pure functions, no processes).

Rules: maximum points come from the course, never from the report; a function's points are split
among its tests by weight (public checks count only where no hidden check runs: in a handout); a test passes only when its call stage passed *and* the plugin saw it
pass; a function with no test in the report gets an error entry, so nothing silently vanishes.
"""
from __future__ import annotations

from collections import defaultdict

from grader.course import Topic
from grader.paths import topic_of_spec
from grader.report import STATUSES, TestResult, TopicResult



def test_status(test: dict) -> tuple[str, str]:
    """(status, message) of one pytest-json-report test entry."""
    meta = test.get("metadata") or {}
    status, message = meta.get("grader_status"), meta.get("grader_message") or ""
    call = test.get("call") or {}
    if status == "passed":
        if test.get("outcome") == "passed" and call.get("outcome") == "passed":
            return "passed", ""
        return "error", "the check did not complete"
    if status in STATUSES:
        return status, message
    if test.get("outcome") == "skipped":
        return "skipped", message or "skipped"
    setup = test.get("setup") or {}
    if setup.get("outcome") == "failed":
        return "error", message or "the check could not be set up"
    return "error", message or "the check did not complete"


def score_topic(topic: Topic, tests: list[dict], run_error: str | None = None,
                public_only: bool = False) -> TopicResult:
    """Score one topic from its json-report test entries (already filtered to this topic).

    In a handout (`public_only`), a function without a public check is 'skipped', not an error."""
    by_function: dict[str, list[dict]] = defaultdict(list)
    results: list[TestResult] = []
    for test in tests:
        fn = (test.get("metadata") or {}).get("function")
        if topic.function(fn or "") is None:
            results.append(_orphan(test, fn))
        else:
            by_function[fn].append(test)
    for function in topic.functions:
        entries = by_function.get(function.name, [])
        if not entries:
            results.append(_missing(topic, function.name, function.points, run_error, public_only))
            continue
        graded_by_hidden = any(not (t.get("metadata") or {}).get("public") for t in entries)
        weights = [_weight(t, graded_by_hidden) for t in entries]
        total = sum(weights) or 1.0
        for test, weight in zip(entries, weights):
            results.append(_scored(test, function.name, function.points * weight / total))
    score = round(sum(r.score for r in results), 6)
    return TopicResult(id=topic.id, title=topic.title.en, score=score, max_score=topic.max_score,
                       tests=tuple(results), message=run_error or "")


def _weight(test: dict, graded_by_hidden: bool) -> float:
    """A test's share of its function's points: its marker's weight; nothing for a public check
    next to hidden ones (fixed inputs can be hard-coded: the hidden, random checks decide the
    score). In a handout the public checks are all there is, and decide the advisory score."""
    meta = test.get("metadata") or {}
    weight = max(float(meta.get("weight", 1.0)), 0.0) or 1.0
    return 0.0 if meta.get("public") and graded_by_hidden else weight


def _scored(test: dict, function: str, max_score: float) -> TestResult:
    status, message = test_status(test)
    meta = test.get("metadata") or {}
    return TestResult(id=test.get("nodeid", "?"), name=_name(test), function=function, status=status,
                      score=max_score if status == "passed" else 0.0, max_score=max_score, message=message, duration=_duration(test),
                      public=bool(meta.get("public")), output=str(meta.get("grader_output") or "")[:2000])


def _orphan(test: dict, fn: str | None) -> TestResult:
    status, message = test_status(test)
    note = f"spec names unknown function {fn!r}" if fn else "spec has no @function marker"
    return TestResult(id=test.get("nodeid", "?"), name=_name(test), function=fn or "?", status="error",
                      score=0.0, max_score=0.0, message=f"{note} (instructor: fix the spec)",
                      duration=_duration(test), public=False)


def _missing(topic: Topic, function: str, points: int, run_error: str | None, public_only: bool) -> TestResult:
    skipped = public_only and run_error is None
    why = run_error or ("no public check in the handout; checked at grading" if skipped else
                        "no check for this function ran (its spec is missing or failed to load)")
    return TestResult(id=f"{topic.id}::{function}", name=function, function=function,
                      status="skipped" if skipped else "error",
                      score=0.0, max_score=float(points), message=why, duration=0.0, public=False)


def _name(test: dict) -> str:
    nodeid = test.get("nodeid", "?")
    return nodeid.rsplit("::", 1)[-1]


def _duration(test: dict) -> float:
    return round(sum(float((test.get(s) or {}).get("duration", 0.0)) for s in ("setup", "call", "teardown")), 4)




def split_by_topic(json_report: dict | None) -> dict[str, list[dict]]:
    """Group the report's tests by topic id (from metadata, else from the node id via topic_of)."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for test in (json_report or {}).get("tests", []):
        topic = (test.get("metadata") or {}).get("topic") or topic_of_spec(test.get("nodeid", ""))
        grouped[topic].append(test)
    return grouped


def collection_errors(json_report: dict | None) -> dict[str, str]:
    """Topics whose spec file failed to load, with a short reason (instructor-facing)."""
    errors = {}
    for collector in (json_report or {}).get("collectors", []):
        if collector.get("outcome") == "failed" and collector.get("nodeid", "").endswith(".py"):
            errors[topic_of_spec(collector["nodeid"])] = "the checks for this topic failed to load (spec error)"
    return errors


def score_topics(topics: list[Topic], json_report: dict | None, run_error: str | None,
                 public_only: bool = False) -> list[TopicResult]:
    """Score every topic; with no report at all, every test is an error carrying `run_error`."""
    if json_report is None:
        reason = f"could not grade: {run_error or 'no report'}"
        return [score_topic(t, [], reason) for t in topics]
    grouped = split_by_topic(json_report)
    broken = collection_errors(json_report)
    return [score_topic(t, grouped.get(t.id, []), broken.get(t.id), public_only) for t in topics]

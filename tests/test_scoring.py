"""Scoring on recorded and hand-made pytest-json-report documents (pure: no processes)."""
import copy
import json
from pathlib import Path

import pytest

from grader import report, summary
from grader.grading import scoring
from grader.paths import topic_of_spec
from grader.course import parse_course
from grader.grading.job import build_report

DATA = Path(__file__).parent / "data"
RECORDED = json.loads((DATA / "jsonreport_linear_algebra.json").read_text())


def course(tmp_path):
    doc = {"format": 1, "days": [{"id": "day1", "title": {"zh": "一", "en": "One"}, "topics": [
        {"id": "day1.linear_algebra", "title": {"zh": "线代", "en": "LA"}, "file": "day1/linear_algebra.py",
         "functions": {"sum_along": {"points": 2}, "sum_keepdims": {"points": 3}, "dot": {"points": 1}}}]}]}
    return parse_course(doc, tmp_path)


def entry(function, status="passed", outcome=None, call_outcome=None, weight=1.0, nodeid=None, message=""):
    test = {"nodeid": nodeid or f"day1/test_linear_algebra.py::test_{function}_{status}",
            "outcome": outcome or ("passed" if status == "passed" else "failed"),
            "setup": {"outcome": "passed", "duration": 0.01},
            "metadata": {"topic": "day1.linear_algebra", "function": function, "weight": weight,
                         "public": False, "grader_status": status, "grader_message": message}}
    if call_outcome != "absent":
        test["call"] = {"outcome": call_outcome or test["outcome"], "duration": 0.02}
    return test


def test_recorded_document_scores_passes_and_failures(tmp_path):
    topic = course(tmp_path).topic("day1.linear_algebra")
    result = scoring.score_topic(topic, RECORDED["tests"])
    by_fn = {}
    for t in result.tests:
        by_fn.setdefault(t.function, []).append(t)
    assert [t.status for t in by_fn["sum_along"]] == ["passed", "passed"]
    assert all(t.status == "failed" and "returned shape" in t.message for t in by_fn["sum_keepdims"])
    assert result.score == 2 and result.max_score == 6


def test_points_split_by_weight(tmp_path):
    topic = course(tmp_path).topic("day1.linear_algebra")
    tests = [entry("sum_keepdims", weight=2.0, nodeid="a::x"), entry("sum_keepdims", "failed", nodeid="a::y")]
    result = scoring.score_topic(topic, tests)
    scored = [t for t in result.tests if t.function == "sum_keepdims"]
    assert [t.max_score for t in scored] == [2.0, 1.0] and [t.score for t in scored] == [2.0, 0.0]


def test_pass_requires_call_stage(tmp_path):
    """KeyboardInterrupt in a test leaves 'passed' with only a setup stage: that is not a pass."""
    topic = course(tmp_path).topic("day1.linear_algebra")
    result = scoring.score_topic(topic, [entry("dot", call_outcome="absent")])
    dot = [t for t in result.tests if t.function == "dot"][0]
    assert dot.status == "error" and dot.score == 0


def test_pass_requires_plugin_verdict(tmp_path):
    topic = course(tmp_path).topic("day1.linear_algebra")
    forged = entry("dot")
    forged["metadata"].pop("grader_status")
    result = scoring.score_topic(topic, [forged])
    assert [t.status for t in result.tests if t.function == "dot"] == ["error"]


def test_functions_without_tests_keep_their_max_points(tmp_path):
    topic = course(tmp_path).topic("day1.linear_algebra")
    result = scoring.score_topic(topic, [entry("dot")])
    assert result.max_score == 6 and result.score == 1
    missing = [t for t in result.tests if t.function == "sum_along"]
    assert missing[0].status == "error" and missing[0].max_score == 2 and "no check" in missing[0].message


def test_unknown_function_marker_is_flagged_without_points(tmp_path):
    topic = course(tmp_path).topic("day1.linear_algebra")
    result = scoring.score_topic(topic, [entry("nonexistent")])
    orphan = [t for t in result.tests if t.function == "nonexistent"][0]
    assert orphan.max_score == 0 and orphan.status == "error" and "unknown function" in orphan.message


def test_no_report_means_could_not_grade(tmp_path):
    c = course(tmp_path)
    [result] = scoring.score_topics(list(c.topics), None, "grading took longer than 60 s")
    assert result.score == 0 and result.max_score == 6
    assert all(t.status == "error" and "could not grade" in t.message for t in result.tests)


def test_collection_error_marks_topic(tmp_path):
    c = course(tmp_path)
    doc = {"tests": [], "collectors": [{"nodeid": "day1/test_linear_algebra.py", "outcome": "failed"}]}
    [result] = scoring.score_topics(list(c.topics), doc, None)
    assert result.score == 0 and "failed to load" in result.message


@pytest.mark.parametrize("nodeid, topic", [
    ("day1/test_calculus.py::test_x", "day1.calculus"),
    ("day3/test_linreg_scratch_public.py::test_y[1]", "day3.linreg_scratch"),
    ("weird", "?"),
])
def test_topic_of_nodeid(nodeid, topic):
    assert topic_of_spec(nodeid) == topic


def test_built_report_validates_and_totals(tmp_path):
    c = course(tmp_path)
    results = scoring.score_topics(list(c.topics), copy.deepcopy(RECORDED), None)
    quiz = {"id": "day1", "score": 1.0, "max_score": 3.0, "status": "failed", "source": "hash",
            "questions": [{"id": "q1", "status": "passed", "score": 1.0, "max_score": 1.0}]}
    built = build_report(c, list(c.topics), results, {"day1": [quiz]}, seed=1, student="s", target="day1",
                         isolation={}, error=None)
    data = report.to_dict(built)
    report.validate(data)
    assert data["score"] == 3 and data["max_score"] == 9 and data["days"][0]["quizzes"][0]["id"] == "day1"


def test_atomic_write_leaves_no_temp_files(tmp_path):
    target = tmp_path / "out" / "r.json"
    report.write_json({"a": 1}, target)
    report.write_json({"a": 2}, target)
    assert json.loads(target.read_text()) == {"a": 2}
    assert [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_load_rejects_non_reports(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"score": 1}')
    with pytest.raises(ValueError, match="schema"):
        report.load(bad)
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="not a readable"):
        report.load(bad)


def test_summary_marks_todo_and_points_to_the_next_hint(tmp_path):
    c = course(tmp_path)
    tests = [entry("sum_along"), entry("sum_keepdims", "failed", message="la.py: sum_keepdims() is not implemented yet"),
             entry("dot", "failed", message="dot(tensor[3]:float32, tensor[3]:float32) returned 1, expected 2")]
    results = [scoring.score_topic(c.topic("day1.linear_algebra"), tests)]
    built = build_report(c, list(c.topics), results, {}, seed=0, student="s", target="day1", isolation={}, error=None)
    text = "\n".join(summary.summary_lines(built))
    assert "todo    sum_keepdims" in text and "(not implemented yet)" in text
    assert "FAIL    dot" in text and "returned 1, expected 2" in text
    assert "Next: sum_keepdims() in exercises/day1/linear_algebra.py — grade hint day1 linear_algebra sum_keepdims" in text
    assert "public checks" not in text  # full mode never talks about public checks


def test_public_checks_count_only_where_no_hidden_check_runs(tmp_path):
    """Fixed public inputs can be hard-coded: the hidden, random checks decide the score."""
    topic = course(tmp_path).topic("day1.linear_algebra")
    public = entry("sum_keepdims", nodeid="day1/test_linear_algebra_public.py::test_sum_keepdims_example")
    public["metadata"]["public"] = True
    hidden = entry("sum_keepdims", "failed")
    result = scoring.score_topic(topic, [public, hidden, entry("sum_along"), entry("dot")])
    shares = {t.id.rsplit("::", 1)[-1]: t.max_score for t in result.tests if t.function == "sum_keepdims"}
    assert shares == {"test_sum_keepdims_example": 0.0, "test_sum_keepdims_failed": 3.0}
    alone = scoring.score_topic(topic, [public], public_only=True)  # in a handout: the public check is all there is
    assert [t.max_score for t in alone.tests if t.function == "sum_keepdims"] == [pytest.approx(3.0)]

"""Gradescope / GitHub Classroom / JUnit writers, checked against each consumer's documented fields."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader import formats, report
from grader.report import DayResult, Report, TestResult, TopicResult

# Gradescope results.json (autograder specification): top level and per test.
GRADESCOPE_TOP = {"score", "execution_time", "output", "tests"}
GRADESCOPE_TEST = {"name", "score", "max_score", "status", "output", "visibility"}
GRADESCOPE_VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}
# GitHub Classroom grading reporter input (before base64): top level and per test.
CLASSROOM_TOP = {"version", "status", "max_score", "tests"}
CLASSROOM_TEST = {"name", "status", "score", "message", "test_code", "filename", "line_no", "execution_time"}


def make_report(error: str | None = None) -> dict:
    """A small valid report: hidden and public checks of every status, and an unanswered quiz."""
    def test(name, status, score, max_score, public=False, message=""):
        return TestResult(id=f"day1/test_calculus.py::{name}", name=name, function=name.split("_")[1],
                          status=status, score=score, max_score=max_score, message=message, duration=0.25,
                          public=public)
    tests = (test("test_grad_ok", "passed", 2.0, 2.0, public=True),
             test("test_grad_hidden", "passed", 1.0, 1.0),
             test("test_chain_values", "failed", 0.0, 2.0, message="chain(x) returned 3.0, expected 6.0"),
             test("test_slow_loop", "timeout", 0.0, 1.0, message="slow(x) timed out after 10 s"),
             test("test_broken_import", "error", 0.0, 1.0, public=True, message="could not be imported"),
             test("test_skip_case", "skipped", 0.0, 1.0))
    topic = TopicResult(id="day1.calculus", title="Calculus", score=3.0, max_score=8.0, tests=tests)
    quiz = {"id": "day1", "score": 0.0, "max_score": 4.0, "status": "skipped", "message": "",
            "questions": [{"id": "q1", "status": "skipped", "score": 0.0, "max_score": 4.0}]}
    day = DayResult(id="day1", score=3.0, max_score=12.0, topics=(topic,), quizzes=(quiz,))
    built = Report(student="alice", target="day1", created="2026-01-01T00:00:00+00:00", grader_version="0.1.0",
                   specs_digest="0123456789abcdef", seed=0,
                   environment={"python": "3.11", "torch": "2.13.0", "numpy": "2", "pandas": "2"},
                   isolation={}, mode="full", days=(day,), error=error)
    data = report.to_dict(report.finish(built))
    report.validate(data)
    return data


def test_gradescope_fields_and_visibility():
    data = make_report()
    doc = json.loads(formats.render("gradescope", data))
    assert set(doc) == GRADESCOPE_TOP
    assert doc["score"] == 3.0 and isinstance(doc["execution_time"], int) and "3/12" in doc["output"]
    assert len(doc["tests"]) == 7  # six checks and the quiz
    for t in doc["tests"]:
        assert set(t) == GRADESCOPE_TEST
        assert t["status"] in ("passed", "failed") and t["visibility"] in GRADESCOPE_VISIBILITY
        assert 0 <= t["score"] <= t["max_score"]
    by_name = {t["name"].rsplit(" ", 1)[-1]: t for t in doc["tests"]}
    assert by_name["test_grad_ok"]["visibility"] == "visible"
    assert by_name["test_grad_hidden"]["visibility"] == "after_published"
    assert by_name["test_slow_loop"]["status"] == "failed" and "timed out" in by_name["test_slow_loop"]["output"]
    assert sum(t["score"] for t in doc["tests"]) == pytest.approx(doc["score"])


def test_classroom_fields_and_statuses():
    doc = json.loads(formats.render("classroom", make_report()))
    assert CLASSROOM_TOP <= set(doc) and doc["version"] == 1 and doc["max_score"] == 12.0
    assert doc["status"] == "fail"
    for t in doc["tests"]:
        assert CLASSROOM_TEST <= set(t) and t["status"] in ("pass", "fail", "error")
    statuses = [t["status"] for t in doc["tests"]]
    assert statuses == ["pass", "pass", "fail", "fail", "error", "fail", "fail"]
    # the reporter action sums the tests' scores for the points it sends to Classroom
    assert sum(t["score"] for t in doc["tests"]) == pytest.approx(3.0)


def test_classroom_status_error_when_grading_failed():
    doc = formats.classroom(make_report(error="grading took longer than 60 s and was stopped"))
    assert doc["status"] == "error"


def test_junit_counts_and_elements():
    root = ET.fromstring(formats.render("junit", make_report()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["day1.calculus", "day1.quiz"]
    calc = suites[0]
    assert (calc.get("tests"), calc.get("failures"), calc.get("errors"), calc.get("skipped")) == ("6", "2", "1", "1")
    assert root.get("tests") == "7" and root.get("skipped") == "2"
    for case in root.iter("testcase"):
        assert case.get("name") and case.get("classname") and float(case.get("time")) >= 0
    failure = [c for c in calc if c.get("name").endswith("test_chain_values")][0].find("failure")
    assert failure is not None and "expected 6.0" in failure.get("message")
    assert [c for c in calc if c.get("name").endswith("test_broken_import")][0].find("error") is not None


def test_default_paths_sit_next_to_the_report(tmp_path):
    assert formats.default_path(tmp_path / "day1.json", "gradescope") == tmp_path / "day1.gradescope.json"
    assert formats.default_path(tmp_path / "all.json", "junit") == tmp_path / "all.junit.xml"


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "sub" / "results.json"
    formats.save("gradescope", make_report(), out)
    assert json.loads(out.read_text())["score"] == 3.0
    assert [p.name for p in out.parent.iterdir()] == ["results.json"]


def test_format_out_needs_exactly_one_format(tmp_path):
    from click.testing import CliRunner

    from grader.cli import cli
    result = CliRunner().invoke(cli, ["day1", "--solutions", "--format", "junit", "--format", "gradescope",
                                      "--format-out", str(tmp_path / "x")])
    assert result.exit_code == 2 and "exactly one --format" in result.output


@pytest.mark.slow
def test_day_command_writes_gradescope_results(tmp_path):
    from click.testing import CliRunner

    from grader.cli import cli
    out = tmp_path / "results.json"
    result = CliRunner().invoke(cli, ["day2", "joining", "--solutions", "--report", str(tmp_path / "r.json"),
                                      "--format", "gradescope", "--format-out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    from grader.course import load_course
    joining = load_course(Path(__file__).resolve().parents[1]).topic("day2.joining")
    assert set(doc) == GRADESCOPE_TOP and doc["score"] == pytest.approx(joining.max_score)
    assert {t["visibility"] for t in doc["tests"]} == {"visible", "after_published"}
    assert f"Gradescope: {out}" in result.output

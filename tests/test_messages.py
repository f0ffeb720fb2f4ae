"""The wording students meet: each message here was once wrong or unhelpful (issue 14)."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import summary
from grader.calls import describe_value
from grader.cli import cli
from grader.report import Report, TestResult, TopicResult, finish, make_day
from grader.sandbox import codec

ROOT = Path(__file__).resolve().parents[1]


def report_of(*tests: TestResult) -> Report:
    topic = TopicResult(id="day1.calculus", title="Calculus", score=sum(t.score for t in tests),
                        max_score=sum(t.max_score for t in tests), tests=tests)
    return finish(Report(student="s", target="t", created="", grader_version="0", specs_digest="", seed=0,
                         environment={}, isolation={}, mode="full", days=(make_day("day1", [topic]),)))


def result(fn: str, status: str, message: str = "", output: str = "") -> TestResult:
    return TestResult(id=f"x::{fn}", name=fn, function=fn, status=status, score=1.0 if status == "passed" else 0.0,
                      max_score=1.0, message=message, duration=0.0, public=True, output=output)


def test_a_long_message_keeps_its_line_number():
    message = "sgd(params, 0.1, 4) raised ValueError: " + "x" * 400 + " (line 17 of exercises/day3/linreg_scratch.py)"
    clipped = summary.clip(message)
    assert len(clipped) <= 200 and clipped.endswith("… (line 17 of exercises/day3/linreg_scratch.py)")


def test_a_method_returned_uncalled_says_to_call_it():
    import torch
    value = codec.read_message(io.BytesIO(codec.encode(torch.zeros(2).is_contiguous)).read)
    assert describe_value(value) == ("a method (not its result: did you forget to call it? "
                                     "write is_contiguous(), not is_contiguous)")


def test_a_file_that_cannot_be_imported_is_one_error_not_per_function():
    why = "exercises/day1/calculus.py could not be imported: SyntaxError: invalid syntax (line 3 of exercises/day1/calculus.py)"
    lines = summary.summary_lines(report_of(result("tangent_line", "error", why), result("chain_rule", "error", why)))
    assert lines[1] == f"  ERROR   {why}"
    assert not any("more failing" in line or "chain_rule" in line for line in lines[:3])


def test_printed_output_is_shown_under_a_failure_and_on_request_for_passes():
    failing = result("chain_rule", "failed", "chain_rule(3.0, 2.0) returned 5.0, expected 6.0",
                     "chain_rule(3.0, 2.0) printed:\n  debug 3.0")
    passing = result("tangent_line", "passed", output="tangent_line(f, 1.0) printed:\n  epoch 1, loss 0.5")
    plain = summary.summary_lines(report_of(passing, failing))
    assert "          | chain_rule(3.0, 2.0) printed:" in plain and "          |   debug 3.0" in plain
    assert not any("epoch 1" in line for line in plain)
    shown = summary.summary_lines(report_of(passing, failing), show_output=True)
    assert "          |   epoch 1, loss 0.5" in shown


def test_points_are_spelled_right():
    assert [summary.points_phrase(x) for x in (1, 2, 2.5)] == ["1 point", "2 points", "2.5 points"]
    assert summary.fraction(None, 3) == "-/3" and summary.fraction(2 / 3, 1) == "0.67/1"


def test_hint_says_1_point():
    out = CliRunner().invoke(cli, ["--course", str(ROOT), "hint", "day1", "calculus", "chain_rule"]).output
    assert "chain_rule() — 1 point\n" in out and "1 points" not in out


def test_help_lists_students_commands_first_and_instructors_apart():
    out = CliRunner().invoke(cli, ["--course", str(ROOT), "--help"]).output
    students, instructors = out.split("For instructors:")
    assert all(f"  {c} " in students for c in ("day1", "all", "hint", "watch", "quiz", "status", "list"))
    assert all(f"  {c} " in instructors for c in ("batch", "check", "collect", "release"))
    assert not any(f"  {c} " in students for c in ("batch", "check", "collect", "release"))


def test_watch_all_is_understood_like_grade_all(tmp_path):
    shutil.copy(ROOT / "course.yaml", tmp_path / "course.yaml")
    (tmp_path / "exercises" / "day1").mkdir(parents=True)
    out = CliRunner().invoke(cli, ["--course", str(tmp_path), "watch", "all"])
    assert out.exit_code == 2 and "unknown day" not in out.output
    assert "exercises/day2 does not exist" in out.output


@pytest.mark.slow
def test_a_syntax_error_is_reported_as_the_files_error(tmp_path):
    (tmp_path / "day1").mkdir()
    (tmp_path / "day1" / "calculus.py").write_text("def tangent_line(f, x0):\n    return (\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["--course", str(ROOT), "day1", "calculus", "--exercises", str(tmp_path),
                                   "--report", str(tmp_path / "r.json")]).output
    assert "  ERROR   exercises/day1/calculus.py could not be imported: SyntaxError" in out
    assert "more failing" not in out and "  FAIL" not in out


@pytest.mark.slow
def test_what_a_failing_call_printed_is_in_the_report_and_bounded(tmp_path):
    import json
    (tmp_path / "day1").mkdir()
    source = (ROOT / "solutions" / "day1" / "calculus.py").read_text(encoding="utf-8")
    (tmp_path / "day1" / "calculus.py").write_text(source + (
        "\n\ndef chain_rule(df_du, du_dx):\n"
        "    print(f'epoch 1, loss {df_du:.3f}')\n"
        "    for i in range(100000):\n"
        "        print('flood', i)\n"
        "    return df_du + du_dx\n"), encoding="utf-8")
    out = CliRunner().invoke(cli, ["--course", str(ROOT), "day1", "calculus", "--exercises", str(tmp_path),
                                   "--report", str(tmp_path / "r.json")]).output
    assert "          |   epoch 1, loss" in out
    tests = [t for d in json.loads((tmp_path / "r.json").read_text())["days"] for tp in d["topics"]
             for t in tp["tests"] if t["function"] == "chain_rule"]
    assert tests and all(t["status"] == "failed" and "printed:" in t["output"] for t in tests)
    assert all(len(t["output"]) <= 2000 for t in tests) and (tmp_path / "r.json").stat().st_size < 200_000


def test_printed_control_characters_cannot_redraw_the_graders_lines():
    from grader import calls
    calls.forget_all()
    calls.record_output("f(1)", "\x1b[2J\rScore: 87/87\n")
    assert calls.printed() == "f(1) printed:\n  ?[2J\n  Score: 87/87"  # \r ends a line: each is labelled
    calls.forget_all()
    assert calls.printed() == ""

"""The `grade` command in-process: help, exit codes, one-line errors, a real report."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import report
from grader.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def invoke(*args, cwd=None):
    return CliRunner().invoke(cli, ["--course", str(cwd or ROOT), *args], catch_exceptions=False)


def test_help_lists_days_from_course_yaml():
    result = invoke("--help")
    assert result.exit_code == 0
    for day in ("day1", "day2", "day3", "day4", "all"):
        assert day in result.output


def test_day_help_shows_options():
    result = invoke("day1", "--help")
    assert result.exit_code == 0 and "--exercises" in result.output and "--seed" in result.output


@pytest.mark.parametrize("args, words", [
    (["day9"], "unknown day 'day9'"),
    (["day1", "nosuchtopic"], "unknown topic 'nosuchtopic' in day1; choose one of: tensor_basics"),
    (["day1", "--exercises", "/nonexistent/tree"], "is not a folder"),
    (["day1", "--exercises", "/tmp", "--solutions"], "not both"),
])
def test_usage_errors_exit_2_with_one_line(args, words):
    result = invoke(*args)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_command_is_a_usage_error():
    result = invoke("frobnicate")
    assert result.exit_code == 2 and "No such command" in result.output


def test_broken_course_yaml_is_one_line_exit_2(tmp_path):
    (tmp_path / "course.yaml").write_text("format: 1\ndays: {not: [a list\n")
    result = invoke("day1", cwd=tmp_path)
    assert result.exit_code == 2 and "not valid YAML" in result.output and "Traceback" not in result.output


def test_missing_course_yaml(tmp_path):
    result = invoke("day1", cwd=tmp_path)
    assert result.exit_code == 2 and "course.yaml" in result.output


def make_tree(tmp_path: Path, source: str) -> Path:
    tree = tmp_path / "tree"
    (tree / "day1").mkdir(parents=True)
    (tree / "day1" / "calculus.py").write_text(source)
    return tree


@pytest.mark.slow
def test_grading_a_partial_submission_writes_a_valid_report(tmp_path):
    solution = (ROOT / "solutions/day1/calculus.py").read_text()
    broken = solution + "\n\ndef chain_rule(df_du, du_dx):\n    return df_du + du_dx\n"
    out = tmp_path / "r.json"
    result = invoke("day1", "calculus", "--exercises", str(make_tree(tmp_path, broken)),
                    "--report", str(out), "--student", "alice", "--seed", "3")
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    report.validate(data)
    assert data["student"] == "alice" and data["seed"] == 3 and data["target"] == "day1.calculus"
    tests = data["days"][0]["topics"][0]["tests"]
    assert {t["function"] for t in tests if t["status"] != "passed"} == {"chain_rule"}
    assert "chain_rule" in result.output and "FAIL" in result.output and "Score:" in result.output


@pytest.mark.slow
def test_full_marks_exit_0(tmp_path):
    out = tmp_path / "r.json"
    result = invoke("day1", "calculus", "--solutions", "--report", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["score"] == data["max_score"] > 0 and data["mode"] == "full"


@pytest.mark.slow
def test_syntax_error_is_reported_per_test_not_as_a_crash(tmp_path):
    out = tmp_path / "r.json"
    result = invoke("day1", "calculus", "--exercises", str(make_tree(tmp_path, "def broken(:\n")),
                    "--report", str(out))
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    tests = data["days"][0]["topics"][0]["tests"]
    assert tests and all(t["status"] == "error" and "SyntaxError" in t["message"] and "line 1" in t["message"]
                         for t in tests)


def test_report_folder_that_cannot_be_created_is_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    shutil.copy(ROOT / "course.yaml", tmp_path / "course.yaml")
    result = invoke("day1", "calculus", "--solutions", "--report", str(blocker / "r.json"))
    assert result.exit_code == 2 and "report" in result.output

"""`from grader import check` and the `%grade` magic: names, the result object, its HTML table and
terminal summary, the report it writes, and the magic in a real IPython shell."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import summary
from grader.notebook import api, magic
from grader.report import Report, TestResult, TopicResult, finish, make_day

ROOT = Path(__file__).resolve().parents[1]


def fake_report(mode: str = "full") -> Report:
    def test(fn, status, score, message="", public=True):
        return TestResult(id=f"day1.calculus::{fn}", name=f"test_{fn}", function=fn, status=status, score=score,
                          max_score=2.0, message=message, duration=0.0, public=public)
    topic = TopicResult(id="day1.calculus", title="Calculus", score=2.0, max_score=8.0, tests=(
        test("tangent_line", "passed", 2.0),
        test("chain_rule", "failed", 0.0, "chain_rule(2.0, 3.0) returned <5.0>, expected 6.0 & more"),
        test("numerical_gradient", "not_implemented", 0.0, "numerical_gradient() is not implemented yet"),
        test("gradient_descent_1d", "timeout", 0.0, "took longer than 5 s")))
    quiz = {"id": "day1", "score": 0.0, "max_score": 3.0, "status": "skipped", "source": "hash", "message": "",
            "questions": []}
    return finish(Report(student="s", target="day1", created="", grader_version="0", specs_digest="0" * 16, seed=0,
                         environment={}, isolation={}, mode=mode, days=(make_day("day1", [topic], [quiz]),)))


def test_result_has_score_functions_and_the_exit_code_meaning():
    r = api.CheckResult("day1", fake_report(), Path("reports/day1.json"))
    assert (r.score, r.max_score, r.passed, r.exit_code) == (2.0, 11.0, False, 1)
    assert [(f.name, f.status) for f in r.functions] == [
        ("tangent_line", "passed"), ("chain_rule", "failed"), ("numerical_gradient", "todo"),
        ("gradient_descent_1d", "timeout")]
    assert r.functions[1].message.startswith("chain_rule(2.0, 3.0) returned <5.0>")
    assert [q["id"] for q in r.quizzes] == ["day1"]


def test_repr_is_the_grade_summary():
    r = api.CheckResult("day1", fake_report(), Path("reports/day1.json"))
    assert repr(r) == "\n".join(summary.summary_lines(fake_report()) + ["Report: reports/day1.json"])


def test_html_table_names_every_function_colours_statuses_and_escapes_messages():
    r = api.CheckResult("day1", fake_report(), Path("reports/day1.json"))
    page = r._repr_html_()
    assert page.count("<tr style=") == 5  # four functions and the quiz
    for name in ("tangent_line", "chain_rule", "numerical_gradient", "gradient_descent_1d"):
        assert f"<code>{name}</code>" in page
    assert "returned &lt;5.0&gt;, expected 6.0 &amp; more" in page and "<5.0>" not in page
    assert '#d8f0d8"><td>day1.calculus</td><td><code>tangent_line' in page  # passed: green
    assert '#f8d7d7"><td>day1.calculus</td><td><code>chain_rule' in page  # failed: red
    assert '#eeeeee"><td>day1.calculus</td><td><code>numerical_gradient' in page and "to do" in page
    assert "not answered: grade quiz day1" in page


def test_one_function_is_cut_out_of_its_topic():
    r = api.CheckResult("day1.calculus.tangent_line", fake_report(), Path("x.json"), function="tangent_line")
    assert [f.name for f in r.functions] == ["tangent_line"] and r.quizzes == []
    assert (r.score, r.max_score, r.passed) == (2.0, 2.0, True)
    assert "chain_rule" not in repr(r) and "Score: 2/2" in repr(r)


def test_in_a_handout_passing_means_every_public_check_passed():
    rep = fake_report("public")
    assert api.CheckResult("day1", rep, Path("x.json")).passed is False
    r = api.CheckResult("t", rep, Path("x.json"), function="tangent_line")
    assert r.passed is True


def test_bad_names_are_usage_errors_with_a_suggestion(tmp_path):
    with pytest.raises(api.GradeError, match="did you mean 'day1'"):
        api.check("dya1", course=ROOT)
    with pytest.raises(api.GradeError, match="unknown topic 'tensor_basic' in day1"):
        api.check("day1.tensor_basic", course=ROOT)
    with pytest.raises(api.GradeError, match="name what to grade"):
        api.check(course=ROOT)
    with pytest.raises(api.GradeError, match="course.yaml"):
        api.check("day1", course=tmp_path)


def test_magic_options_are_parsed_like_grade():
    assert magic.parse("day1 tensor_basics --seed 3 --student=ann --solutions") == (
        ["day1", "tensor_basics"], {"seed": 3, "student": "ann", "solutions": True})
    with pytest.raises(ValueError, match="unknown option --verbose"):
        magic.parse("day1 --verbose")
    with pytest.raises(ValueError, match="--seed needs a value"):
        magic.parse("day1 --seed")


def test_import_grader_is_cheap_and_check_is_there():
    code = ("import sys, grader; assert 'torch' not in sys.modules and 'grader.notebook' not in sys.modules; "
            "from grader import check; assert callable(check) and 'torch' not in sys.modules; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr


def course_copy(tmp_path: Path) -> Path:
    """A course folder of its own (so reports/ is not the repository's), with Day 1 solved but one
    function of tensor_basics left a stub."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "course.yaml", root / "course.yaml")
    shutil.copytree(ROOT / "solutions", root / "exercises")
    source = (root / "exercises/day1/tensor_basics.py").read_text()
    start = source.index("def grid(")
    body = source.index('"""', source.index('"""', start) + 3) + 3
    end = source.index("\ndef ", body)
    (root / "exercises/day1/tensor_basics.py").write_text(
        source[:body] + "\n    raise NotImplementedError('grid')\n\n" + source[end:])
    return root


@pytest.mark.slow
def test_check_grades_like_grade_writes_the_report_and_the_magic_works(tmp_path, monkeypatch):
    root = course_copy(tmp_path)
    monkeypatch.chdir(root / "exercises")  # found by searching upward, as `grade` does
    from grader import check
    r = check("day1.tensor_basics")
    assert (r.score, r.max_score, r.passed) == (18, 19, False)
    assert {f.name: f.status for f in r.functions}["grid"] == "todo"
    assert all(f.status == "passed" for f in r.functions if f.name != "grid")
    assert r.report_path == root / "reports" / "day1.tensor_basics.json"
    data = json.loads(r.report_path.read_text())
    assert data["score"] == 18 and data["target"] == "day1.tensor_basics" and data["mode"] == "full"
    assert "<code>grid</code>" in r._repr_html_() and "todo    grid" in repr(r)

    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    try:
        shell.run_line_magic("load_ext", "grader")
        got = shell.run_line_magic("grade", "day1 tensor_basics add_into")
        assert isinstance(got, api.CheckResult)
        assert (got.score, got.max_score, got.passed) == (3, 3, True)
        assert [f.name for f in got.functions] == ["add_into"]
        failed = shell.run_cell("%grade day9")
        assert isinstance(failed.error_in_exec, Exception) and "unknown day 'day9'" in str(failed.error_in_exec)
    finally:
        InteractiveShell.clear_instance()


def test_ipython_displays_the_table_and_the_summary():
    from IPython.core.interactiveshell import InteractiveShell
    r = api.CheckResult("day1", fake_report(), Path("reports/day1.json"))
    shell = InteractiveShell.instance()
    try:
        shown, _ = shell.display_formatter.format(r)
    finally:
        InteractiveShell.clear_instance()
    assert shown["text/html"].startswith('<div class="grader-check">') and "<table>" in shown["text/html"]
    assert shown["text/plain"] == repr(r)

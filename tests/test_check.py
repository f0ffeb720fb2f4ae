"""`grade check` (instructors): coverage, hints, public checks, solutions full, stubs zero."""
import copy
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader.cli import cli
from grader.commands import check
from grader.course import Function, Text, Topic, load_course
from grader.report import TestResult, TopicResult

ROOT = Path(__file__).resolve().parents[1]
HINT = Text(zh="想想定义。", en="Think of the definition.")


def topic(hints=True, functions=("grow", "shrink")) -> Topic:
    return Topic(id="day1.size", title=Text("大小", "Size"), file="day1/size.py", timeout=5.0,
                 hint=HINT if hints else Text("TODO", "TODO"),
                 functions=tuple(Function(f, 2, HINT if hints else None) for f in functions))


def write_specs(specs: Path, hidden: str, public: str | None) -> Path:
    (specs / "day1").mkdir(parents=True)
    (specs / "day1" / "test_size.py").write_text(hidden)
    if public is not None:
        (specs / "day1" / "test_size_public.py").write_text(public)
    return specs


def result(scores: dict[str, tuple[float, str]]) -> TopicResult:
    tests = tuple(TestResult(id=f, name=f, function=f, status="passed" if s == 2 else "failed", score=s,
                             max_score=2.0, message=m, duration=0.0, public=False) for f, (s, m) in scores.items())
    return TopicResult(id="day1.size", title="Size", score=sum(t.score for t in tests), max_score=4.0, tests=tests)


FULL = result({"grow": (2.0, ""), "shrink": (2.0, "")})
ZERO = result({"grow": (0.0, "grow() is not implemented yet"), "shrink": (0.0, "shrink() is not implemented yet")})


def test_markers_are_counted_per_file(tmp_path):
    specs = write_specs(tmp_path, '@function("grow")\ndef test_a(): ...\n@spec.function(\'grow\', weight=2)\n'
                                  'def test_b(): ...\n', '@function( "shrink" )\ndef test_c(): ...\n')
    assert check.spec_markers(topic(), specs) == ({"grow": 2}, {"shrink": 1})


def test_a_complete_topic_has_no_problems(tmp_path):
    specs = write_specs(tmp_path, '@function("grow")\n@function("shrink")\n', '@function("grow")\n@function("shrink")\n')
    found = check.add_grades(check.check_static(topic(), specs), FULL, ZERO)
    assert found.problems == []
    assert (found.tested, found.public_checks, found.hinted, found.solution, found.stub) == (2, 2, 3, 4.0, 0.0)
    assert "All 1 topics hold" in "\n".join(check.table_lines([found]))


def test_static_problems_are_named(tmp_path):
    specs = write_specs(tmp_path, '@function("grow")\n@function("grwo")\n', None)
    found = check.check_static(topic(hints=False), specs)
    text = "\n".join(found.problems)
    assert "no check for shrink" in text
    assert "specs mark unknown function(s) grwo" in text
    assert "no public check for grow, shrink (students could not check it before handing in)" in text
    assert "hint missing or TODO for the topic, grow, shrink" in text
    assert found.tested == 1 and found.hinted == 0


def test_grading_problems_are_named():
    solution = result({"grow": (2.0, ""), "shrink": (0.0, "shrink(tensor[3]:float32) returned shape (1,), expected (3,)")})
    stub = result({"grow": (2.0, ""), "shrink": (0.0, "not implemented yet")})
    found = check.add_grades(check.TopicCheck(topic()), solution, stub)
    assert found.problems == [
        "solution loses points on shrink: shrink(tensor[3]:float32) returned shape (1,), expected (3,)",
        "stub scores points on grow (it should raise NotImplementedError)"]
    lines = check.table_lines([found])
    assert lines[2].split()[1:] == ["2/4", "2/4", "0/2", "0", "0/3", "-", "-", "NO"]
    assert "2 problem(s):" in lines


def test_a_function_without_public_check_fails_the_check(tmp_path):
    specs = write_specs(tmp_path, '@function("grow")\n@function("shrink")\n', '@function("grow")\n')
    found = check.add_grades(check.check_static(topic(), specs), FULL, ZERO)
    assert found.problems == ["no public check for shrink (students could not check it before handing in)"]


def test_mutant_figures_and_their_problems():
    from grader.grading.mutants import Mutant, Verdict

    def verdict(name, public, lost, collateral=()):
        return Verdict(Mutant(Path(f"{name}.py"), name.split("__")[0], frozenset()), public, lost, collateral)
    found = check.add_mutants(check.TopicCheck(topic()), [
        verdict("grow__a", True, True), verdict("grow__b", False, True), verdict("shrink__a", True, False),
        verdict("shrink__b", True, True, ("grow",))])
    assert found.mutants == (4, 3, 3)
    assert found.problems == ["known-wrong variant(s) keep full marks: shrink__a.py",
                              "correct function(s) lose points next to a wrong one: grow"]
    assert check.table_lines([found])[2].split()[6:9] == ["75%", "(3/4)", "75%"]


def test_check_needs_the_solutions_folder(tmp_path):
    shutil.copy(ROOT / "course.yaml", tmp_path / "course.yaml")
    (tmp_path / "exercises").mkdir()
    result_ = CliRunner().invoke(cli, ["--course", str(tmp_path), "check"])
    assert result_.exit_code == 2 and "solutions" in result_.output


@pytest.mark.parametrize("names", [("day1", "nothing"), ("day0",)])
def test_check_unknown_names_exit_2(names):
    result_ = CliRunner().invoke(cli, ["--course", str(ROOT), "check", *names])
    assert result_.exit_code == 2 and "unknown" in result_.output


# ---------------------------------------------------------------- real grading (slow)
def make_course(tmp_path: Path, *, stub_is_solution=False, ghost=False, todo=False) -> Path:
    """A one-topic course: the real day1.calculus with hints written (or broken on purpose)."""
    doc = yaml.safe_load((ROOT / "course.yaml").read_text(encoding="utf-8"))
    day = next(d for d in doc["days"] if d["id"] == "day1")
    block = copy.deepcopy(next(t for t in day["topics"] if t["id"] == "day1.calculus"))
    hint = {"zh": "回忆导数的定义。", "en": "Recall the definition of the derivative."}
    block["hint"] = hint
    for fn in block["functions"].values():
        fn["hint"] = hint
    if todo:
        block["functions"]["tangent_line"]["hint"] = {"zh": "TODO", "en": "TODO"}
    if ghost:
        block["functions"]["ghost"] = {"points": 1, "hint": hint}
    doc["days"] = [{**day, "topics": [block]}]
    (tmp_path / "course.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for tree in ("exercises", "solutions"):
        (tmp_path / tree / "day1").mkdir(parents=True)
        source = "solutions" if tree == "solutions" or stub_is_solution else "exercises"
        shutil.copy(ROOT / source / "day1" / "calculus.py", tmp_path / tree / "day1" / "calculus.py")
    return tmp_path


@pytest.mark.slow
def test_check_passes_a_sound_topic(tmp_path):
    result_ = CliRunner().invoke(cli, ["--course", str(make_course(tmp_path)), "check"], catch_exceptions=False)
    assert result_.exit_code == 0, result_.output
    row = next(line for line in result_.output.splitlines() if line.startswith("day1.calculus")).split()
    calculus = load_course(tmp_path).topics[0]
    m, n = calculus.max_score, len(calculus.functions)
    assert row[1:4] == [f"{m}/{m}", f"0/{m}", f"{n}/{n}"] and row[5:] == [f"{n + 1}/{n + 1}", "-", "-", "yes"]
    assert "All 1 topics hold" in result_.output


@pytest.mark.slow
def test_check_reports_each_broken_promise(tmp_path):
    course = make_course(tmp_path, stub_is_solution=True, ghost=True, todo=True)
    result_ = CliRunner().invoke(cli, ["--course", str(course), "check", "day1"], catch_exceptions=False)
    assert result_.exit_code == 1, result_.output
    out = result_.output
    assert "no check for ghost" in out
    assert "solution loses points on ghost" in out
    assert "stub scores points on numerical_derivative" in out
    assert "hint missing or TODO for tangent_line" in out
    assert "NO" in next(line for line in out.splitlines() if line.startswith("day1.calculus"))


@pytest.mark.slow
def test_check_prints_how_the_specs_treat_the_known_wrong_variants(tmp_path):
    course = make_course(tmp_path)
    shutil.copytree(ROOT / "tests" / "mutants" / "day1" / "calculus", course / "tests" / "mutants" / "day1" / "calculus")
    n = len(list((course / "tests" / "mutants" / "day1" / "calculus").glob("*.py")))
    result_ = CliRunner().invoke(cli, ["--course", str(course), "check"], catch_exceptions=False)
    assert result_.exit_code == 0, result_.output
    row = next(line for line in result_.output.splitlines() if line.startswith("day1.calculus")).split()
    assert row[6:] == ["100%", f"({n}/{n})", "100%", "yes"]
    assert "mutants: public" in result_.output

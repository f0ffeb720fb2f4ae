"""Graded quiz banks: chosen in course.yaml, shipped without hashes or explanations (the leak check
proves it by content), answered with `grade quiz` without ever hearing right or wrong, and scored
only from the instructor's key."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader import handout, summary
from grader.cli import cli
from grader.course import CourseError, load_course, parse_course
from grader.quiz.bank import QuizError, handout_form, load_bank, quiz_section

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "grader" / "quizzes"
DAY1 = {"step_slice": "c", "keepdims_shape": "(5, 1)", "keepdims_why": "d", "broadcast_shape": "(2, 3, 4)",
        "column_sum": "18", "mv_mm_matmul": "a,c,d,e", "fillna_mean": "b", "dummies_columns": "4",
        "jacobian_shape": "(3, 4)", "central_difference": "3.01"}


def course_doc(quizzes) -> dict:
    doc = yaml.safe_load((ROOT / "course.yaml").read_text(encoding="utf-8"))
    if quizzes is None:
        doc.pop("quizzes", None)
    else:
        doc["quizzes"] = quizzes
    return doc


def secrets(day: str) -> list[str]:
    """What a graded bank's handout must not contain: its hashes and explanations."""
    text = (BANKS / f"{day}.yaml").read_text(encoding="utf-8")
    found = re.findall(r"[0-9a-f]{64}", text)
    for q in yaml.safe_load(text)["questions"]:
        found += [" ".join(q["explanation"]["zh"].split()), " ".join(q["explanation"]["en"].split())]
    return found


# ---------------------------------------------------------------- course.yaml

def test_the_bundled_course_grades_every_quiz():
    course = load_course(ROOT)
    assert [course.quiz_mode(d.id) for d in course.days] == ["graded"] * 4


@pytest.mark.parametrize("quizzes, modes", [
    (None, ["practice"] * 4), ("graded", ["graded"] * 4), ("practice", ["practice"] * 4),
    ({"day2": "graded"}, ["practice", "graded", "practice", "practice"]),
])
def test_quiz_modes_per_course_or_per_day(quizzes, modes):
    course = parse_course(course_doc(quizzes), ROOT)
    assert [course.quiz_mode(d.id) for d in course.days] == modes


@pytest.mark.parametrize("quizzes, words", [
    ("secret", "quizzes is 'secret'; use practice or graded"),
    ({"Day1": "graded"}, "quizzes.Day1: no such day (did you mean 'day1'?); the days are day1, day2, day3, day4"),
    ({"day1": "hashed"}, "quizzes.day1 is 'hashed'; use practice or graded"),
    ({}, "quizzes must be practice, graded, or a mapping"),
    (["day1"], "quizzes must be practice, graded, or a mapping"),
])
def test_bad_quiz_modes_are_refused_with_the_fix(quizzes, words):
    with pytest.raises(CourseError) as info:
        parse_course(course_doc(quizzes), ROOT)
    assert words in str(info.value)


# ---------------------------------------------------------------- the bank's graded form

def graded_banks(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for day in ("day1", "day2", "day3", "day4"):
        (folder / f"{day}.yaml").write_text(handout_form(day), encoding="utf-8")
    return folder


def test_graded_form_keeps_the_questions_and_drops_hashes_and_explanations(tmp_path):
    folder = graded_banks(tmp_path)
    for day in ("day1", "day2", "day3", "day4"):
        full, graded = load_bank(day), load_bank(day, folder)
        assert graded.mode == "graded" and full.mode == "practice"
        assert [(q.id, q.kind, q.points, q.text, q.code, q.choices, q.tolerance, q.decimals) for q in graded.questions] \
            == [(q.id, q.kind, q.points, q.text, q.code, q.choices, q.tolerance, q.decimals) for q in full.questions]
        assert all(q.answer_hash is None and q.explanation is None for q in graded.questions)
        text = (folder / f"{day}.yaml").read_text(encoding="utf-8")
        assert "answer_hash" not in text and "explanation" not in text
        assert not [s for s in secrets(day) if s in " ".join(text.split())]


def test_a_graded_bank_with_hashes_or_a_practice_bank_without_is_refused(tmp_path):
    text = (BANKS / "day1.yaml").read_text(encoding="utf-8")
    (tmp_path / "day1.yaml").write_text(text.replace("course: d2l-autograder", "course: d2l-autograder\nmode: graded"))
    with pytest.raises(QuizError, match="graded bank carries an answer_hash or explanation.*course.yaml"):
        load_bank("day1", tmp_path)
    doc = yaml.safe_load(handout_form("day1"))
    del doc["mode"]
    (tmp_path / "day1.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(QuizError, match="needs 'answer_hash' and 'explanation'"):
        load_bank("day1", tmp_path)


def test_without_the_key_a_graded_bank_is_recorded_and_with_it_scored(tmp_path):
    folder = graded_banks(tmp_path)
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers/day1.yaml").write_text(yaml.safe_dump({"answers": {**DAY1, "step_slice": "a"}}))
    recorded = quiz_section(tmp_path, "day1", bank_dir=folder, key_dir=tmp_path / "no-key")
    assert recorded["source"] == "recorded" and recorded["score"] == 0 and recorded["answered"] == 10
    assert {q["status"] for q in recorded["questions"]} == {"skipped"}
    scored = quiz_section(tmp_path, "day1", bank_dir=folder)  # the instructor's key
    assert scored["source"] == "key" and scored["score"] == 10 and scored["max_score"] == 11
    line = summary.quiz_line(recorded)
    assert line.startswith("quiz day1") and "-/11  (recorded: 10 of 10 answered; graded by your instructor)" in line


# ---------------------------------------------------------------- grade quiz never reveals

@pytest.fixture
def graded_course(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    (root / "course.yaml").write_text(yaml.safe_dump(course_doc("graded"), allow_unicode=True), encoding="utf-8")
    return root


def run(course: Path, *args, input=None):
    result = CliRunner().invoke(cli, ["--course", str(course), "quiz", *args], input=input)
    assert "Traceback" not in result.output, result.output
    return result


def never_reveals(output: str) -> None:
    assert "Correct!" not in output and "Not right" not in output and "The answer is" not in output
    assert not re.search(r"\b(right|wrong)\b", output.replace("graded by your instructor", ""))
    flat = " ".join(output.split())
    assert not [s for s in secrets("day1")[10:] if s in flat]  # no explanation
    assert "Score:" not in output


def test_interactive_graded_quiz_records_and_never_says_right_or_wrong(graded_course):
    wrong = {**DAY1, "step_slice": "a", "keepdims_shape": "(5,)"}  # with the key present, even
    result = run(graded_course, "day1", input="".join(a + "\n" for a in wrong.values()))
    assert result.exit_code == 0, result.output
    never_reveals(result.output)
    assert result.output.count("Recorded — graded by your instructor.") == 10
    assert "10 of 10 answered; recorded — graded by your instructor" in result.output
    saved = yaml.safe_load((graded_course / "answers/day1.yaml").read_text())
    assert saved["answers"]["step_slice"] == "a"


def test_graded_quiz_still_checks_the_form(graded_course):
    result = run(graded_course, "day1", input="z\nc\n")
    assert "Invalid answer: 'z' is not a choice" in result.output
    never_reveals(result.output)


def test_graded_answers_file_is_checked_for_form_only(graded_course):
    path = graded_course / "mine.yaml"
    path.write_text(yaml.safe_dump({"answers": {**DAY1, "step_slice": "b"}}))
    result = run(graded_course, "day1", "--answers", str(path))
    assert result.exit_code == 0 and "10 of 10 answered, each in a valid form; recorded" in result.output
    never_reveals(result.output)
    path.write_text(yaml.safe_dump({"answers": {"step_slice": "b"}}))
    result = run(graded_course, "day1", "--answers", str(path))
    assert result.exit_code == 1 and "1 of 10 answered" in result.output
    path.write_text(yaml.safe_dump({"answers": {"step_slice": "q"}}))
    result = run(graded_course, "day1", "--answers", str(path))
    assert result.exit_code == 2 and "'q' is not a choice" in result.output


def test_a_graded_form_bank_is_never_judged_even_without_a_course(tmp_path, monkeypatch):
    import grader.quiz.bank
    monkeypatch.setattr(grader.quiz.bank, "BANK_DIR", graded_banks(tmp_path))
    monkeypatch.setattr(grader.quiz.bank, "KEY_DIR", tmp_path / "no-key")
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump({"answers": DAY1}))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["quiz", "day1", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    never_reveals(result.output)


# ---------------------------------------------------------------- the handout, by content

def course_copy(tmp_path: Path, quizzes) -> Path:
    root = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", root / "exercises")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "course.yaml").write_text(yaml.safe_dump(course_doc(quizzes), allow_unicode=True), encoding="utf-8")
    return root


def build(tmp_path: Path, quizzes) -> tuple:
    course = load_course(course_copy(tmp_path, quizzes))
    out = tmp_path / "handout"
    handout.build(course, out)
    return course, out


def texts(out: Path) -> str:
    return " ".join(" ".join(p.read_text(errors="replace").split()) for p in out.rglob("*") if p.is_file())


def test_a_graded_handout_holds_no_hash_and_no_explanation_anywhere(tmp_path):
    course, out = build(tmp_path, {"day1": "graded", "day2": "practice"})
    everything = texts(out)
    assert not [s for s in secrets("day1") if s in everything]
    assert load_bank("day1", out / "grader/quizzes").mode == "graded"
    assert all(h in everything for h in re.findall(r"[0-9a-f]{64}", (BANKS / "day2.yaml").read_text()))  # practice


@pytest.fixture(scope="module")
def graded_handout(tmp_path_factory):
    return build(tmp_path_factory.mktemp("graded"), "graded")


@pytest.mark.parametrize("what", ["hash", "explanation", "key"])
def test_the_leak_check_catches_what_a_graded_bank_must_not_give_away(graded_handout, tmp_path, what):
    course, built = graded_handout
    out = tmp_path / "handout"
    shutil.copytree(built, out)
    assert handout.find_leaks(out, course.solutions, handout.hidden_specs(),
                              list(handout.graded_banks(course).values())) == []
    bank = yaml.safe_load((BANKS / "day3.yaml").read_text(encoding="utf-8"))["questions"][2]
    key = yaml.safe_load((BANKS / "key/day3.yaml").read_text(encoding="utf-8"))["questions"][bank["id"]]
    planted = {"hash": f"# cache: {bank['answer_hash']}\n", "explanation": f"# {bank['explanation']['en']}\n",
               "key": key["verify"]}[what]
    stub = out / "exercises/day3/autograd.py"
    stub.write_text(stub.read_text() + "\n" + planted)
    leaks = handout.find_leaks(out, course.solutions, handout.hidden_specs(), list(handout.graded_banks(course).values()))
    assert leaks and all("exercises/day3/autograd.py contains" in x and "graded quiz day3" in x for x in leaks)

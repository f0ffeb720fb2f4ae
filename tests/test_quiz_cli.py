"""`grade quiz`: the interactive flow, --answers files, exit codes, and the report's quiz_section."""
from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

import grader.quiz.bank
from grader.cli import cli
from grader.quiz.bank import load_bank, quiz_section

# The day1 key, as a student would type it (tests/test_quiz_content.py checks it against torch).
DAY1 = {"step_slice": "c", "keepdims_shape": "(5, 1)", "keepdims_why": "d", "broadcast_shape": "(2, 3, 4)",
        "column_sum": "18", "mv_mm_matmul": "a,c,d,e", "fillna_mean": "b", "dummies_columns": "4",
        "jacobian_shape": "(3, 4)", "central_difference": "3.01"}
IDS = list(DAY1)


def course_yaml(quizzes: str = "practice") -> str:
    """A small valid course.yaml with days 1-4 (one topic each) and the given `quizzes:` setting."""
    days = [{"id": f"day{n}", "title": {"zh": f"第{n}天", "en": f"Day {n}"}, "topics": [
        {"id": f"day{n}.t", "title": {"zh": "主题", "en": "Topic"}, "file": f"day{n}/t.py",
         "functions": {"f": {"points": 1}}}]} for n in range(1, 5)]
    return yaml.safe_dump({"format": 1, "days": days, "quizzes": yaml.safe_load(quizzes)}, allow_unicode=True)


@pytest.fixture
def course(tmp_path):
    (tmp_path / "course.yaml").write_text(course_yaml("practice"))
    return tmp_path


@pytest.fixture
def no_key(tmp_path, monkeypatch):
    """Pretend to be a student's handout: the key folder is absent."""
    monkeypatch.setattr(grader.quiz.bank, "KEY_DIR", tmp_path / "no-key")


def run(course, *args, input=None):
    result = CliRunner().invoke(cli, ["--course", str(course), "quiz", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def saved(course, day="day1"):
    return yaml.safe_load((course / "answers" / f"{day}.yaml").read_text())


def test_bank_order_matches_the_test_data():
    assert [q.id for q in load_bank("day1").questions] == IDS


def test_interactive_all_right(course):
    result = run(course, "day1", input="".join(a + "\n" for a in DAY1.values()))
    assert result.exit_code == 0
    assert result.output.count("Correct!") == 10 and "Score: 11/11 with 10 of 10 answered" in result.output
    assert "a) tensor([1, 2, 3])" in result.output and "    x[1::3]" in result.output
    assert saved(course) == {"day": "day1", "answers": {
        **DAY1, "column_sum": "18.0", "dummies_columns": "4.0"}}


def test_invalid_input_is_asked_again_then_eof_saves(course):
    result = run(course, "day1", input="z\nab\nc\n(5, -1)\n5,1\n")
    assert result.exit_code == 0
    out = result.output
    assert "Invalid answer: 'z' is not a choice; answer with letters a-d. Try again." in out
    assert "Invalid answer: choose exactly one letter a-d" in out
    assert "'-1' is not a size" in out and out.count("Correct!") == 2
    assert "Stopped." in out and "Saved 2 answer(s)" in out
    assert saved(course)["answers"] == {"step_slice": "c", "keepdims_shape": "(5, 1)"}


def test_numeric_text_is_asked_again(course):
    result = run(course, "day1", "--only", "column_sum", input="eighteen\n18\n")
    assert "'eighteen' is not a number" in result.output and "Correct!" in result.output


def test_resume_skips_answered_and_redo_asks_again(course):
    run(course, "day1", input="c\n\nd\n")  # answer 1, skip 2, answer 3 (wrong), then EOF
    assert saved(course)["answers"] == {"step_slice": "c", "keepdims_why": "d"}
    again = run(course, "day1", input="(5, 1)\n")
    assert "[1/8] keepdims_shape" in again.output and "step_slice" not in again.output
    assert saved(course)["answers"]["keepdims_shape"] == "(5, 1)"
    redo = run(course, "day1", "--redo", input="a\n")
    assert "[1/10] step_slice" in redo.output and "Not right. The answer is c." in redo.output
    assert saved(course)["answers"]["step_slice"] == "a"
    assert list(saved(course)["answers"]) == ["step_slice", "keepdims_shape", "keepdims_why"]


def test_everything_answered_says_how_to_revise(course):
    run(course, "day1", input="".join(a + "\n" for a in DAY1.values()))
    result = run(course, "day1", input="")
    assert "All questions are answered; use --redo" in result.output and result.exit_code == 0


def test_only_revises_one_question(course):
    run(course, "day1", input="c\n")
    result = run(course, "day1", "--only", "fillna_mean", input="b\n")
    assert "[1/1] fillna_mean" in result.output and "Correct!" in result.output
    assert saved(course)["answers"] == {"step_slice": "c", "fillna_mean": "b"}
    bad = run(course, "day1", "--only", "nope")
    assert bad.exit_code == 2 and "unknown question id 'nope'" in bad.output


def test_eof_at_once_writes_nothing(course):
    result = run(course, "day1", input="")
    assert result.exit_code == 0 and "Stopped." in result.output
    assert not (course / "answers").exists()


def test_hash_mode_does_not_reveal_the_answer(course, no_key):
    result = run(course, "day1", input="a\n(5, 1)\n")
    assert "Not right.\n" in result.output and "The answer is" not in result.output
    assert "Correct!" in result.output and "advisory" in result.output


def test_broken_saved_answers_is_a_one_line_error(course):
    (course / "answers").mkdir()
    (course / "answers" / "day1.yaml").write_text("answers:\n  step_slice: q\n")
    result = run(course, "day1", input="c\n")
    assert result.exit_code == 2 and "line 2: question 'step_slice': 'q' is not a choice" in result.output


def write(course, text):
    path = course / "mine.yaml"
    path.write_text(text)
    return str(path)


def test_answers_file_all_right_exits_0(course):
    path = write(course, yaml.safe_dump({"day": "day1", "answers": DAY1}))
    result = run(course, "day1", "--answers", path)
    assert result.exit_code == 0 and "Score: 11/11" in result.output
    assert result.output.count(" right") == 10


def test_answers_file_with_wrong_and_missing_exits_1(course, no_key):
    answers = {**DAY1, "step_slice": "a"}
    answers.pop("column_sum")
    result = run(course, "day1", "--answers", write(course, yaml.safe_dump({"answers": answers})))
    assert result.exit_code == 1 and "Score: 9/11 (advisory" in result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()[2:12]}
    assert lines["step_slice"].endswith("0/1  wrong") and lines["column_sum"].endswith("not answered")
    assert lines["mv_mm_matmul"].endswith("2/2  right")


@pytest.mark.parametrize("text, words", [
    ("answers:\n  step_slice: [c\n", "line 3: not valid YAML"),
    ("answers:\n  step_slice: c\n  step_slicer: c\n", "line 3: unknown question id 'step_slicer'"),
    ("answers:\n  column_sum: lots\n", "line 2: question 'column_sum': 'lots' is not a number"),
    ("day: day2\nanswers: {}\n", "line 1: answers are for 'day2', not 'day1'"),
    ("[1, 2]\n", "line 1: expected a mapping"),
])
def test_malformed_answers_file_exits_2_with_one_line(course, text, words):
    result = run(course, "day1", "--answers", write(course, text))
    assert result.exit_code == 2 and words in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("Error: ")


def test_missing_day_or_file_exits_2(course):
    missing_day = run(course, "day9", "--answers", write(course, "{}\n"))
    assert missing_day.exit_code == 2 and "no quiz for 'day9' (quizzes: day1, day2, day3, day4)" in missing_day.output
    missing_file = run(course, "day1", "--answers", str(course / "nope.yaml"))
    assert missing_file.exit_code == 2 and "not found" in missing_file.output


def test_interactive_needs_a_course_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["quiz", "day1"], input="c\n")
    assert result.exit_code == 2 and "course.yaml" in result.output


def test_quiz_section_unanswered_is_skipped(course):
    section = quiz_section(course, "day1")
    assert section["status"] == "skipped" and section["score"] == 0 and section["max_score"] == 11
    assert section["source"] == "key" and {q["status"] for q in section["questions"]} == {"skipped"}
    assert quiz_section(course, "day9") is None


def test_quiz_section_from_saved_answers(course, tmp_path):
    run(course, "day1", input="".join(a + "\n" for a in DAY1.values()))
    section = quiz_section(course, "day1")
    assert (section["status"], section["score"], section["max_score"]) == ("passed", 11.0, 11.0)
    assert [q["id"] for q in section["questions"]] == IDS
    assert section["questions"][5] == {"id": "mv_mm_matmul", "status": "passed", "score": 2.0, "max_score": 2.0}
    partial = tmp_path / "partial.yaml"
    partial.write_text("answers:\n  step_slice: b\n  column_sum: 18\n  extra_id: a\n")
    section = quiz_section(course, "day1", partial)
    assert (section["status"], section["score"]) == ("failed", 1.0)
    assert "extra_id" in section["message"]
    statuses = {q["id"]: q["status"] for q in section["questions"]}
    assert statuses["step_slice"] == "failed" and statuses["column_sum"] == "passed"
    assert statuses["keepdims_shape"] == "skipped"


def test_quiz_section_hash_mode_and_broken_file(course, tmp_path, no_key):
    run(course, "day1", input="".join(a + "\n" for a in DAY1.values()))
    section = quiz_section(course, "day1")
    assert (section["source"], section["status"], section["score"]) == ("hash", "passed", 11.0)
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [\n")
    section = quiz_section(course, "day1", broken)
    assert section["status"] == "failed" and section["score"] == 0 and "not valid YAML" in section["message"]
    assert {q["status"] for q in section["questions"]} == {"failed"}


def test_quiz_is_registered_and_has_help(course):
    result = run(course, "--help")
    assert result.exit_code == 0 and "--answers" in result.output and "--redo" in result.output

"""`grade quiz DAY`: answer a day's quiz in the terminal, or score an answers file (CI).

Interactive answers are saved to `<course root>/answers/<day>.yaml` after every question, so a
rerun resumes where it stopped; Ctrl-D saves and stops. With `--answers FILE` nothing is asked:
a per-question table and the score are printed, exit 0 when all are right, 1 otherwise.

A *graded* quiz (course.yaml `quizzes:`, or a bank shipped in its graded form) is never judged
here: each answer's form is checked and the answer recorded ("recorded — graded by your
instructor"); no right/wrong, no explanation, no score, even where the key is present.
"""
from __future__ import annotations

from pathlib import Path

import click

from grader.course import COURSE_FILE, CourseError, find_root, load_course
from grader.quiz.bank import (LETTERS, AnswerError, Bank, KeyEntry, Question, QuizError, available_days,
                         grade, hash_form, is_correct, load_bank, load_key, normalise, rehash_bank)
from grader.quiz.answers import check_answers, read_answers, write_answers
from grader.summary import points, points_phrase

_KIND_LABEL = {"single": "single choice 单选", "multi": "select all that apply 多选",
               "numeric": "number 数值", "shape": "shape 形状"}
_VERDICT = {"passed": "right", "failed": "wrong", "skipped": "not answered"}
RECORDED = "recorded — graded by your instructor"


class QuizUsageError(click.ClickException):
    """A one-line error (bad day, file, id or answer) with exit code 2."""
    exit_code = 2


@click.command("quiz", short_help="Answer a day's quiz (中文 + English), or score an answers file.")
@click.argument("day")
@click.option("--answers", "answers_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Score this answers file without asking (CI): exit 0 when all right, 1 otherwise.")
@click.option("--redo", is_flag=True, help="Ask every question again, answered ones too.")
@click.option("--only", multiple=True, metavar="ID", help="Ask only this question (repeatable), to revise it.")
@click.option("--course", "course_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Course folder holding course.yaml (default: search upward from here).")
@click.option("--rehash", is_flag=True, hidden=True, help="Instructors: rewrite the bank's hashes from the key.")
@click.pass_context
def quiz(ctx: click.Context, day: str, answers_file: Path | None, redo: bool, only: tuple[str, ...],
         course_dir: Path | None, rehash: bool) -> None:
    """Answer the quiz of DAY (day1 … day4) in the terminal, or score an --answers file."""
    bank, key = _load(day)
    if rehash:
        click.echo(f"{day}: rehashed {', '.join(_call(rehash_bank, day)) or 'nothing (all up to date)'}")
        return
    root = _course_root(ctx, course_dir, required=answers_file is None)
    graded = is_graded(bank, root)
    if answers_file is not None:
        ctx.exit(record_file(bank, answers_file) if graded else score_file(bank, key, answers_file))
    else:
        run_session(bank, None if graded else key, root / "answers" / f"{day}.yaml", redo=redo, only=only,
                    graded=graded)


def _load(day: str) -> tuple[Bank, dict[str, KeyEntry] | None]:
    """The bank and (when present) the instructor's key, or a one-line error."""
    bank = _call(load_bank, day)
    if bank is None:
        raise QuizUsageError(f"no quiz for {day!r} (quizzes: {', '.join(available_days()) or 'none'})")
    return bank, _call(load_key, bank)


def _call(fn, *args):
    try:
        return fn(*args)
    except QuizError as exc:
        raise QuizUsageError(str(exc)) from None


def _course_root(ctx: click.Context, course_dir: Path | None, *, required: bool) -> Path | None:
    """The course root (--course here, on `grade`, or searched upward); None when there is none
    and none is `required` (scoring an --answers file needs no course folder)."""
    parent = ctx.find_root().params.get("course")
    try:
        return find_root(Path(course_dir or parent) if (course_dir or parent) else None)
    except CourseError as exc:
        if required:
            raise QuizUsageError(str(exc)) from None
        return None


def is_graded(bank: Bank, root: Path | None) -> bool:
    """Whether the day's quiz is graded: the bank ships in its graded form, or course.yaml says so."""
    if bank.mode == "graded":
        return True
    if root is None or not (root / COURSE_FILE).is_file():
        return False
    try:
        return load_course(root).quiz_mode(bank.day) == "graded"
    except CourseError as exc:
        raise QuizUsageError(str(exc)) from None


def _source_note(key: dict | None) -> str:
    if key is not None:
        return "checked with the instructor's key"
    return "advisory: checked against hashes; the graded score comes from the instructor's run"


# ---------------------------------------------------------------- non-interactive (CI)

def score_file(bank: Bank, key: dict | None, path: Path) -> int:
    """Print a per-question table and the score of an answers file; 0 when all right, else 1."""
    if not path.is_file():
        raise QuizUsageError(f"answers file {path} not found")
    answers, lines = _call(read_answers, path, bank.day)
    _call(check_answers, bank, answers, lines, path)
    results = grade(bank, answers, key)
    width = max(len(q.id) for q in bank.questions)
    click.echo(f"Quiz {bank.day}: {path}")
    click.echo(f"  {'question':<{width}}  {'points':>7}  result")
    for r in results:
        click.echo(f"  {r.id:<{width}}  {points(r.score) + '/' + points(r.max_score):>7}  {_VERDICT[r.status]}")
    score = sum(r.score for r in results)
    click.echo(f"Score: {points(score)}/{points(bank.max_score)} ({_source_note(key)})")
    return 0 if all(r.status == "passed" for r in results) else 1


def record_file(bank: Bank, path: Path) -> int:
    """A graded quiz's answers file: every answer's form checked (a bad one is exit 2), a table of
    what is answered, never right or wrong; 0 when every question is answered, else 1."""
    if not path.is_file():
        raise QuizUsageError(f"answers file {path} not found")
    answers, lines = _call(read_answers, path, bank.day)
    _call(check_answers, bank, answers, lines, path)
    width = max(len(q.id) for q in bank.questions)
    click.echo(f"Quiz {bank.day} (graded): {path}")
    click.echo(f"  {'question':<{width}}  {'points':>6}  answer")
    answered = 0
    for q in bank.questions:
        given = answers.get(q.id)
        ok = given is not None and not (isinstance(given, str) and not given.strip())
        answered += ok
        click.echo(f"  {q.id:<{width}}  {points(q.points):>6}  {normalise(q, given) if ok else 'not answered'}")
    click.echo(f"{answered} of {len(bank.questions)} answered, each in a valid form; {RECORDED}.")
    return 0 if answered == len(bank.questions) else 1


# ---------------------------------------------------------------- interactive

def run_session(bank: Bank, key: dict | None, path: Path, *, redo: bool, only: tuple[str, ...],
                graded: bool = False) -> None:
    """Ask the questions still to answer, saving after each; Ctrl-D saves and stops cleanly.
    A graded quiz records each answer and says nothing about whether it is right."""
    saved: dict[str, object] = {}
    if path.is_file():
        saved, lines = _call(read_answers, path, bank.day)
        _call(check_answers, bank, saved, lines, path)
    unknown = [qid for qid in only if bank.question(qid) is None]
    if unknown:
        raise QuizUsageError(f"unknown question id {unknown[0]!r} for {bank.day} "
                             f"(known: {', '.join(q.id for q in bank.questions)})")
    todo = [q for q in bank.questions if (q.id in only if only else redo or saved.get(q.id) is None)]
    answers = {k: v for k, v in saved.items() if v is not None}
    click.echo(f"{bank.title.both()}\n{len(bank.questions)} questions, {points(bank.max_score)} points"
               + (" (graded by your instructor: answers are recorded, not checked here)" if graded else "")
               + ". Press Enter to skip a question, Ctrl-D to save and stop.")
    if not todo:
        click.echo("All questions are answered; use --redo to answer again or --only ID to revise one.")
    for number, q in enumerate(todo, 1):
        _show(q, number, len(todo))
        try:
            canonical = _ask(q)
        except click.Abort:
            click.echo("\nStopped.")
            break
        if canonical is None:
            continue
        answers[q.id] = canonical
        write_answers(path, bank.day, {p.id: answers[p.id] for p in bank.questions if p.id in answers})
        if graded:
            click.echo("Recorded — graded by your instructor.")
        else:
            _tell(bank, q, canonical, key)
    if graded:
        answered = sum(answers.get(q.id) is not None for q in bank.questions)
        if answers:
            click.echo(f"\nSaved {len(answers)} answer(s) to {path}.")
        click.echo(f"{answered} of {len(bank.questions)} answered; {RECORDED} (hand in with `grade submit`).")
    else:
        _summary(bank, key, answers, path)


def _show(q: Question, number: int, total: int) -> None:
    click.echo(f"\n[{number}/{total}] {q.id}  ({points_phrase(q.points)}, {_KIND_LABEL[q.kind]})")
    click.echo(q.text.both())
    if q.code:
        click.echo("\n" + "\n".join("    " + line for line in q.code.splitlines()) + "\n")
    for letter, choice in zip(LETTERS, q.choices):
        click.echo(f"  {letter}) " + choice.both().replace("\n", "\n     "))


def _ask(q: Question) -> str | None:
    """Read an answer until it is valid for the question's kind; None when skipped (empty line)."""
    last = LETTERS[len(q.choices) - 1] if q.choices else ""
    label = {"single": f"Your answer (one letter a-{last})", "multi": f"Your answer (letters a-{last}, e.g. a,c)",
             "numeric": "Your answer (a number)", "shape": "Your answer (a shape, e.g. (3, 1))"}[q.kind]
    while True:
        text = click.prompt(label, default="", show_default=False)
        if not text.strip():
            click.echo("Skipped.")
            return None
        try:
            return normalise(q, text)
        except AnswerError as exc:
            click.echo(f"Invalid answer: {exc}. Try again.")


def _tell(bank: Bank, q: Question, canonical: str, key: dict | None) -> None:
    if is_correct(bank, q, canonical, key):
        click.echo("Correct!")
    else:
        shown = f" The answer is {hash_form(q, key[q.id].answer)}." if key is not None else ""
        click.echo(f"Not right.{shown}")
    click.echo(q.explanation.both())


def _summary(bank: Bank, key: dict | None, answers: dict[str, object], path: Path) -> None:
    results = grade(bank, answers, key)
    answered = sum(r.status != "skipped" for r in results)
    score = sum(r.score for r in results)
    if answers:
        click.echo(f"\nSaved {len(answers)} answer(s) to {path}.")
    click.echo(f"Score: {points(score)}/{points(bank.max_score)} with {answered} of {len(results)} "
               f"answered ({_source_note(key)}).")

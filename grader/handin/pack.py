"""`grade submit`: pack what is graded into one zip named after the student.

The zip holds the topic files (`exercises/dayN/<topic>.py`), the quiz answers (`answers/dayN.yaml`)
and `manifest.json` (student, time, grader version, specs digest, sha256 of every file). Student
code is read as text and parsed with `ast`, never run: a function whose body still raises
NotImplementedError is reported as not implemented, and a hand-in where every function is still
a stub and no quiz is answered is refused (NothingToSubmit).
"""
from __future__ import annotations

import ast
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from grader.course import Course, Topic
from grader.files import write_atomic
from grader.handin import manifest


class NothingToSubmit(Exception):
    """No exercise is started and no quiz answered: the message says what to do first."""


@dataclass
class Packed:
    path: Path
    student: str
    files: list[str]
    warnings: list[str] = field(default_factory=list)


def stubs_in(source: str, names) -> tuple[list[str], list[str]]:
    """(functions of `names` that are still stubs, functions of `names` not defined at all) in a
    module's source; SyntaxError when it does not parse. A stub is a top-level function whose body
    still has a `raise NotImplementedError` statement of its own."""
    tree = ast.parse(source)
    defined = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    stubs = [n for n in names if n in defined and any(_raises_not_implemented(s) for s in defined[n].body)]
    return stubs, [n for n in names if n not in defined]


def _raises_not_implemented(stmt: ast.stmt) -> bool:
    if not isinstance(stmt, ast.Raise) or stmt.exc is None:
        return False
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def code_warnings(course: Course, exercises: Path) -> tuple[list[str], bool]:
    """Warnings about the topic files (missing, unparsable, functions still stubs) and whether any
    work is there at all (a function implemented, or a file edited so far that it no longer parses)."""
    warnings, started = [], False
    for topic in course.topics:
        path = exercises / topic.file
        names = [f.name for f in topic.functions]
        if not path.is_file():
            warnings.append(f"exercises/{topic.file} is missing: {topic.id} will score 0")
            continue
        try:
            stubs, missing = stubs_in(path.read_text(encoding="utf-8", errors="replace"), names)
        except SyntaxError as exc:
            warnings.append(f"exercises/{topic.file} does not parse (line {exc.lineno}: {exc.msg}): "
                            f"{topic.id} will score 0 until it does")
            started = True
            continue
        started = started or len(stubs) + len(missing) < len(names)
        if stubs:
            warnings.append(f"{topic.id}: not implemented yet: {', '.join(stubs)}")
        if missing:
            warnings.append(f"{topic.id}: not defined: {', '.join(missing)} (it will score 0)")
    return warnings, started


def quiz_warnings(course: Course, answers: Path, bank_dir: Path | None = None) -> tuple[list[str], bool]:
    """Warnings about unanswered quiz questions, and whether any question is answered."""
    from grader.quiz.answers import check_answers, read_answers
    from grader.quiz.bank import QuizError, load_bank
    warnings, answered_any = [], False
    for day in course.days:
        try:
            bank = load_bank(day.id, bank_dir)
        except QuizError as exc:
            warnings.append(f"quiz {day.id}: the bank cannot be read ({exc})")
            continue
        if bank is None:
            continue
        path = answers / f"{day.id}.yaml"
        given = {}
        if path.is_file():
            try:
                given, lines = read_answers(path, day.id)
                check_answers(bank, given, lines, Path("answers") / path.name)
            except QuizError as exc:
                warnings.append(f"quiz {day.id}: {exc}; fix it or run `grade quiz {day.id} --redo`")
                answered_any = True
                continue
        open_ids = [q.id for q in bank.questions if given.get(q.id) in (None, "", [])]
        answered_any = answered_any or len(open_ids) < len(bank.questions)
        if len(open_ids) == len(bank.questions):
            warnings.append(f"quiz {day.id}: not answered (grade quiz {day.id})")
        elif open_ids:
            warnings.append(f"quiz {day.id}: {len(open_ids)} of {len(bank.questions)} questions not answered: "
                            f"{', '.join(open_ids)} (grade quiz {day.id})")
    return warnings, answered_any


def collect_files(course: Course, exercises: Path, answers: Path) -> dict[str, bytes]:
    """Path in the zip -> content: the topic files and the answers files that exist."""
    found = {}
    for topic in course.topics:
        path = exercises / topic.file
        if path.is_file():
            found[f"exercises/{topic.file}"] = path.read_bytes()
    for day in course.days:
        path = answers / f"{day.id}.yaml"
        if path.is_file():
            found[f"answers/{day.id}.yaml"] = path.read_bytes()
    return found


def specs_digest(topics: list[Topic]) -> str:
    from grader.grading.job import specs_digest as digest
    return digest(topics)


def pack(course: Course, student: str, out: Path | None = None, *, exercises: Path | None = None,
         bank_dir: Path | None = None) -> Packed:
    """Write `<student>.zip` (or `out`) and return what went in and what looks unfinished."""
    from grader import __version__
    exercises = Path(exercises) if exercises else course.exercises
    answers = course.root / "answers"
    code_notes, started = code_warnings(course, exercises)
    quiz_notes, answered = quiz_warnings(course, answers, bank_dir)
    files = collect_files(course, exercises, answers)
    if not started and not answered:
        raise NothingToSubmit(
            "nothing to submit: every function in exercises/ still raises NotImplementedError and no quiz "
            f"is answered; implement a function (grade {course.days[0].id}) or answer a quiz "
            f"(grade quiz {course.days[0].id}) first")
    student = manifest.safe_student_id(student)
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    doc = manifest.make(student, files, created=created, grader_version=__version__,
                        specs_digest=specs_digest(list(course.topics)), course=course.title.en)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
        archive.writestr(manifest.NAME, manifest.dumps(doc))
    path = Path(out) if out else course.root / f"{student}.zip"
    write_atomic(path, buffer.getvalue(), sync=True)
    return Packed(path=path, student=student, files=sorted(files), warnings=code_notes + quiz_notes)

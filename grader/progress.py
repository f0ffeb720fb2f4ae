"""A student's progress from the reports already written under reports/ (no grading, no torch).

For each topic the newest report that graded it wins. Reports are read as plain JSON and checked
only for the fields used here, so `grade status` stays fast and tolerates old or partial files.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.course import Course, Day, Topic
from grader.report import is_not_implemented



@dataclass(frozen=True)
class TopicStatus:
    topic: Topic
    score: float | None          # None: never graded; else exactly what that grading showed
    graded: datetime | None
    unimplemented: tuple[str, ...]  # still a stub (raises NotImplementedError), in course order
    failing: tuple[str, ...]      # functions with a check that did not pass (implemented or not)
    edited_since: bool            # the exercise file changed after that grading
    public_passed: tuple[str, ...] = ()  # in a handout: functions whose public checks all passed
    handout: bool = False

    @property
    def done(self) -> bool:
        return self.score is not None and not self.failing and not self.unimplemented


@dataclass(frozen=True)
class DayStatus:
    day: Day
    topics: tuple[TopicStatus, ...]
    quiz_answered: bool
    quiz: dict | None = None      # the day's quiz section from the newest report that graded the day

    @property
    def score(self) -> float:
        return sum(t.score or 0.0 for t in self.topics) + (self.quiz["score"] if self.quiz else 0.0)

    @property
    def max_score(self) -> float:
        return self.day.max_score + (self.quiz["max_score"] if self.quiz else 0.0)


def read_reports(folder: Path) -> tuple[list[dict], list[str]]:
    """Report documents in `folder` (not its subfolders), and the names of unreadable files."""
    docs, bad = [], []
    for path in sorted(Path(folder).glob("*.json")) if Path(folder).is_dir() else []:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            bad.append(path.name)
            continue
        when = _created(doc)
        if when is None or not isinstance(doc.get("days"), list):
            bad.append(path.name)
            continue
        docs.append({**doc, "_created": when})
    return docs, bad


def newest_topics(docs: list[dict]) -> dict[str, tuple[dict, datetime]]:
    """Topic id -> (topic entry, grading time) from the newest report that graded it."""
    found: dict[str, tuple[dict, datetime]] = {}
    for doc in sorted(docs, key=lambda d: d["_created"]):
        for day in doc["days"]:
            for topic in (day.get("topics") or []) if isinstance(day, dict) else []:
                if isinstance(topic, dict) and isinstance(topic.get("id"), str):
                    found[topic["id"]] = ({**topic, "_mode": doc.get("mode")}, doc["_created"])
    return found


def unimplemented(topic_entry: dict) -> tuple[str, ...]:
    """Functions whose checks said they are not implemented yet, in report order."""
    return _functions(topic_entry, is_not_implemented)


def stubs_in(path: Path) -> tuple[str, ...] | None:
    """Functions of a student file whose body still ends in `raise NotImplementedError` (read,
    never run); None when the file cannot be read or parsed."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    found = []
    for node in tree.body:
        last = node.body[-1] if isinstance(node, ast.FunctionDef) and node.body else None
        if isinstance(last, ast.Raise) and _names_not_implemented(last.exc):
            found.append(node.name)
    return tuple(found)


def _names_not_implemented(exc) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def public_passed(topic_entry: dict) -> tuple[str, ...]:
    """Functions with public checks, all of them passed."""
    tests = [t for t in topic_entry.get("tests") or [] if isinstance(t, dict) and t.get("public") is True]
    failed = {t.get("function") for t in tests if t.get("status") != "passed"}
    return tuple(dict.fromkeys(str(t.get("function")) for t in tests if t.get("function") not in failed))


def failing(topic_entry: dict) -> tuple[str, ...]:
    """Functions with a check that did not pass (in a handout, only functions with public checks)."""
    tests = [t for t in topic_entry.get("tests") or [] if isinstance(t, dict)]
    public = {t.get("function") for t in tests if t.get("public") is True}
    handout = topic_entry.get("_mode") == "public"
    return _functions(topic_entry, lambda t: t.get("status") != "passed"
                      and (not handout or t.get("function") in public))


def newest_quizzes(docs: list[dict]) -> dict[str, dict]:
    """Day id -> its quiz section from the newest report that graded the day's quiz."""
    found: dict[str, dict] = {}
    for doc in sorted(docs, key=lambda d: d["_created"]):
        for day in doc["days"]:
            quizzes = day.get("quizzes") if isinstance(day, dict) else None
            sections = [q for q in quizzes or [] if isinstance(q, dict)
                        and type(q.get("score")) in (int, float) and type(q.get("max_score")) in (int, float)]
            if sections:
                found[str(day.get("id"))] = {"score": float(sum(q["score"] for q in sections)),
                                             "max_score": float(sum(q["max_score"] for q in sections))}
    return found


def course_status(course: Course, docs: list[dict], exercises: Path | None = None) -> list[DayStatus]:
    """Per day and topic: the newest scores (quiz included), when, what is left; quiz answered when
    answers/<day>.yaml exists."""
    newest, quizzes = newest_topics(docs), newest_quizzes(docs)
    days = []
    for day in course.days:
        topics = tuple(_topic_status(t, newest.get(t.id), exercises) for t in day.topics)
        answered = (course.root / "answers" / f"{day.id}.yaml").is_file()
        days.append(DayStatus(day=day, topics=topics, quiz_answered=answered, quiz=quizzes.get(day.id)))
    return days


def next_function(days: list[DayStatus]) -> tuple[Topic, str] | None:
    """The first function in course order that is not done (never graded, a stub, or failing)."""
    for day in days:
        for t in day.topics:
            if t.score is None:
                return t.topic, t.topic.functions[0].name
            left = [f.name for f in t.topic.functions if f.name in t.unimplemented or f.name in t.failing]
            if left:
                return t.topic, left[0]
    return None


def _topic_status(topic: Topic, entry: tuple[dict, datetime] | None, exercises: Path | None) -> TopicStatus:
    file = Path(exercises) / topic.file if exercises is not None else None
    if entry is None:
        return TopicStatus(topic, None, None, stubs_in(file) or () if file else (), (), False)
    data, when = entry
    score = data.get("score")
    score = float(score) if type(score) in (int, float) else 0.0
    edited = _edited_after(exercises, topic, when)
    stubs = stubs_in(file) if file is not None and edited else None
    todo = _in_course_order(topic, stubs if stubs is not None else unimplemented(data))
    return TopicStatus(topic, score, when, todo, _in_course_order(topic, failing(data)), edited,
                       public_passed(data), data.get("_mode") == "public")


def _in_course_order(topic: Topic, names) -> tuple[str, ...]:
    names = set(names)
    return tuple(f.name for f in topic.functions if f.name in names) + tuple(sorted(n for n in names if not topic.function(n)))


def _edited_after(exercises: Path | None, topic: Topic, when: datetime) -> bool:
    if exercises is None:
        return False
    try:
        mtime = (Path(exercises) / topic.file).stat().st_mtime
    except OSError:
        return False
    return mtime > when.timestamp() + 1.0  # reports store whole seconds


def _functions(topic_entry: dict, pick) -> tuple[str, ...]:
    names: list[str] = []
    for test in topic_entry.get("tests") or []:
        if isinstance(test, dict) and pick(test):
            name = str(test.get("function", "?"))
            if name not in names:
                names.append(name)
    return tuple(names)


def _created(doc: object) -> datetime | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("created"), str):
        return None
    try:
        when = datetime.fromisoformat(doc["created"])
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()

"""A student's progress from the reports already written under reports/ (no grading, no torch).

For each topic the newest report that graded it wins. Reports are read as plain JSON and checked
only for the fields used here, so `grade status` stays fast and tolerates old or partial files.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from grader.course import Course, Day, Topic
from grader.report import is_not_implemented



@dataclass(frozen=True)
class TopicStatus:
    topic: Topic
    score: float | None          # None: never graded
    graded: datetime | None
    unimplemented: tuple[str, ...]
    failing: tuple[str, ...]      # functions with a failed check (implemented or not)
    edited_since: bool            # the exercise file changed after that grading


@dataclass(frozen=True)
class DayStatus:
    day: Day
    topics: tuple[TopicStatus, ...]
    quiz_answered: bool

    @property
    def score(self) -> float:
        return sum(t.score or 0.0 for t in self.topics)


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


def failing(topic_entry: dict) -> tuple[str, ...]:
    """Functions with a check that did not pass (in a handout, only functions with public checks)."""
    tests = [t for t in topic_entry.get("tests") or [] if isinstance(t, dict)]
    public = {t.get("function") for t in tests if t.get("public") is True}
    handout = topic_entry.get("_mode") == "public"
    return _functions(topic_entry, lambda t: t.get("status") != "passed"
                      and (not handout or t.get("function") in public))


def course_status(course: Course, docs: list[dict], exercises: Path | None = None) -> list[DayStatus]:
    """Per day and topic: newest score, when, what is left; quiz answered when answers/<day>.yaml exists."""
    newest = newest_topics(docs)
    days = []
    for day in course.days:
        topics = tuple(_topic_status(t, newest.get(t.id), exercises) for t in day.topics)
        answered = (course.root / "answers" / f"{day.id}.yaml").is_file()
        days.append(DayStatus(day=day, topics=topics, quiz_answered=answered))
    return days


def _topic_status(topic: Topic, entry: tuple[dict, datetime] | None, exercises: Path | None) -> TopicStatus:
    if entry is None:
        return TopicStatus(topic, None, None, (), (), False)
    data, when = entry
    score = data.get("score")
    score = float(score) if type(score) in (int, float) else 0.0
    return TopicStatus(topic, score, when, unimplemented(data), failing(data),
                       _edited_after(exercises, topic, when))


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

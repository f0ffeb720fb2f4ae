"""What the commands share: the usage error, the course they act on, names resolved from what a
user typed, and checks made before any work starts.

Names: `day3`, `day3 autograd`, `day3.autograd`, `day3.autograd grad_of`, `day3 autograd grad_of`,
and a bare topic or function name when it is unique in the course; a close name is suggested when
none matches.
"""
from __future__ import annotations

import difflib
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import click

from grader.course import Course, CourseError, Day, Function, Topic, find_root, load_course


class ConfigError(click.ClickException):
    """A usage or configuration problem: one line, exit code 2."""
    exit_code = 2


def course_from(ctx: click.Context) -> Course:
    """The course of --course DIR, or of the nearest folder above the cwd holding course.yaml."""
    root = ctx.find_root().params.get("course")
    try:
        return load_course(Path(root)) if root else load_course(find_root())
    except CourseError as exc:
        raise ConfigError(str(exc)) from None


def resolve_topics(course: Course, target: str, topic: str | None) -> tuple[list[Topic], str]:
    """The topics a target (`all` or a day, and maybe a topic) names, and the target's name; a
    usage error (exit 2) with a suggestion when it names none."""
    if target != "all" and course.day(target) is None:
        raise ConfigError(f"unknown day {target!r}{suggest(target, [d.id for d in course.days] + ['all'])}; "
                          f"this course has {', '.join(d.id for d in course.days)} (or all)")
    days = course.days if target == "all" else [course.day(target)]
    topics = [t for d in days for t in d.topics]
    if topic is None:
        return topics, target
    chosen = [t for t in topics if t.id == topic or t.name == topic]
    if not chosen:
        names = ", ".join(t.name for t in topics)
        raise ConfigError(f"unknown topic {topic!r} in {target}{suggest(topic, [t.name for t in topics])}; "
                          f"choose one of: {names}")
    return chosen, chosen[0].id


def exercise_tree(course: Course, exercises: str | None) -> Path:
    """The student tree to grade: --exercises DIR or the course's exercises/ (must be a folder)."""
    tree = Path(exercises) if exercises else course.exercises
    if not tree.is_dir():
        raise ConfigError(f"{tree} is not a folder; pass --exercises DIR with your exercise files")
    return tree


def check_writable(path: Path) -> None:
    """Fail before grading (not after) when a report cannot be written to `path`."""
    probe = path.parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigError(f"cannot write the report to {path} (folder not writable); pass --report FILE")


def current_user() -> str:
    """The OS user's name, or 'student' when there is none (containers)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "student"


class NameNotFound(Exception):
    """Nothing in the course has that name; the message says what was meant or what exists."""


@dataclass(frozen=True)
class Found:
    day: Day
    topic: Topic | None = None
    function: Function | None = None


def suggest(word: str, candidates: list[str]) -> str:
    """' (did you mean X?)' for the closest candidate, or '' when none is close."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def split_words(words: tuple[str, ...] | list[str]) -> list[str]:
    """'day3.autograd', 'grad_of' -> ['day3', 'autograd', 'grad_of']."""
    return [part for word in words for part in word.split(".") if part]


def find(course: Course, words: tuple[str, ...] | list[str], *, max_depth: int = 3) -> Found:
    """Resolve up to `max_depth` words (day, topic, function); NameNotFound when a word names nothing."""
    parts = split_words(words)
    if not parts:
        raise NameNotFound(f"name a day: {', '.join(d.id for d in course.days)}")
    if len(parts) > max_depth:
        raise NameNotFound(f"too many names in {' '.join(words)!r}; expected at most {max_depth}")
    day = course.day(parts[0])
    if day is None:
        return _find_bare(course, parts)
    found = Found(day)
    if len(parts) == 2 and not any(t.name == parts[1] for t in day.topics):
        owners = [t for t in day.topics if t.function(parts[1])]
        if len(owners) == 1:  # 'day1 tangent_line': a function named without its topic
            return Found(day, owners[0], owners[0].function(parts[1]))
    if len(parts) > 1:
        found = Found(day, _topic_in(day, parts[1]))
    if len(parts) > 2:
        found = Found(day, found.topic, _function_in(found.topic, parts[2]))
    return found


def _find_bare(course: Course, parts: list[str]) -> Found:
    """A first word that is not a day: a unique topic name, else a unique function name."""
    word = parts[0]
    topics = [t for t in course.topics if t.name == word]
    if len(topics) == 1:
        rest = [topics[0].day, word, *parts[1:]]
        return find(course, rest) if len(rest) <= 3 else _too_many(parts)
    functions = [(t, f) for t in course.topics for f in t.functions if f.name == word]
    if len(functions) == 1 and len(parts) == 1:
        topic, fn = functions[0]
        return Found(course.day(topic.day), topic, fn)
    if len(topics) > 1 or len(functions) > 1:
        where = ", ".join(t.id for t in topics) or ", ".join(t.id for t, _ in functions)
        raise NameNotFound(f"{word!r} is in several topics ({where}); name the day too, e.g. 'day1 {word}'")
    names = [d.id for d in course.days] + [t.name for t in course.topics]
    names += [f.name for t in course.topics for f in t.functions]
    raise NameNotFound(f"unknown day {word!r}{suggest(word, names)}; "
                       f"this course has {', '.join(d.id for d in course.days)}")


def _topic_in(day: Day, word: str) -> Topic:
    topic = next((t for t in day.topics if t.name == word), None)
    if topic is None:
        names = [t.name for t in day.topics]
        functions = [f.name for t in day.topics for f in t.functions]
        raise NameNotFound(f"unknown topic {word!r} in {day.id}{suggest(word, names + functions)}; "
                           f"topics: {', '.join(names)}")
    return topic


def _function_in(topic: Topic, word: str) -> Function:
    fn = topic.function(word)
    if fn is None:
        names = [f.name for f in topic.functions]
        raise NameNotFound(f"unknown function {word!r} in {topic.id}{suggest(word, names)}; "
                           f"functions: {', '.join(names)}")
    return fn


def _too_many(parts: list[str]) -> Found:
    raise NameNotFound(f"too many names in {'.'.join(parts)!r}")


def find_or_exit(course: Course, words, *, max_depth: int = 3) -> Found:
    """`find` for commands: a NameNotFound becomes a usage error (exit 2)."""
    try:
        return find(course, words, max_depth=max_depth)
    except NameNotFound as exc:
        raise ConfigError(str(exc)) from None

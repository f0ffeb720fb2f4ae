"""course.yaml → frozen dataclasses, validated with messages that say what to fix."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

COURSE_FILE = "course.yaml"
FORMAT_VERSION = 1
DEFAULT_TIMEOUT = 5.0
_TOPIC_ID = re.compile(r"^(day\d+)\.([a-z_][a-z0-9_]*)$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
QUIZ_MODES = ("practice", "graded")
DEFAULT_QUIZ_MODE = "practice"


class CourseError(Exception):
    """course.yaml is missing or invalid; the message names the field and the fix."""


@dataclass(frozen=True)
class Text:
    """A bilingual text: Chinese first, then English."""
    zh: str
    en: str

    def both(self) -> str:
        return f"{self.zh}\n{self.en}" if self.zh != self.en else self.en


def has_hint(text: Text | None) -> bool:
    """A hint that was written (not missing, not a TODO placeholder)."""
    return text is not None and "TODO" not in text.zh + text.en


@dataclass(frozen=True)
class Function:
    """A catalogue function students write, with its points and hint."""
    name: str
    points: int
    hint: Text | None


@dataclass(frozen=True)
class Topic:
    """One exercise file (`day1.calculus` is exercises/day1/calculus.py) and its functions."""
    id: str
    title: Text
    file: str
    timeout: float
    hint: Text | None
    functions: tuple[Function, ...]

    @property
    def day(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split(".", 1)[1]

    @property
    def max_score(self) -> int:
        return sum(f.points for f in self.functions)

    def function(self, name: str) -> Function | None:
        return next((f for f in self.functions if f.name == name), None)


@dataclass(frozen=True)
class Day:
    """A day of the course: its topics, in course order."""
    id: str
    title: Text
    topics: tuple[Topic, ...]

    @property
    def max_score(self) -> int:
        return sum(t.max_score for t in self.topics)


@dataclass(frozen=True)
class Course:
    """The whole course.yaml, and the folder it lives in."""
    root: Path
    title: Text
    days: tuple[Day, ...]
    quiz_modes: tuple[tuple[str, str], ...] = ()  # (day id, "practice" | "graded"); unlisted days: practice

    def quiz_mode(self, day_id: str) -> str:
        """How the quiz of `day_id` counts: practice (right/wrong at once, advisory) or graded
        (recorded; only the instructor's key scores it)."""
        return dict(self.quiz_modes).get(day_id, DEFAULT_QUIZ_MODE)

    @property
    def topics(self) -> tuple[Topic, ...]:
        return tuple(t for d in self.days for t in d.topics)

    def day(self, day_id: str) -> Day | None:
        return next((d for d in self.days if d.id == day_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def solutions(self) -> Path:
        return self.root / "solutions"


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (YAML would silently keep the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise CourseError(f"course.yaml line {key_node.start_mark.line + 1}: duplicate key {key!r}; "
                                  "keep one of them")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def find_root(start: Path | None = None) -> Path:
    """The nearest ancestor of `start` (default: cwd) that holds course.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    raise CourseError(f"no {COURSE_FILE} found in {here} or any parent folder; "
                      "run inside the course folder or pass --course DIR")


def load_course(root: Path) -> Course:
    """Read and validate `root/course.yaml`."""
    path = Path(root) / COURSE_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except FileNotFoundError:
        raise CourseError(f"{path} not found; pass --course DIR pointing at the course folder") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseError(f"cannot read {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise CourseError(f"{path} is not valid YAML{yaml_line(exc, ' at')}; fix the syntax there") from None
    return parse_course(data, Path(root).resolve())


def yaml_line(exc: Exception, prefix: str = "") -> str:
    """' line N' of a YAML syntax error (with `prefix`, e.g. ' at line N'), or '' when unknown."""
    mark = getattr(exc, "problem_mark", None)
    return f"{prefix} line {mark.line + 1}" if mark else ""


def parse_course(data: object, root: Path) -> Course:
    """Validate the parsed YAML document and build a Course."""
    doc = _mapping(data, "course.yaml", {"format", "title", "timeout", "days", "quizzes"}, {"format", "days"})
    if doc["format"] != FORMAT_VERSION:
        raise CourseError(f"course.yaml: format is {doc['format']!r}; this grader reads format {FORMAT_VERSION}")
    timeout = _number(doc.get("timeout", DEFAULT_TIMEOUT), "timeout")
    days_raw = _list(doc["days"], "days")
    days = tuple(_parse_day(d, i, timeout) for i, d in enumerate(days_raw))
    _unique([d.id for d in days], "day id")
    _unique([t.id for d in days for t in d.topics], "topic id")
    _unique([t.file for d in days for t in d.topics], "topic file")
    title = _text(doc.get("title", {"zh": "课程", "en": "Course"}), "title")
    modes = _quiz_modes(doc.get("quizzes", DEFAULT_QUIZ_MODE), [d.id for d in days])
    return Course(root=root, title=title, days=days, quiz_modes=modes)


def _quiz_modes(raw: object, day_ids: list[str]) -> tuple[tuple[str, str], ...]:
    """`quizzes: graded` (every day) or `quizzes: {day1: practice, day2: graded}` (unlisted days: practice)."""
    choices = " or ".join(QUIZ_MODES)
    if isinstance(raw, str):
        if raw not in QUIZ_MODES:
            raise CourseError(f"course.yaml: quizzes is {raw!r}; use {choices} (for every day), "
                              "or map day ids to a mode, e.g. 'quizzes: {day1: practice, day2: graded}'")
        return tuple((d, raw) for d in day_ids)
    if not isinstance(raw, dict) or not raw:
        raise CourseError("course.yaml: quizzes must be practice, graded, or a mapping of day ids to one of them, "
                          "e.g. 'quizzes: {day1: practice, day2: graded}'")
    modes = []
    for day, mode in raw.items():
        if day not in day_ids:
            raise CourseError(f"course.yaml: quizzes.{day}: no such day{_close(str(day), day_ids)}; "
                              f"the days are {', '.join(day_ids)}")
        if mode not in QUIZ_MODES:
            raise CourseError(f"course.yaml: quizzes.{day} is {mode!r}; use {choices}")
        modes.append((day, mode))
    return tuple(modes)


def _close(word: str, candidates: list[str]) -> str:
    import difflib
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _parse_day(raw: object, index: int, timeout: float) -> Day:
    where = f"days[{index}]"
    d = _mapping(raw, where, {"id", "title", "topics"}, {"id", "title", "topics"})
    day_id = _string(d["id"], f"{where}.id")
    if not re.fullmatch(r"day\d+", day_id):
        raise CourseError(f"{where}.id is {day_id!r}; day ids look like 'day1'")
    topics = tuple(_parse_topic(t, f"{where}.topics[{i}]", day_id, timeout)
                   for i, t in enumerate(_list(d["topics"], f"{where}.topics")))
    return Day(id=day_id, title=_text(d["title"], f"{where}.title"), topics=topics)


def _parse_topic(raw: object, where: str, day_id: str, timeout: float) -> Topic:
    keys = {"id", "title", "file", "timeout", "hint", "functions"}
    t = _mapping(raw, where, keys, {"id", "title", "file", "functions"})
    topic_id = _string(t["id"], f"{where}.id")
    match = _TOPIC_ID.match(topic_id)
    if not match or match.group(1) != day_id:
        raise CourseError(f"{where}.id is {topic_id!r}; write it as '{day_id}.<name>' (lower_case name)")
    file = _string(t["file"], f"{where}.file")
    if file != f"{day_id}/{match.group(2)}.py":
        raise CourseError(f"{where}.file is {file!r}; it must be '{day_id}/{match.group(2)}.py'")
    funcs_raw = _mapping(t["functions"], f"{where}.functions", None, set())
    if not funcs_raw:
        raise CourseError(f"{where}.functions is empty; list the topic's functions with their points")
    functions = tuple(_parse_function(n, v, f"{where}.functions.{n}") for n, v in funcs_raw.items())
    return Topic(id=topic_id, title=_text(t["title"], f"{where}.title"), file=file,
                 timeout=_number(t.get("timeout", timeout), f"{where}.timeout"),
                 hint=_text(t["hint"], f"{where}.hint") if "hint" in t else None,
                 functions=functions)


def _parse_function(name: object, raw: object, where: str) -> Function:
    if not isinstance(name, str) or not _NAME.match(name):
        raise CourseError(f"{where}: {name!r} is not a Python function name")
    f = _mapping(raw, where, {"points", "hint"}, {"points"})
    points = f["points"]
    if type(points) is not int or points <= 0:
        raise CourseError(f"{where}.points is {points!r}; use a positive integer")
    return Function(name=name, points=points,
                    hint=_text(f["hint"], f"{where}.hint") if "hint" in f else None)


def _mapping(value: object, where: str, allowed: set | None, required: set) -> dict:
    if not isinstance(value, dict):
        raise CourseError(f"{where} must be a mapping (key: value), got {type(value).__name__}")
    if allowed is not None:
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            raise CourseError(f"{where}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(allowed))}")
    missing = sorted(required - set(value))
    if missing:
        raise CourseError(f"{where}: missing key {missing[0]!r}")
    return value


def _list(value: object, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise CourseError(f"{where} must be a non-empty list")
    return value


def _string(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CourseError(f"{where} must be a non-empty string, got {value!r}")
    return value


def _number(value: object, where: str) -> float:
    if type(value) not in (int, float) or not 0 < value <= 3600:
        raise CourseError(f"{where} is {value!r}; use a number of seconds between 0 and 3600")
    return float(value)


def _text(value: object, where: str) -> Text:
    t = _mapping(value, where, {"zh", "en"}, {"zh", "en"})
    return Text(zh=_string(t["zh"], f"{where}.zh"), en=_string(t["en"], f"{where}.en"))


def _unique(values: list[str], what: str) -> None:
    seen = set()
    for v in values:
        if v in seen:
            raise CourseError(f"course.yaml: duplicate {what} {v!r}; each must appear once")
        seen.add(v)

"""One grading job end to end: run the specs, score, add quizzes, build the report."""
from __future__ import annotations

import hashlib
import platform
from datetime import datetime, timezone
from pathlib import Path

from grader import __version__, paths
from grader.course import Course, Topic
from grader.grading import runner, scoring
from grader.quiz.bank import quiz_section
from grader.report import Report, finish, make_day


def specs_digest(topics: list[Topic], specs_dir: Path = paths.SPECS) -> str:
    """A digest of the spec files that decided the score (reports from other specs are flagged)."""
    h = hashlib.sha256()
    for topic in topics:
        for path in paths.spec_files(topic, specs_dir):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def environment() -> dict:
    import sys
    versions = {"python": platform.python_version(), "platform": platform.platform(terse=True)}
    for name in ("torch", "numpy", "pandas"):
        module = sys.modules.get(name) or __import__(name)
        versions[name] = str(module.__version__)
    return versions


def mode_of(topics: list[Topic], specs_dir: Path = paths.SPECS) -> str:
    """'public' when no hidden spec file is present (a student handout), else 'full'."""
    hidden = any(paths.spec_file(specs_dir, t.day, t.name).is_file() for t in topics)
    return "full" if hidden else "public"


def quiz_sections(course: Course, day_ids, answers: Path | None = None) -> dict[str, list[dict]]:
    """Quiz results of fully graded days, from the saved answers, or from the `answers` folder
    when given (none when quizzes are absent)."""
    found = {}
    for day in day_ids:
        section = quiz_section(course.root, day, None if answers is None else answers / f"{day}.yaml")
        if section is not None:
            found[day] = [section]
    return found


def grade(course: Course, target_dir: Path, topics: list[Topic], *, seed: int, student: str,
          target: str, quiz_days: list[str] = (), specs_dir: Path = paths.SPECS) -> Report:
    """Grade `topics` of `target_dir`; always returns a report (errors become error entries)."""
    outcome = runner.run(course, target_dir, topics, seed, student, specs_dir)
    return report_from(course, topics, outcome, quiz_sections(course, list(quiz_days)),
                       seed=seed, student=student, target=target, specs_dir=specs_dir)


def report_from(course: Course, topics: list[Topic], outcome: runner.RunOutcome, quizzes: dict[str, list[dict]],
                *, seed: int, student: str, target: str, specs_dir: Path = paths.SPECS,
                submission: dict | None = None) -> Report:
    """Score a run's outcome into a report (shared by `grade dayN` and `grade batch`)."""
    results = scoring.score_topics(topics, outcome.json_report, outcome.error,
                                   public_only=mode_of(topics, specs_dir) == "public")
    isolation = (outcome.json_report or {}).get("grader_isolation") or {}
    return build_report(course, topics, results, quizzes, seed=seed, student=student, target=target,
                        isolation=isolation, error=outcome.error, specs_dir=specs_dir, submission=submission)


def build_report(course: Course, topics: list[Topic], results, quizzes: dict[str, list[dict]], *,
                 seed: int, student: str, target: str, isolation: dict, error: str | None,
                 specs_dir: Path = paths.SPECS, submission: dict | None = None) -> Report:
    """Assemble days in course order from topic results and quiz sections, stamped with the time."""
    by_id = {r.id: r for r in results}
    days = []
    for day in course.days:
        mine = [by_id[t.id] for t in day.topics if t.id in by_id]
        if mine or day.id in quizzes:
            days.append(make_day(day.id, mine, quizzes.get(day.id, [])))
    report = Report(student=student, target=target, created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    grader_version=__version__, specs_digest=specs_digest(topics, specs_dir), seed=seed,
                    environment=environment(), isolation=isolation, mode=mode_of(topics, specs_dir),
                    days=tuple(days), error=error, submission=submission)
    return finish(report)

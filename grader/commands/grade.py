"""`grade dayN [TOPIC]`: resolve the target, grade it, write the report, print the summary."""
from __future__ import annotations

import getpass
from pathlib import Path

import click

from grader.course import Course


def resolve_topics(course: Course, target: str, topic: str | None):
    """The topics a target names; a usage error (exit 2) with a suggestion when it names none."""
    from grader.cli import ConfigError
    days = course.days if target == "all" else [course.day(target)]
    if days == [None]:
        raise ConfigError(f"unknown day {target!r}; this course has {', '.join(d.id for d in course.days)}")
    topics = [t for d in days for t in d.topics]
    if topic is None:
        return topics, target
    wanted = topic if "." in topic else None
    chosen = [t for t in topics if t.id == wanted or t.name == topic]
    if not chosen:
        names = ", ".join(t.name for t in topics)
        raise ConfigError(f"unknown topic {topic!r} in {target}; choose one of: {names}")
    return chosen, chosen[0].id


def run_grade(course: Course, target: str, topic: str | None, *, exercises, solutions, report_path,
              seed: int, student: str | None, verbose: bool, formats=(), format_out=None) -> int:
    """Grade and report; returns the exit code (0 full marks, 1 otherwise)."""
    from grader.cli import ConfigError
    if format_out and len(formats) != 1:
        raise ConfigError("--format-out names the file of one --format; give exactly one --format with it")
    topics, target_name = resolve_topics(course, target, topic)
    if exercises and solutions:
        raise ConfigError("use either --exercises DIR or --solutions, not both")
    tree = Path(exercises) if exercises else (course.solutions if solutions else course.exercises)
    if not tree.is_dir():
        raise ConfigError(f"{tree} is not a folder; pass --exercises DIR with your exercise files")
    default = course.root / "reports" / ("solutions" if solutions else "") / f"{target_name}.json"
    path = Path(report_path) if report_path else default
    student = student or ("solutions" if solutions else current_user())
    # Quizzes belong to a student's day; reference solutions are code only.
    quiz_days = [] if topic or solutions else [d.id for d in course.days if target in (d.id, "all")]
    return grade_and_write(course, tree, topics, path, seed=seed, student=student, target=target_name,
                           quiz_days=quiz_days, verbose=verbose, formats=formats, format_out=format_out)


def grade_and_write(course, tree, topics, path: Path, *, seed, student, target, quiz_days, verbose,
                    formats=(), format_out=None) -> int:
    from grader import grading, isolation, report, runner
    from grader.cli import ConfigError
    check_writable(path)
    runner.warm_up(topics)
    isolation.become_subreaper()
    try:
        result = grading.grade(course, tree, topics, seed=seed, student=student, target=target,
                               quiz_days=quiz_days)
    finally:
        isolation.kill_descendants(__import__("os").getpid())
    data = report.to_dict(result)
    try:
        report.write_json(data, path)
    except OSError as exc:
        raise ConfigError(f"could not write the report to {path}: {exc.strerror or exc}; "
                          "pass --report FILE in a writable folder") from None
    for line in report.summary_lines(result, verbose=verbose):
        click.echo(line)
    click.echo(f"Report: {path}")
    _write_formats(data, path, formats, format_out)
    return exit_code(result)


def exit_code(result) -> int:
    """0 for full marks; in a handout (public checks only), 0 when every public check passed."""
    if result.mode == "public":
        public = [t for t in result.tests if t.public]
        return 0 if public and all(t.status == "passed" for t in public) else 1
    return 0 if result.max_score > 0 and result.score >= result.max_score - 1e-9 else 1


def _write_formats(data: dict, path: Path, formats, format_out) -> None:
    """--format: the same report for Gradescope / GitHub Classroom / JUnit, next to the JSON one."""
    from grader import formats as writers
    from grader.cli import ConfigError
    for fmt in formats:
        out = Path(format_out) if format_out else writers.default_path(path, fmt)
        try:
            writers.save(fmt, data, out)
        except OSError as exc:
            raise ConfigError(f"could not write {out}: {exc.strerror or exc}; pass --format-out FILE") from None
        click.echo(f"{writers.LABEL[fmt]}: {out}")


def check_writable(path: Path) -> None:
    """Fail before grading (not after) when the report cannot be written."""
    import os
    from grader.cli import ConfigError
    folder = path.parent
    probe = folder
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigError(f"cannot write the report to {path} (folder not writable); pass --report FILE")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "student"

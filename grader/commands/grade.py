"""`grade dayN [TOPIC]`: resolve the target, grade it, write the report, print the summary."""
from __future__ import annotations

from pathlib import Path

import click

from grader import formats as writers
from grader import report, summary
from grader.commands.common import ConfigError, check_writable, current_user, exercise_tree, resolve_topics
from grader.course import Course


def run_grade(course: Course, target: str, topic: str | None, *, exercises, solutions, report_path,
              seed: int, student: str | None, verbose: bool, formats=(), format_out=None,
              show_output: bool = False) -> int:
    """Grade and report; returns the exit code (0 full marks, 1 otherwise)."""
    if format_out and len(formats) != 1:
        raise ConfigError("--format-out names the file of one --format; give exactly one --format with it")
    topics, target_name = resolve_topics(course, target, topic)
    if exercises and solutions:
        raise ConfigError("use either --exercises DIR or --solutions, not both")
    tree = course.solutions if solutions else exercise_tree(course, exercises)
    if not tree.is_dir():
        raise ConfigError(f"{tree} is not a folder; grade --solutions needs the course repository")
    path = Path(report_path) if report_path else report.default_path(course.root, target_name, solutions)
    student = student or ("solutions" if solutions else current_user())
    # Quizzes belong to a student's day; reference solutions are code only.
    quiz_days = [] if topic or solutions else [d.id for d in course.days if target in (d.id, "all")]
    return grade_and_write(course, tree, topics, path, seed=seed, student=student, target=target_name,
                           quiz_days=quiz_days, verbose=verbose, formats=formats, format_out=format_out,
                           show_output=show_output)


def grade_and_write(course, tree, topics, path: Path, *, seed, student, target, quiz_days, verbose,
                    formats=(), format_out=None, show_output=False) -> int:
    from grader.grading import job
    from grader.grading.session import warm_session
    check_writable(path)
    with warm_session(topics):
        result = job.grade(course, tree, topics, seed=seed, student=student, target=target, quiz_days=quiz_days)
    data = report.to_dict(result)
    try:
        report.write_json(data, path)
    except OSError as exc:
        raise ConfigError(f"could not write the report to {path}: {exc.strerror or exc}; "
                          "pass --report FILE in a writable folder") from None
    for line in summary.summary_lines(result, verbose=verbose, show_output=show_output):
        click.echo(line)
    click.echo(f"Report: {path}")
    _write_formats(data, path, formats, format_out)
    return exit_code(result)


exit_code = summary.exit_code  # 0 full marks (handout: every public check passed), else 1


def _write_formats(data: dict, path: Path, formats, format_out) -> None:
    """--format: the same report for Gradescope / GitHub Classroom / JUnit, next to the JSON one."""
    for fmt in formats:
        out = Path(format_out) if format_out else writers.default_path(path, fmt)
        try:
            writers.save(fmt, data, out)
        except OSError as exc:
            raise ConfigError(f"could not write {out}: {exc.strerror or exc}; pass --format-out FILE") from None
        click.echo(f"{writers.LABEL[fmt]}: {out}")

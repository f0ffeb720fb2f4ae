"""`grade release OUT` (instructors): build the student handout without solutions or hidden specs."""
from __future__ import annotations

from pathlib import Path

import click

from grader.commands.common import ConfigError, course_from


@click.command(name="release", short_help="Instructors: build the student handout in OUT.")
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_context
def release(ctx, out):
    """Build the student handout in OUT (a new or empty folder).

    It holds the exercise stubs, course.yaml, the grader with public checks only, the quiz banks
    (practice: answers hashed; graded: no hashes, no explanations), a student README and
    pyproject.toml, so `pip install -e OUT` works. Solutions, hidden checks and the quiz answer
    key are left out, and the result is checked by content before it is written.
    """
    from grader.handout import HandoutError, build
    course = course_from(ctx)
    try:
        built = build(course, out)
    except HandoutError as exc:
        raise ConfigError(str(exc)) from None
    except OSError as exc:
        raise ConfigError(f"could not write the handout to {out}: {exc.strerror or exc}; "
                          "choose a writable folder") from None
    click.echo(f"Handout written to {built.out}: {built.files} files, {built.stubs} exercise stubs, "
               f"{built.public_specs} public spec files, {built.quiz_banks} quiz banks.")
    click.echo(f"Left out: solutions/, {built.hidden_specs_left_out} hidden spec files, the quiz answer key"
               + (f", the hashes and explanations of graded quizzes ({', '.join(built.graded_quizzes)})."
                  if built.graded_quizzes else "."))
    click.echo(f"Students: pip install -e {built.out}   then: grade list")

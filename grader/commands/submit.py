"""`grade submit`: pack the topic files, quiz answers and a manifest into `<student>.zip` to hand in."""
from __future__ import annotations

import subprocess
from pathlib import Path

import click

from grader.commands.common import ConfigError, course_from, current_user


@click.command(name="submit", short_help="Pack your exercises and quiz answers into one zip to hand in.")
@click.option("--student", default=None,
              help="Your student id, as your instructor asked (default: git user.name, else your login).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the zip (default: <student>.zip in the course folder).")
@click.pass_context
def submit(ctx, student, out):
    """Pack what is graded into one zip named after you, to upload where your instructor says.

    \b
    The zip holds exercises/dayN/<topic>.py, answers/dayN.yaml and manifest.json (your id,
    the time, the grader version and a sha256 of every file). Functions that still raise
    NotImplementedError and unanswered quiz questions are listed as warnings; the zip is
    written anyway. With nothing started at all, nothing is written (exit code 2).
    """
    from grader.handin.pack import NothingToSubmit, pack
    course = course_from(ctx)
    who = student or git_user(course.root) or current_user()
    try:
        packed = pack(course, who, out)
    except NothingToSubmit as exc:
        raise ConfigError(str(exc)) from None
    except OSError as exc:
        raise ConfigError(f"could not write the zip: {exc.strerror or exc}; pass --out FILE in a writable folder") from None
    for line in packed.warnings:
        click.echo(f"warning: {line}", err=True)
    click.echo(f"Packed {len(packed.files)} files for {packed.student} into {packed.path}")
    click.echo(f"Upload {packed.path.name} where your instructor collects hand-ins "
               "(submit again after any change: the newest zip counts).")


def git_user(folder: Path) -> str | None:
    """`git config user.name` seen from `folder`, or None (no git, no name, not configured)."""
    try:
        done = subprocess.run(["git", "config", "user.name"], cwd=folder, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None

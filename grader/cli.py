"""The `grade` command line: thin commands that parse, call one function and print."""
from __future__ import annotations

import importlib
import os
import sys

import click

from grader.commands.common import course_from

# Commands that live in their own modules, loaded only when used (keeps `grade --help` fast).
STUDENT_COMMANDS = {
    "list": "grader.commands.listing:list_command",
    "hint": "grader.commands.hint:hint",
    "watch": "grader.commands.watch:watch",
    "quiz": "grader.commands.quiz:quiz",
    "status": "grader.commands.status:status",
    "submit": "grader.commands.submit:submit",
}
INSTRUCTOR_COMMANDS = {
    "check": "grader.commands.check:check",
    "release": "grader.commands.release:release",
    "batch": "grader.commands.batch:batch",
    "collect": "grader.commands.collect:collect",
}
EXTRA_COMMANDS = {**STUDENT_COMMANDS, **INSTRUCTOR_COMMANDS}


class CourseGroup(click.Group):
    """Subcommands are the fixed commands plus one per day in course.yaml (and `all`)."""

    def list_commands(self, ctx):
        days = []
        try:
            days = [d.id for d in course_from(ctx).days]
        except click.ClickException:
            pass
        return days + (["all"] if days else []) + sorted(set(super().list_commands(ctx)) | set(EXTRA_COMMANDS))

    def get_command(self, ctx, name):
        if name in EXTRA_COMMANDS:
            module, attr = EXTRA_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        found = super().get_command(ctx, name)
        if found is not None:
            return found
        if name == "all" or (name.startswith("day") and name[3:].isdigit()):
            return make_day_command(name)
        return None

    def invoke(self, ctx):
        from grader.sandbox.backend import BackendError
        try:
            return super().invoke(ctx)
        except BackendError as exc:  # GRADE_SANDBOX names no backend, or one this host lacks
            from grader.commands.common import ConfigError
            raise ConfigError(str(exc)) from None

    def format_commands(self, ctx, formatter):
        """Students' commands first (with the course's days), then the instructors' apart."""
        try:
            days = [(d.id, f"{d.title.en} — {d.title.zh}") for d in course_from(ctx).days]
        except click.ClickException:
            days = [("dayN", "grade one day of the course (run inside the course folder)")]
        with formatter.section("Commands"):
            formatter.write_dl(days + [("all", "grade every day")] + self._rows(ctx, STUDENT_COMMANDS))
        with formatter.section("For instructors"):
            formatter.write_dl(self._rows(ctx, INSTRUCTOR_COMMANDS))

    def _rows(self, ctx, names) -> list[tuple[str, str]]:
        return [(name, self.get_command(ctx, name).get_short_help_str(limit=70)) for name in names]


@click.group(cls=CourseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--course", type=click.Path(file_okay=False), envvar="GRADE_COURSE",
              help="Course folder holding course.yaml (default: search upward from here).")
@click.version_option(package_name="d2l-autograder")
def cli(course):
    """Grade your PyTorch course exercises and quizzes.

    \b
    grade day1                  grade every topic of Day 1
    grade day1 linear_algebra   grade one topic
    grade all                   grade everything
    """
    tolerant_output()


def tolerant_output() -> None:
    """On a console whose encoding cannot write Chinese (cp1252, ascii), print '?' for what it
    cannot encode instead of failing with UnicodeEncodeError; UTF-8 consoles are left alone."""
    import codecs
    for stream in (sys.stdout, sys.stderr):
        try:
            if getattr(stream, "errors", "strict") == "strict" and codecs.lookup(stream.encoding).name != "utf-8":
                stream.reconfigure(errors="replace")
        except (AttributeError, LookupError, TypeError, ValueError, OSError):
            pass


def make_day_command(name: str) -> click.Command:
    from grader.formats import FORMATS

    @click.command(name=name, help=f"Grade {'every day' if name == 'all' else name} (or one TOPIC of it).")
    @click.argument("topic", required=False)
    @click.option("--exercises", type=click.Path(file_okay=False), help="Student tree to grade (default: exercises/).")
    @click.option("--solutions", is_flag=True, help="Grade the reference solutions (instructors).")
    @click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Where to write the JSON report.")
    @click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random inputs.")
    @click.option("--student", default=None, help="Student id recorded in the report.")
    @click.option("-v", "--verbose", is_flag=True, help="Show every failing check, not just the first per function.")
    @click.option("--show-output", is_flag=True, help="Show what your code printed during every check, passed ones too.")
    @click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
                  help="Also write the report for Gradescope, GitHub Classroom or JUnit (repeatable).")
    @click.option("--format-out", type=click.Path(dir_okay=False),
                  help="File for the one --format given (default: next to the report, e.g. day1.junit.xml).")
    @click.pass_context
    def command(ctx, topic, exercises, solutions, report_path, seed, student, verbose, show_output, formats, format_out):
        from grader.commands import grade as commands_grade
        course = course_from(ctx)
        code = commands_grade.run_grade(course, name, topic, exercises=exercises, solutions=solutions,
                                        report_path=report_path, seed=seed, student=student, verbose=verbose,
                                        formats=formats, format_out=format_out, show_output=show_output)
        ctx.exit(code)
    return command


def main() -> None:
    """Console entry point: usage errors exit 2, never with a traceback."""
    tolerant_output()
    try:
        cli(prog_name="grade")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":  # python -m grader.cli
    os.environ.setdefault("COLUMNS", "100")
    main()

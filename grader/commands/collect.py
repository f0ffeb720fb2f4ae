"""`grade collect REPORTS --csv FILE [--plot PNG]`: merge JSON reports into a gradebook."""
from __future__ import annotations

import json
from pathlib import Path

import click

from grader.commands.common import ConfigError, course_from
from grader.files import write_atomic
from grader.formats import SUFFIX


@click.command(name="collect", short_help="Instructors: merge reports into a CSV gradebook (and a plot).")
@click.argument("reports", type=click.Path(file_okay=False, exists=True))
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False),
              help="Gradebook to write: one row per student, one column per day, topic and quiz.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
              help="Also draw a histogram of totals and the mean per topic into this PNG.")
@click.pass_context
def collect(ctx, reports, csv_path, plot_path):
    """Merge the JSON reports under REPORTS (and its subfolders: one per CI shard) into a CSV.

    Reports made with other specs, for another target or of another schema version, or not graded
    under full isolation (column `isolation`), are kept and flagged (column `flags` and a warning). Unreadable files and students reported twice are
    listed by name and make the exit code 1. Gradescope/Classroom files written by --format are
    skipped.
    """
    from grader.batch import gradebook
    entries, unreadable = read_reports(Path(reports))
    entries, duplicates = gradebook.split_duplicates(entries)
    entries, warnings = gradebook.flag_outliers(entries)
    cols = gradebook.columns(entries, _course_order(ctx))
    _write_text(Path(csv_path), gradebook.to_csv(cols, gradebook.rows(entries, cols)))
    if plot_path and entries:
        gradebook.plot(entries, cols, plot_path)
    advisory = gradebook.unisolated(entries)
    if advisory:
        warnings.append(f"{len(advisory)} report(s) not graded under full isolation (advisory scores; "
                        f"grade them again as root or with user namespaces): {', '.join(advisory)}")
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    for student, files in duplicates:
        click.echo(f"duplicate: student {student} appears in {', '.join(files)} (kept the newest; "
                   "delete the others)", err=True)
    for name, why in unreadable:
        click.echo(f"unreadable: {name}: {why}", err=True)
    click.echo(f"{len(entries)} students → {csv_path}" + (f", {plot_path}" if plot_path and entries else ""))
    ctx.exit(1 if unreadable or duplicates else 0)


def read_reports(folder: Path) -> tuple[list, list[tuple[str, str]]]:
    """Every report under `folder` as gradebook entries, and the files that are not usable reports."""
    from grader import report
    from grader.batch import gradebook
    entries, unreadable = [], []
    for path in sorted(folder.rglob("*.json")):
        name = str(path.relative_to(folder))
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or \
                any(path.name.endswith(s) for s in SUFFIX.values()):
            continue  # temp files of atomic writes; --format outputs
        try:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}); a run was cut short?") from None
            if isinstance(data, dict) and data.get("schema_version") in report.READABLE_VERSIONS:
                report.validate(data)
            entries.append(gradebook.entry_from(name, data))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            unreadable.append((name, str(exc).removeprefix(f"{name}: ")[:200] or type(exc).__name__))
        except Exception as exc:  # jsonschema.ValidationError
            unreadable.append((name, f"does not follow the report schema ({getattr(exc, 'message', exc)})"[:200]))
    return entries, unreadable


def _course_order(ctx) -> list[str] | None:
    """Topic ids in course order when a course is at hand (else columns sort by name)."""
    try:
        return [t.id for t in course_from(ctx).topics]
    except click.ClickException:
        return None


def _write_text(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ConfigError(f"could not write {path}: {exc.strerror or exc}; choose a writable --csv path") from None

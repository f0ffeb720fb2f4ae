"""`grade batch SUBMISSIONS --out REPORTS`: grade a whole class on one machine (or one CI shard)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from grader.commands.common import ConfigError, course_from, resolve_topics
from grader.formats import FORMATS


@click.command(name="batch", short_help="Instructors: grade a whole class (folders or zips) into JSON reports.")
@click.argument("submissions", type=click.Path(file_okay=False, exists=True))
@click.argument("target", nargs=-1)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for the reports: one <student>.json per submission.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Submissions graded at the same time  [default: number of cores]")
@click.option("--shard", default=None, metavar="I/N",
              help="Grade only shard I of N (a stable split by student id), e.g. one per CI job.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random inputs.")
@click.option("--timeout", "limit", type=click.FloatRange(1, 36000), default=None,
              help="Wall-clock limit per submission in seconds  [default: the runner's, from the topics]")
@click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
              help="Also write <student>.gradescope.json / .classroom.json / .junit.xml (repeatable).")
@click.option("--force", is_flag=True, help="Grade again even when a valid report exists.")
@click.option("--allow-unisolated", is_flag=True,
              help="Grade even where full isolation (root, or unprivileged user namespaces) is not "
                   "available; every report is then marked advisory.")
@click.pass_context
def batch(ctx, submissions, target, out, jobs, shard, seed, limit, formats, force, allow_unisolated):
    """Grade every submission in SUBMISSIONS (one folder or .zip per student) [TARGET: all | dayN [TOPIC]].

    \b
    A submission holds an exercises/ tree or its contents (day1/, day2/ …); its folder name or
    zip stem is the student id, unless it is a `grade submit` zip: then the id in its manifest
    is, and files that do not match the manifest are flagged in the report. Examples:
      grade batch submissions/ --out reports/                  everything
      grade batch submissions/ --out reports/ day1 calculus    one topic
      grade batch submissions/ --out reports/ --shard 2/4      a quarter of the class

    Runs are resumable: a valid report for the same target, seed and specs is kept (one that
    records a run error, or was not graded under full isolation, is retried), so a killed run
    started again redoes only what was unfinished. Official grades need full isolation: as root,
    or as a normal user where the kernel allows user namespaces; elsewhere the command refuses
    (exit 2) unless --allow-unisolated is given. Exit code 0 when every submission was graded, 1
    when some could not be (named in the summary), 2 on usage errors.
    """
    from grader.batch.submissions import find_submissions
    _require_fork()
    _check_isolation(allow_unisolated)
    job = _make_job(ctx, target, out=out, seed=seed, limit=limit, formats=formats, force=force,
                    allow_unisolated=allow_unisolated)
    subs, problems, notes = find_submissions(Path(submissions))
    subs = _shard(subs, shard)
    summary = _grade_with_progress(job, subs, jobs or os.cpu_count() or 1, Path(submissions))
    for line in summary_lines(summary, job.out):
        click.echo(line)
    if not subs and not problems:
        notes.append(f"no submissions found in {submissions} (one folder or .zip per student)")
    for kind, lines in (("note", notes), ("problem", problems)):
        for line in lines:
            click.echo(f"{kind}: {line}", err=True)
    failed = [o for o in summary.done if o.data and o.data.get("error")]
    ctx.exit(1 if failed or problems else 0)


def _check_isolation(allow_unisolated: bool) -> None:
    """Refuse (exit 2, one line) to grade a class where student code could not be fully isolated."""
    from grader.commands.common import ConfigError
    from grader.sandbox import isolation
    if isolation.available_setting() == "none" and not allow_unisolated:
        raise ConfigError(
            "grade batch needs full isolation, which needs root or unprivileged user namespaces and "
            "this host allows neither to this user: run it as root (sudo -E env \"PATH=$PATH\" grade "
            "batch …), or on a host with user namespaces enabled, or add --allow-unisolated to grade "
            "anyway with every report marked advisory")


def _require_fork() -> None:
    """Batch graders are forked from one warm parent: without fork (Windows, macOS, GRADE_SANDBOX=spawn)
    say so in one line (exit 2) instead of grading a class at spawn speed."""
    from grader.commands.common import ConfigError
    from grader.sandbox import backend
    if not backend.uses_fork():
        raise ConfigError("grade batch needs fork-based workers (Linux; GRADE_SANDBOX is spawn or this host "
                          "cannot fork): run it on a Linux machine or in CI, or grade one submission with "
                          "`grade all --exercises DIR --student NAME`")


def _make_job(ctx, target: tuple[str, ...], *, out, seed, limit, formats, force, allow_unisolated=False):
    """The batch's target (`all`, a day, or a day and a topic), quizzes and output folder; usage errors exit 2."""
    from grader.batch import run as batching
    course = course_from(ctx)
    if len(target) > 2:
        raise ConfigError("name at most a day (or all) and one topic, e.g. `day1 calculus`")
    day, topic = (list(target) + [None])[:2] if target else ("all", None)
    topics, target_name = resolve_topics(course, day, topic)
    quiz_days = () if topic else tuple(d.id for d in course.days if day in (d.id, "all"))
    job = batching.BatchSettings(course=course, topics=tuple(topics), target=target_name, quiz_days=quiz_days, seed=seed,
                       out=_out_folder(Path(out)), formats=tuple(formats), limit=limit, force=force,
                       allow_unisolated=allow_unisolated)
    _check_quizzes(job)
    return job


def _shard(subs, shard: str | None):
    """The submissions of shard I/N (all of them without --shard)."""
    from grader.batch import run as batching
    if not shard:
        return subs
    try:
        index, count = batching.parse_shard(shard)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return [s for s in subs if batching.in_shard(s.student, index, count)]


def _grade_with_progress(job, subs, jobs: int, submissions: Path):
    """Run the batch under a progress bar (done/total, rate, ETA) on stderr."""
    from grader.batch import run as batching
    began, graded = time.monotonic(), [0]

    def status(_):
        return f"{graded[0] / max(time.monotonic() - began, 1e-9):.2f} submissions/s" if graded[0] else ""

    with click.progressbar(length=len(subs), label=f"Grading {job.target}", show_eta=True, show_pos=True,
                           item_show_func=status, file=sys.stderr) as bar:
        def on_done(outcome):
            graded[0] += not outcome.skipped
            bar.update(1, outcome.student)

        return batching.run_batch(job, subs, jobs=jobs, on_done=on_done, hidden=(submissions,))


def summary_lines(summary, out: Path) -> list[str]:
    """The end-of-batch table: graded, skipped, full marks, errors, slowest, mean."""
    graded = [o for o in summary.done if not o.skipped]
    skipped = [o for o in summary.done if o.skipped]
    reports = [o.data for o in summary.done if o.data]
    full = [d for d in reports if d["max_score"] > 0 and d["score"] >= d["max_score"] - 1e-6]
    errors = [o for o in summary.done if o.data and o.data.get("error")]
    slow = sorted(graded, key=lambda o: -o.seconds)[:3]
    mean = sum(d["score"] for d in reports) / len(reports) if reports else 0.0
    top = max((d["max_score"] for d in reports), default=0.0)
    lines = ["", f"{'Graded':<12}{len(graded)}" + (f"  (+{len(skipped)} already graded, kept)" if skipped else ""),
             f"{'Full marks':<12}{len(full)} of {len(reports)}",
             f"{'Mean score':<12}{mean:.1f}/{top:g}",
             f"{'Errors':<12}{len(errors)}"]
    lines += [f"{'':<12}{o.student}: {o.data['error']}" for o in errors]
    flagged = [(o.student, (o.data.get("submission") or {}).get("problems") or []) for o in summary.done if o.data]
    flagged = [(student, problems) for student, problems in flagged if problems]
    if flagged:
        lines.append(f"{'Flagged':<12}{len(flagged)} hand-in(s) whose files do not match their manifest (graded anyway)")
        lines += [f"{'':<12}{student}: {'; '.join(problems)}" for student, problems in flagged]
    advisory = [d["student"] for d in reports if d.get("isolation", {}).get("advisory")]
    if advisory:
        lines.append(f"{'Advisory':<12}{len(advisory)} report(s) not graded under full isolation: "
                     + ", ".join(advisory[:10]) + (" …" if len(advisory) > 10 else ""))
    if slow:
        lines.append(f"{'Slowest':<12}" + ", ".join(f"{o.student} {o.seconds:.1f} s" for o in slow))
    lines.append(f"{'Reports':<12}{out}")
    return lines


def _out_folder(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {out}: {exc.strerror or exc}; pass --out DIR in a writable place") from None
    if not os.access(out, os.W_OK):
        raise ConfigError(f"{out} is not writable; pass --out DIR in a writable place")
    return out


def _check_quizzes(job) -> None:
    """A broken quiz bank is the instructor's to fix before grading a class (exit 2)."""
    from grader.batch import run as batching
    try:
        batching.quiz_sections(job, job.out / ".no-answers")
    except Exception as exc:  # QuizError and friends, from the instructor's own files
        raise ConfigError(f"the quiz banks cannot be read: {exc}") from None

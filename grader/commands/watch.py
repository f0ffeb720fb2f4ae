"""`grade watch DAY [TOPIC]`: regrade a topic each time its exercise file is saved.

The watch process is a warm session (torch & co. imported once, no torch op run); each regrade
is a fork of it (`job.grade`), so a verdict comes back within about a second.
`Watcher.handle` (one batch of changed paths -> the text to show) is the testable core.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click

from grader import report, summary
from grader.commands.common import (ConfigError, check_writable, course_from, current_user, exercise_tree,
                                    find_or_exit)
from grader.course import Course, Topic


class Watcher:
    """Maps saved files to topics, regrades them, writes the report and renders a compact verdict."""

    def __init__(self, course: Course, tree: Path, topics: list[Topic], *, seed: int, student: str,
                 report_dir: Path) -> None:
        self.course, self.tree, self.topics = course, Path(tree), list(topics)
        self.seed, self.student, self.report_dir = seed, student, Path(report_dir)
        self._stamps: dict[str, int | None] = {}  # topic id -> file mtime when last graded

    def topics_for(self, paths: Iterable[str | Path]) -> list[Topic]:
        """The watched topics whose exercise file is among `paths` (course order, no repeats)."""
        keys = {self._key(p) for p in paths}
        return [t for t in self.topics if self._key(self.tree / t.file) in keys]

    def changed(self) -> list[Topic]:
        """Topics whose file changed since it was last graded (catches saves no event reported)."""
        return [t for t in self.topics if t.id in self._stamps and self._stamps[t.id] != self._stamp(t)]

    def handle(self, paths: Iterable[str | Path]) -> str | None:
        """Regrade the topics of the changed files (an empty batch: of files found changed);
        None when no watched file changed."""
        paths = list(paths)
        topics = self.topics_for(paths) if paths else self.changed()
        return self.grade(topics) if topics else None

    def grade(self, topics: list[Topic]) -> str:
        """Note the files' mtimes, then regrade (a save during grading triggers another round)."""
        self._stamps.update({t.id: self._stamp(t) for t in topics})
        return self.regrade(topics)

    def regrade(self, topics: list[Topic]) -> str:
        """Grade `topics` in a fork of this (warm) process, write the report, return the verdict."""
        from grader.grading import job, session
        start = time.monotonic()
        target = topics[0].id if len(topics) == 1 else topics[0].day
        try:
            result = job.grade(self.course, self.tree, topics, seed=self.seed, student=self.student,
                               target=target, quiz_days=[])
        finally:
            session.sweep()
        elapsed = time.monotonic() - start
        path = self.report_dir / f"{target}.json"
        try:
            report.write_json(report.to_dict(result), path)
            saved = f"report: {path}"
        except OSError as exc:
            saved = f"could not write the report to {path}: {exc.strerror or exc}"
        return "\n".join(render(result, elapsed) + [saved])

    def _stamp(self, topic: Topic) -> int | None:
        try:
            return (self.tree / topic.file).stat().st_mtime_ns
        except OSError:
            return None

    @staticmethod
    def _key(path: str | Path) -> str:
        return os.path.realpath(path)


def render(result, elapsed: float) -> list[str]:
    """The same summary `grade dayN` prints, with when and how fast it was graded."""
    stamp = datetime.now().strftime("%H:%M:%S")
    return summary.summary_lines(result) + [f"(graded in {elapsed:.2f} s at {stamp}; Ctrl-C to stop)"]


def file_events(folders: list[Path]) -> Iterator[set[str]]:
    """Batches of changed .py paths under `folders`, ~50 ms after the last write of a save;
    an empty batch every quarter second without events (the watcher then checks mtimes)."""
    import watchfiles
    for changes in watchfiles.watch(*folders, watch_filter=watchfiles.PythonFilter(), step=50,
                                    debounce=400, rust_timeout=250, yield_on_timeout=True,
                                    raise_interrupt=True):
        yield {path for _change, path in changes}


def run_loop(watcher: Watcher, events: Iterable[Iterable[str]], *, show: Callable[[str], None],
             max_events: int | None = None) -> int:
    """Feed change batches to the watcher and show each verdict; returns how many were shown."""
    shown = 0
    for paths in events:
        text = watcher.handle(paths)
        if text is None:
            continue
        show(text)
        shown += 1
        if max_events is not None and shown >= max_events:
            break
    return shown


def _show(text: str) -> None:
    if sys.stdout.isatty():
        click.clear()
    else:
        click.echo("-" * 60)
    click.echo(text)


@click.command(name="watch", short_help="Regrade a topic each time you save its file.")
@click.argument("names", nargs=-1, required=True)
@click.option("--exercises", type=click.Path(file_okay=False), help="Your exercise folder (default: exercises/).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random inputs.")
@click.option("--max-events", type=int, default=None, hidden=True, help="Stop after N regrades (tests).")
@click.pass_context
def watch(ctx, names, exercises, seed, max_events):
    """Regrade a topic every time you save its file (Ctrl-C to stop).

    \b
    grade watch day3            every topic of Day 3
    grade watch all             every topic of the course
    grade watch day3 autograd   one topic (also: day3.autograd)
    """
    course = course_from(ctx)
    if list(names) == ["all"]:
        topics = list(course.topics)
    else:
        found = find_or_exit(course, names, max_depth=2)
        topics = [found.topic] if found.topic else list(found.day.topics)
    tree = exercise_tree(course, exercises)
    folders = sorted({(tree / t.file).parent for t in topics})
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        raise ConfigError(f"{missing[0]} does not exist; put your exercise files there (or pass --exercises DIR)")
    check_writable(course.root / "reports" / "x.json")
    watcher = Watcher(course, tree, topics, seed=seed, student=current_user(), report_dir=course.root / "reports")
    from grader.grading.session import warm_session
    try:
        click.echo(f"Loading the grader and grading {len(topics)} topic(s) once …")
        with warm_session():
            _show(watcher.grade(topics))
            click.echo(f"Watching {', '.join(map(str, folders))}: save a file to regrade its topic.")
            run_loop(watcher, file_events(folders), show=_show, max_events=max_events)
    except KeyboardInterrupt:
        click.echo("\nStopped watching.")
    ctx.exit(0)

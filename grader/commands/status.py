"""`grade status`: your progress per day and topic, from the reports already written (no grading)."""
from __future__ import annotations

from pathlib import Path

import click

from grader.commands.common import course_from
from grader.progress import DayStatus, TopicStatus, course_status, next_function, read_reports
from grader.summary import fraction

def status_lines(days: list[DayStatus]) -> list[str]:
    """The status table: a line per day (score, quiz), a line per topic (score, when, what is left)."""
    width = max(len(t.topic.name) for d in days for t in d.topics) + 2
    lines = [f"{'':<{width}} {'score':>9}  {'last graded':<12}  to do"]
    for day in days:
        quiz = "quiz answered" if day.quiz_answered else f"quiz not answered (grade quiz {day.day.id})"
        if day.quiz:
            quiz += f", quiz {fraction(day.quiz['score'], day.quiz['max_score'])}"
        graded = any(t.score is not None for t in day.topics) or day.quiz
        score = fraction(day.score if graded else None, day.max_score)
        lines.append(f"{day.day.id:<{width}} {score:>9}  {'':<12}  {quiz}")
        lines += [_topic_line(t, width) for t in day.topics]
    return lines


def footer_lines(days: list[DayStatus]) -> list[str]:
    """The total (quizzes included, as `grade` counts them), public checks in a handout, what next."""
    graded = [t for d in days for t in d.topics if t.score is not None]
    lines = [f"Total: {fraction(sum(d.score for d in days), sum(d.max_score for d in days))}"
             + (" (quizzes included)" if any(d.quiz for d in days) else "")]
    if any(t.handout for t in graded):
        passed = sum(len(t.public_passed) for t in graded)
        total = sum(len(t.topic.functions) for d in days for t in d.topics)
        lines.append(f"Public checks passed on {passed} of {total} functions; hidden checks run at grading.")
    found = next_function(days)
    if found is not None:
        topic, fn = found
        lines.append(f"Next: {fn}() in exercises/{topic.file} — grade {topic.day} {topic.name}"
                     f", grade hint {topic.day} {topic.name} {fn}")
    return lines


def _topic_line(t: TopicStatus, width: int) -> str:
    name = f"  {t.topic.name}"
    if t.score is None:
        return f"{name:<{width}} {'-/' + str(t.topic.max_score):>9}  {'never':<12}  grade {t.topic.day} {t.topic.name}"
    when = t.graded.astimezone().strftime("%m-%d %H:%M")
    return f"{name:<{width}} {fraction(t.score, t.topic.max_score):>9}  {when:<12}  {_todo(t)}"


def _todo(t: TopicStatus) -> str:
    parts = []
    if t.unimplemented:
        parts.append("not implemented: " + ", ".join(t.unimplemented))
    wrong = [f for f in t.failing if f not in t.unimplemented]
    if wrong:
        parts.append("failing: " + ", ".join(wrong))
    if t.edited_since:
        parts.append("edited since (regrade)")
    return "; ".join(parts) if parts else ("done" if t.score >= t.topic.max_score - 1e-6 else "")




@click.command(name="status", short_help="Your progress per day and topic (from reports; no grading).")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False),
              help="Folder of reports to read (default: reports/ in the course folder).")
@click.option("--exercises", type=click.Path(file_okay=False),
              help="Your exercise folder, to flag files edited since they were graded (default: exercises/).")
@click.pass_context
def status(ctx, reports_dir, exercises):
    """Show your progress from the reports already written (fast: nothing is regraded)."""
    course = course_from(ctx)
    folder = Path(reports_dir) if reports_dir else course.root / "reports"
    docs, bad = read_reports(folder)
    days = course_status(course, docs, Path(exercises) if exercises else course.exercises)
    click.echo("\n".join(status_lines(days)))
    click.echo("\n" + "\n".join(footer_lines(days)) + f"\n(from {len(docs)} report(s) in {folder})")
    if bad:
        click.echo(f"Ignored {len(bad)} unreadable report(s): {', '.join(bad[:5])}", err=True)
    if not docs:
        click.echo("Nothing graded yet: run `grade day1` (or any day) first.")

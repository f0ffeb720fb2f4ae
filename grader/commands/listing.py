"""`grade list [DAY]`: days and topics with their titles (中文 / English) and points."""
from __future__ import annotations

import click

from grader.commands.common import course_from, find_or_exit
from grader.course import Course, Day
from grader.summary import points


def quiz_points(day_id: str) -> float | None:
    """Points of the day's quiz bank, or None when there is none (or it cannot be read)."""
    from grader.quiz.bank import QuizError, load_bank
    try:
        bank = load_bank(day_id)
    except QuizError:
        return None
    return bank.max_score if bank is not None else None


def day_lines(day: Day, functions: bool, quiz: float | None) -> list[str]:
    extra = f" + quiz {points(quiz)}" if quiz else ""
    lines = [f"{day.id}  {day.title.zh} / {day.title.en}  ({day.max_score} points{extra})"]
    width = max(len(t.name) for t in day.topics)
    for topic in day.topics:
        lines.append(f"  {topic.name:<{width}}  {topic.max_score:>3} pts  {topic.title.zh} / {topic.title.en}")
        if functions:
            lines += [f"  {'':<{width}}  {f.points:>3}      {f.name}()" for f in topic.functions]
    return lines


def course_lines(course: Course, days: list[Day], functions: bool) -> list[str]:
    lines = [f"{course.title.zh} / {course.title.en}", ""]
    for day in days:
        lines += day_lines(day, functions, quiz_points(day.id)) + [""]
    first = days[0].id
    lines.append(f"Grade a day: grade {first}   one topic: grade {first} TOPIC   a hint: grade hint {first} TOPIC")
    return lines


@click.command(name="list", short_help="Days and topics with titles and points.")
@click.argument("day", required=False)
@click.option("-f", "--functions", is_flag=True, help="Also list each topic's functions and their points.")
@click.pass_context
def list_command(ctx, day, functions):
    """List the days and topics of the course, with titles and points."""
    course = course_from(ctx)
    days = list(course.days) if day is None else [find_or_exit(course, [day], max_depth=1).day]
    click.echo("\n".join(course_lines(course, days, functions)))

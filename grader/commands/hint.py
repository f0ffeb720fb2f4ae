"""`grade hint DAY [TOPIC [FUNCTION]]`: the bilingual hints of course.yaml."""
from __future__ import annotations

import click

from grader.commands.common import course_from, find_or_exit
from grader.course import Course, Text, Topic, has_hint
from grader.summary import points_phrase

NO_HINT = Text(zh="这里还没有提示，请问老师。", en="No hint has been written for this yet; ask your instructor.")


def topic_heading(topic: Topic) -> str:
    return f"{topic.id} — {topic.title.zh} / {topic.title.en} ({points_phrase(topic.max_score)})"


def hint_lines(topic: Topic, function: str | None = None) -> list[str]:
    """The hint of a topic, or of one of its functions (falling back to the topic's hint)."""
    lines = [topic_heading(topic)]
    if function is not None:
        fn = topic.function(function)
        lines.append(f"  {fn.name}() — {points_phrase(fn.points)}")
        if has_hint(fn.hint):
            return lines + _indent(fn.hint)
        if has_hint(topic.hint):
            lines.append(f"  (no hint for {fn.name}() yet; the topic's hint:)")
    return lines + _indent(topic.hint if has_hint(topic.hint) else NO_HINT)


def day_hint_lines(course: Course, day_id: str) -> list[str]:
    lines = []
    for topic in course.day(day_id).topics:
        lines += hint_lines(topic) + [""]
    lines.append(f"More detail: grade hint {day_id} TOPIC [FUNCTION]")
    return lines


def _indent(text: Text) -> list[str]:
    return [f"  {line}" for line in text.both().splitlines()]


@click.command(name="hint", short_help="Hint for a day, topic or function (中文 + English).")
@click.argument("names", nargs=-1, required=True)
@click.pass_context
def hint(ctx, names):
    """Show the hint for a day, a topic or one function (中文 + English).

    \b
    grade hint day3                   every topic of Day 3
    grade hint day3 autograd          one topic (also: day3.autograd)
    grade hint day3 autograd grad_of  one function
    """
    course = course_from(ctx)
    found = find_or_exit(course, names)
    if found.topic is None:
        lines = day_hint_lines(course, found.day.id)
    else:
        lines = hint_lines(found.topic, found.function.name if found.function else None)
    click.echo("\n".join(lines))

"""Answers files (`answers/<day>.yaml`): read with line numbers, check strictly, write atomically.

Format: `day: day4` and `answers:` mapping question id → answer (letter(s), number or shape);
a flat mapping of question ids is accepted too. Line numbers let errors point at the bad line.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from grader.course import yaml_line
from grader.files import write_atomic
from grader.quiz.check import AnswerError, QuizError, normalise

if TYPE_CHECKING:
    from grader.quiz.model import Bank

_META = ("day", "answers")


def read_answers(path: Path, day: str) -> tuple[dict[str, object], dict[str, int]]:
    """(answers by question id, line of each id); QuizError names the line when malformed."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise QuizError(f"{path}{yaml_line(exc)}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuizError(f"cannot read {path}: {exc}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise QuizError(f"{path} line 1: expected a mapping 'question_id: answer'")
    if "day" in data and str(data["day"]) != day:
        raise QuizError(f"{path} line {_line(node, 'day')}: answers are for {data['day']!r}, not {day!r}")
    if "answers" in data:
        if not isinstance(data["answers"], (dict, type(None))):
            raise QuizError(f"{path} line {_line(node, 'answers')}: 'answers' must map question ids to answers")
        node = _child(node, "answers")
        data = data["answers"] or {}
    else:
        data = {k: v for k, v in data.items() if k not in _META}
    return {str(k): v for k, v in data.items()}, _lines(node)


def check_answers(bank: Bank, answers: dict[str, object], lines: dict[str, int], path: Path) -> None:
    """Raise QuizError naming the line and id of the first unknown id or unreadable answer."""
    for qid, raw in answers.items():
        q = bank.question(qid)
        if q is None:
            known = ", ".join(q.id for q in bank.questions)
            raise QuizError(f"{path} line {lines.get(qid, '?')}: unknown question id {qid!r} "
                            f"for {bank.day} (known: {known})")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            normalise(q, raw)
        except AnswerError as exc:
            raise QuizError(f"{path} line {lines.get(qid, '?')}: question {qid!r}: {exc}") from None


def write_answers(path: Path, day: str, answers: dict[str, str]) -> None:
    """Write answers atomically (temp file + rename) so an interrupted save never corrupts them."""
    body = yaml.safe_dump({"day": day, "answers": dict(answers)}, allow_unicode=True, sort_keys=False)
    header = f"# Quiz answers for {day}; edit them or run `grade quiz {day} --redo`.\n"
    write_atomic(path, header + body)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


def _line(node: yaml.Node, key: str) -> int | str:
    if isinstance(node, yaml.MappingNode):
        return next((k.start_mark.line + 1 for k, _ in node.value if getattr(k, "value", None) == key), "?")
    return "?"


def _lines(node: yaml.Node | None) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value}

"""Answer checking for quizzes: normalise an answer to canonical text, hash it, judge it.

Pure functions of a question (duck-typed: `id`, `kind`, `choices`, `tolerance`, `decimals`,
`answer_hash`) so they can be used by the bank loader, the CLI and the report alike.
"""
from __future__ import annotations

import hashlib
import math
import re
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.quiz.model import Bank, KeyEntry, Question

LETTERS = "abcdefghijklmnopqrstuvwxyz"


class QuizError(Exception):
    """A bank, key or answers file is unusable; the message names the file and the line or id."""


class AnswerError(ValueError):
    """An answer cannot be read for its question's kind; the message says why, for the student."""


def normalise(q: Question, raw: object) -> str:
    """The canonical text of an answer (e.g. 'a,c', '2.8', '(3, 1)'); AnswerError says why not."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        raise AnswerError("empty answer")
    return {"single": _letters, "multi": _letters, "numeric": _number, "shape": _shape}[q.kind](q, raw)


def _letters(q: Question, raw: object) -> str:
    tokens = [str(t) for t in raw] if isinstance(raw, (list, tuple)) else re.findall(r"\w+", str(raw))
    last = LETTERS[len(q.choices) - 1]
    letters: set[str] = set()
    for token in (t.strip().lower() for t in tokens):
        bad = next((c for c in token if c not in LETTERS[:len(q.choices)]), None)
        if bad is not None or not token:
            raise AnswerError(f"{token!r} is not a choice; answer with letters a-{last}")
        letters.update(token)
    if q.kind == "single" and len(letters) != 1:
        raise AnswerError(f"choose exactly one letter a-{last}")
    return ",".join(sorted(letters))


def _number(q: Question, raw: object) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise AnswerError("answer with a number, e.g. 0.25")
    text = str(raw).strip()
    text = re.sub(r"^tensor\((.*)\)$", r"\1", text).strip()
    try:
        value = float(Fraction(text)) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError):
        raise AnswerError(f"{str(raw)!r} is not a number; answer like 0.25 or 1/4") from None
    if not math.isfinite(value) or abs(value) > 1e12:
        raise AnswerError("answer with a finite number of reasonable size")
    return repr(value + 0.0)


def _shape(q: Question, raw: object) -> str:
    if isinstance(raw, (list, tuple)):
        parts = [str(p).strip() for p in raw]
    elif isinstance(raw, (int, str)) and not isinstance(raw, bool):
        text = re.sub(r"^torch\.Size\((.*)\)$", r"\1", str(raw).strip()).strip()
        while text[:1] in "([" and text[-1:] in ")]" and len(text) >= 2:
            text = text[1:-1].strip()
        parts = [p for p in re.split(r"[\s,x×*]+", text) if p]
    else:
        raise AnswerError("answer with a shape, e.g. (3, 1)")
    bad = next((p for p in parts if not p.isdigit()), None)
    if bad is not None:
        raise AnswerError(f"{bad!r} is not a size; answer with a shape like (3, 1), 3,1 or ()")
    dims = [int(p) for p in parts]
    return "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"


# ---------------------------------------------------------------- checking and scoring

def answer_hash(salt: str, qid: str, canonical: str) -> str:
    """sha256 hex of `salt|qid|canonical`: what a bank stores instead of the answer."""
    return hashlib.sha256(f"{salt}|{qid}|{canonical}".encode("utf-8")).hexdigest()


def hash_form(q: Question, canonical: str) -> str:
    """The text that is hashed: numeric answers as fixed decimals, the rest as is."""
    if q.kind != "numeric":
        return canonical
    return _fixed(round(float(canonical) * 10 ** q.decimals), q.decimals)


def _fixed(units: int, decimals: int) -> str:
    sign, digits = ("-" if units < 0 else ""), str(abs(units)).rjust(decimals + 1, "0")
    text = digits if not decimals else f"{digits[:-decimals]}.{digits[-decimals:]}"
    return "0" if units == 0 and not decimals else sign + text


def is_correct(bank: Bank, q: Question, canonical: str, key: dict[str, KeyEntry] | None) -> bool:
    """Whether a canonical answer is right: by the key when given, else by the bank's hash."""
    if q.kind != "numeric":
        if key is not None:
            return canonical == key[q.id].answer
        return answer_hash(bank.salt, q.id, canonical) == q.answer_hash
    scale, slack = 10 ** q.decimals, 1e-6
    lo = math.ceil((float(canonical) - q.tolerance) * scale - slack)
    hi = math.floor((float(canonical) + q.tolerance) * scale + slack)
    if key is not None:
        return lo <= round(float(key[q.id].answer) * scale) <= hi
    return any(answer_hash(bank.salt, q.id, _fixed(u, q.decimals)) == q.answer_hash
               for u in range(lo, hi + 1))

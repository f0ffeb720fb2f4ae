"""Quiz banks: load and validate, normalise and check answers, score. Pure functions, no torch.

A bank (`grader/quizzes/<day>.yaml`) holds each answer only as a salted sha256, so a student can
check answers locally; the instructor's key (`grader/quizzes/key/<day>.yaml`) holds the plain
answers. With the key present, scores come from the key; without it they are advisory.
A bank of a day whose quiz is *graded* (course.yaml `quizzes:`) ships in its handout form
(`mode: graded`, written by `handout_form`): no hashes and no explanations, so answers can only be
recorded there; the instructor's key scores them.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from grader import paths
from grader.course import Text, yaml_line
from grader.quiz.answers import read_answers
from grader.quiz.check import (LETTERS, AnswerError, QuizError, answer_hash, hash_form,  # noqa: F401
                               is_correct, normalise)
from grader.quiz.model import Bank, KeyEntry, Question, Result  # noqa: F401  (re-exported)

KINDS = ("single", "multi", "numeric", "shape")
BANK_DIR = paths.QUIZZES
KEY_DIR = paths.QUIZ_KEY
_ID = re.compile(r"[a-z0-9][a-z0-9_]*")
_GRID_LIMIT = 10_000  # most grid points a numeric tolerance may span (hash checks walk them)


# ---------------------------------------------------------------- loading and validation

def available_days(bank_dir: Path | None = None) -> list[str]:
    """Day ids that have a bank, sorted."""
    return sorted(p.stem for p in (bank_dir or BANK_DIR).glob("*.yaml"))


def load_bank(day: str, bank_dir: Path | None = None) -> Bank | None:
    """The validated bank of `day`, or None when the day has no bank."""
    path = (bank_dir or BANK_DIR) / f"{day}.yaml"
    if not _ID.fullmatch(day) or not path.is_file():
        return None
    doc = _read_yaml(path)
    where = path.name
    _need(isinstance(doc, dict) and doc.get("day") == day, f"{where}: 'day' must be {day!r}")
    qs = doc.get("questions")
    _need(isinstance(qs, list) and qs, f"{where}: 'questions' must be a non-empty list")
    questions = tuple(_question(raw, f"{where}: questions[{i}]") for i, raw in enumerate(qs))
    ids = [q.id for q in questions]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    _need(dup is None, f"{where}: question id {dup!r} appears twice")
    course = doc.get("course")
    _need(isinstance(course, str) and course.strip(), f"{where}: 'course' (the salt's course id) is missing")
    mode = doc.get("mode", "practice")
    _need(mode in ("practice", "graded"), f"{where}: 'mode' must be graded (the handout form) or absent")
    if mode == "graded":
        carried = [q.id for q in questions if q.answer_hash is not None or q.explanation is not None]
        _need(not carried, f"{where}: graded bank carries an answer_hash or explanation ({', '.join(carried[:3])}); "
                           "choose the mode in course.yaml (quizzes:) and let `grade release` strip the bank")
    else:
        missing = [q.id for q in questions if q.answer_hash is None or q.explanation is None]
        _need(not missing, f"{where}: question {missing[0] if missing else ''!r} needs 'answer_hash' and 'explanation'")
    return Bank(day=day, course=course, title=_text(doc.get("title"), f"{where}: title"),
                questions=questions, mode=mode)


def load_key(bank: Bank, key_dir: Path | None = None) -> dict[str, KeyEntry] | None:
    """The instructor's key for `bank` (answers in canonical form), or None when absent."""
    path = (key_dir or KEY_DIR) / f"{bank.day}.yaml"
    if not path.is_file():
        return None
    doc = _read_yaml(path)
    entries = doc.get("questions") if isinstance(doc, dict) else None
    _need(isinstance(entries, dict), f"{path.name}: 'questions' must map question ids to entries")
    _need(doc.get("day", bank.day) == bank.day, f"{path.name}: 'day' must be {bank.day!r}")
    extra = sorted(set(entries) - {q.id for q in bank.questions})
    _need(not extra, f"{path.name}: question {extra[0] if extra else ''!r} is not in the bank")
    return {q.id: _key_entry(q, entries.get(q.id), f"{path.name}: {q.id}") for q in bank.questions}


def _key_entry(q: Question, raw: object, where: str) -> KeyEntry:
    _need(isinstance(raw, dict) and "answer" in raw, f"{where}: missing 'answer'")
    verify = raw.get("verify")
    _need(isinstance(verify, str) and verify.strip(), f"{where}: missing 'verify' snippet")
    try:
        answer = normalise(q, raw["answer"])
    except AnswerError as exc:
        raise QuizError(f"{where}: answer {raw['answer']!r}: {exc}") from None
    if q.kind == "numeric":
        units = float(answer) * 10 ** q.decimals
        _need(abs(units - round(units)) < 1e-6, f"{where}: answer must have at most {q.decimals} decimals")
    return KeyEntry(answer=answer, verify=verify)


def _question(raw: object, where: str) -> Question:
    _need(isinstance(raw, dict), f"{where} must be a mapping")
    qid = raw.get("id")
    _need(isinstance(qid, str) and _ID.fullmatch(qid), f"{where}: 'id' must look like 'step_slice'")
    where = f"{where.split(':')[0]}: question {qid!r}"
    kind = raw.get("kind")
    _need(kind in KINDS, f"{where}: kind must be one of {', '.join(KINDS)}")
    points = raw.get("points", 1)
    _need(type(points) in (int, float) and points > 0, f"{where}: points must be a positive number")
    choices = tuple(_text(c, f"{where}: choices[{i}]") for i, c in enumerate(raw.get("choices") or []))
    has_choices = kind in ("single", "multi")
    _need(2 <= len(choices) <= len(LETTERS) if has_choices else not choices,
          f"{where}: {'needs at least 2 choices' if has_choices else 'takes no choices'}")
    digest = raw.get("answer_hash")
    _need(digest is None or (isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest)),
          f"{where}: 'answer_hash' must be a sha256 hex digest")
    tol, dec = raw.get("tolerance", 0), raw.get("decimals", 0)
    if kind == "numeric":
        _need(type(dec) is int and 0 <= dec <= 8, f"{where}: decimals must be an integer 0..8")
        _need(type(tol) in (int, float) and 0 <= tol * 10 ** dec <= _GRID_LIMIT,
              f"{where}: tolerance must be >= 0 and span at most {_GRID_LIMIT} steps of 10^-decimals")
    code = raw.get("code", "")
    _need(isinstance(code, str), f"{where}: 'code' must be a string")
    return Question(id=qid, kind=kind, points=float(points), text=_text(raw.get("question"), f"{where}: question"),
                    code=code.rstrip("\n"), choices=choices, answer_hash=digest,
                    explanation=_text(raw["explanation"], f"{where}: explanation") if "explanation" in raw else None,
                    tolerance=float(tol), decimals=int(dec))


def _text(raw: object, where: str) -> Text:
    """A bilingual text; a plain string (code, a number) stands for both languages."""
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool) and str(raw).strip():
        return Text(zh=str(raw), en=str(raw))
    ok = isinstance(raw, dict) and all(isinstance(raw.get(k), str) and raw[k].strip() for k in ("zh", "en"))
    _need(ok, f"{where} must have non-empty 'zh' and 'en' texts")
    return Text(zh=raw["zh"].rstrip("\n"), en=raw["en"].rstrip("\n"))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 9x faster; a batch reads 8 files a student


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise QuizError(f"{path.name}{yaml_line(exc)}: not valid YAML") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuizError(f"cannot read {path}: {exc}") from None


def _need(ok: object, message: str) -> None:
    if not ok:
        raise QuizError(message)


# ---------------------------------------------------------------- scoring

def grade(bank: Bank, answers: dict[str, object], key: dict[str, KeyEntry] | None) -> list[Result]:
    """One Result per bank question; an unanswered question is skipped, an unreadable one failed."""
    results = []
    for q in bank.questions:
        raw = answers.get(q.id)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            results.append(Result(q.id, "skipped", 0.0, q.points, None, "not answered"))
            continue
        try:
            canonical = normalise(q, raw)
        except AnswerError as exc:
            results.append(Result(q.id, "failed", 0.0, q.points, str(raw), str(exc)))
            continue
        if key is None and q.answer_hash is None:  # a graded bank in a handout: recorded only
            results.append(Result(q.id, "skipped", 0.0, q.points, canonical, RECORDED))
            continue
        ok = is_correct(bank, q, canonical, key)
        results.append(Result(q.id, "passed" if ok else "failed", q.points if ok else 0.0, q.points, canonical))
    return results


RECORDED = "recorded; graded by your instructor"


def overall_status(results: list[Result]) -> str:
    """passed when every question is right, skipped when none was answered, else failed."""
    if all(r.status == "passed" for r in results):
        return "passed"
    return "skipped" if all(r.status == "skipped" for r in results) else "failed"


def quiz_section(course_root: Path, day: str, answers: Path | None = None, *,
                 bank_dir: Path | None = None, key_dir: Path | None = None) -> dict | None:
    """The report's quiz section for `day` (None when the day has no bank); never raises on answers.

    Scored from the instructor's key when it is present ("source": "key"), else from the bank's
    hashes ("source": "hash", advisory); a graded bank without the key (a handout) scores nothing
    ("source": "recorded": answers are kept for the instructor). No answers file means every
    question is skipped. "answered" counts the questions with a readable answer.
    """
    bank = load_bank(day, bank_dir)
    if bank is None:
        return None
    key = load_key(bank, key_dir)
    path = Path(answers) if answers is not None else Path(course_root) / "answers" / f"{day}.yaml"
    given, message = _answers_for_report(path, bank)
    results = grade(bank, given, key)
    if message and not given:  # unreadable file: a failed attempt, not a missing one
        results = [Result(r.id, "failed", 0.0, r.max_score, None, message) for r in results]
    source = "key" if key is not None else "recorded" if bank.mode == "graded" else "hash"
    return {"id": day, "score": float(sum(r.score for r in results)), "max_score": bank.max_score,
            "status": overall_status(results), "source": source, "message": message,
            "answered": sum(r.given is not None for r in results),
            "questions": [{"id": r.id, "status": r.status, "score": r.score, "max_score": r.max_score}
                          for r in results]}


def _answers_for_report(path: Path, bank: Bank) -> tuple[dict[str, object], str]:
    """Answers from `path` leniently (unknown ids ignored), and a note on anything odd."""
    if not path.is_file():
        return {}, ""
    try:
        given, _lines = read_answers(path, bank.day)
    except QuizError as exc:
        return {}, str(exc)
    unknown = sorted(k for k in given if bank.question(k) is None)
    return given, (f"{path}: ignored unknown question id {unknown[0]!r}" if unknown else "")


# ---------------------------------------------------------------- instructor tools

def expected_hashes(bank: Bank, key: dict[str, KeyEntry]) -> dict[str, str]:
    """The answer_hash each question should carry, computed from the plain key."""
    return {q.id: answer_hash(bank.salt, q.id, hash_form(q, key[q.id].answer)) for q in bank.questions}


def rehash_bank(day: str, bank_dir: Path | None = None, key_dir: Path | None = None) -> list[str]:
    """Rewrite the bank's `answer_hash:` lines from the key, keeping the file's layout; changed ids."""
    bank = load_bank(day, bank_dir)
    key = load_key(bank, key_dir) if bank else None
    _need(key is not None, f"{day}: rehashing needs both the bank and the key")
    hashes, current, changed, out = expected_hashes(bank, key), None, [], []
    path = (bank_dir or BANK_DIR) / f"{day}.yaml"
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if m := re.match(r"\s*- id:\s*['\"]?([a-z0-9_]+)", line):
            current = m.group(1)
        elif (m := re.match(r"(\s*)answer_hash:\s*['\"]?([0-9a-f]*)", line)) and current in hashes:
            changed += [current] if m.group(2) != hashes[current] else []
            line = f'{m.group(1)}answer_hash: "{hashes[current]}"\n'
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")
    return changed


def handout_form(day: str, bank_dir: Path | None = None) -> str:
    """The YAML text a handout ships for a graded bank: the questions (text, code, choices, kind,
    points, numeric grid) without `answer_hash` and `explanation`, marked `mode: graded`."""
    bank = load_bank(day, bank_dir)
    _need(bank is not None, f"{day}: no quiz bank to release")
    doc = _read_yaml((bank_dir or BANK_DIR) / f"{day}.yaml")
    kept = [{k: v for k, v in q.items() if k not in ("answer_hash", "explanation")} for q in doc["questions"]]
    body = {"day": day, "course": doc["course"], "mode": "graded", "title": doc["title"], "questions": kept}
    header = (f"# {day} quiz (graded). Answer with `grade quiz {day}`: your answers are recorded in\n"
              f"# answers/{day}.yaml and graded by your instructor; this file holds no answers.\n")
    return header + yaml.dump(body, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


class _BlockDumper(yaml.SafeDumper):
    """Multi-line strings (code) as literal blocks, as they are written by hand."""


_BlockDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))

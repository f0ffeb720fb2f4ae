"""The scored report: plain dataclasses, JSON form, atomic writing, schema check, terminal summary."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://d2l-autograder.invalid/schema/report-1.0.json"
SCHEMA_PATH = Path(__file__).parent / "schema" / "report.schema.json"


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class
    id: str
    name: str
    function: str
    status: str
    score: float
    max_score: float
    message: str
    duration: float
    public: bool


@dataclass(frozen=True)
class TopicResult:
    id: str
    title: str
    score: float
    max_score: float
    tests: tuple[TestResult, ...]
    message: str = ""


@dataclass(frozen=True)
class DayResult:
    id: str
    score: float
    max_score: float
    topics: tuple[TopicResult, ...]
    quizzes: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Report:
    student: str
    target: str
    created: str
    grader_version: str
    specs_digest: str
    seed: int
    environment: dict
    isolation: dict
    mode: str  # "full" (hidden + public checks) or "public" (a handout: public checks only)
    days: tuple[DayResult, ...]
    error: str | None = None
    schema_version: str = SCHEMA_VERSION
    score: float = field(default=0.0)
    max_score: float = field(default=0.0)

    @property
    def tests(self) -> list[TestResult]:
        return [t for d in self.days for tp in d.topics for t in tp.tests]


def make_day(day_id: str, topics: list[TopicResult], quizzes: list[dict] = ()) -> DayResult:
    score = sum(t.score for t in topics) + sum(q["score"] for q in quizzes)
    max_score = sum(t.max_score for t in topics) + sum(q["max_score"] for q in quizzes)
    return DayResult(id=day_id, score=round(score, 6), max_score=round(max_score, 6),
                     topics=tuple(topics), quizzes=tuple(quizzes))


def finish(report: Report) -> Report:
    """Fill in the run totals from the days."""
    from dataclasses import replace
    return replace(report, score=round(sum(d.score for d in report.days), 6),
                   max_score=round(sum(d.max_score for d in report.days), 6))


def to_dict(report: Report) -> dict:
    data = json.loads(json.dumps(asdict(report)))  # tuples become lists, as in the file
    data["$schema"] = SCHEMA_ID
    return data


def write_json(data: dict, path: Path) -> None:
    """Write JSON atomically: a temp file in the same folder, fsync, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())


def validate(data: dict) -> None:
    """Raise jsonschema.ValidationError when `data` does not follow the published schema."""
    import jsonschema
    jsonschema.validate(data, schema())


def load(path: Path) -> dict:
    """Read and validate a report file (ValueError with a short reason when it is not one)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not a readable JSON report ({exc.__class__.__name__})") from None
    try:
        validate(data)
    except Exception as exc:  # jsonschema.ValidationError
        raise ValueError(f"{path}: does not follow the report schema ({getattr(exc, 'message', exc)})") from None
    return data


# ---------------------------------------------------------------- terminal summary
NOT_IMPLEMENTED = "is not implemented yet"
_MARK = {"passed": "ok", "failed": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "skipped": "skip"}


def summary_lines(report: Report, verbose: bool = False) -> list[str]:
    """Per topic: score and each function's verdict; the first failing message per function."""
    lines = []
    for day in report.days:
        for topic in day.topics:
            lines.append(f"{topic.id:<28} {_pts(topic.score)}/{_pts(topic.max_score)}")
            lines += _function_lines(topic, verbose, report.mode == "public")
        for quiz in day.quizzes:
            lines.append(f"{'quiz ' + quiz['id']:<28} {_pts(quiz['score'])}/{_pts(quiz['max_score'])}"
                         + ("  (not answered: grade quiz " + quiz["id"] + ")" if quiz.get("status") == "skipped" else ""))
    lines.append("")
    hidden = hidden_only_points(report)
    later = f"  ({_pts(hidden)} more points have hidden checks only: graded later)" if hidden else ""
    lines.append(f"Score: {_pts(report.score)}/{_pts(report.max_score)}{later}")
    lines.append(next_step(report))
    lines.append(public_note(report))
    return [line for line in lines if line is not None]


def _function_lines(topic: TopicResult, verbose: bool, public_mode: bool = False) -> list[str]:
    lines, seen = [], {}
    for test in topic.tests:
        seen.setdefault(test.function, []).append(test)
    for fn, tests in seen.items():
        if public_mode and not any(t.public for t in tests):
            total = sum(t.max_score for t in tests)
            lines.append(f"  {'hidden':<7} {fn:<24} -/{_pts(total)}  (no public check; checked at grading)")
            continue
        failed = [t for t in tests if t.status != "passed"]
        got = sum(t.score for t in tests)
        total = sum(t.max_score for t in tests)
        mark = "ok" if not failed else _MARK.get(failed[0].status, "FAIL")
        if failed and all(NOT_IMPLEMENTED in t.message for t in failed):
            lines.append(f"  {'todo':<7} {fn:<24} {_pts(got)}/{_pts(total)}  (not implemented yet)")
            continue
        lines.append(f"  {mark:<7} {fn:<24} {_pts(got)}/{_pts(total)}")
        for t in (failed if verbose else failed[:1]):
            lines.append(f"          {_clip(t.message)}")
    return lines


def next_step(report: Report) -> str | None:
    """Point at the first function still losing points, and the hint command for it."""
    for topic in (tp for day in report.days for tp in day.topics):
        for test in topic.tests:
            shown = report.mode != "public" or test.public
            if shown and test.status in ("failed", "error", "timeout") and test.function != "?":
                day, name = topic.id.split(".", 1)
                return f"Next: {test.function}() in exercises/{day}/{name}.py — grade hint {day} {name} {test.function}"
    return None


def hidden_only_points(report: Report) -> float:
    """In a handout: points of functions that have no public check (only hidden ones, run later)."""
    if report.mode != "public":
        return 0.0
    points = 0.0
    for topic in (tp for day in report.days for tp in day.topics):
        public = {t.function for t in topic.tests if t.public}
        points += sum(t.max_score for t in topic.tests if t.function not in public)
    return round(points, 6)


def public_note(report: Report) -> str | None:
    """In a handout (mode 'public'): how many public checks passed, and that hidden ones run later."""
    if report.mode != "public":
        return None
    public = [t for t in report.tests if t.public]
    passed = sum(t.status == "passed" for t in public)
    checks = "check" if len(public) == 1 else "checks"
    if passed == len(public):
        return f"{passed} public {checks} passed; hidden checks run at grading."
    return f"{passed} of {len(public)} public {checks} passed; hidden checks run at grading."


def _clip(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _pts(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))

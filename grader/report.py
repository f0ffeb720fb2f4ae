"""The scored report: plain dataclasses, statuses, JSON form, atomic writing, schema check."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from grader import paths
from grader.files import write_atomic

SCHEMA_VERSION = "1.2"  # 1.1: status `not_implemented`; 1.2: `submission` (hand-in manifest check)
READABLE_VERSIONS = ("1.0", "1.1", SCHEMA_VERSION)
SCHEMA_ID = "https://d2l-autograder.invalid/schema/report-1.2.json"
NOT_IMPLEMENTED = "not_implemented"
STATUSES = ("passed", "failed", "error", "timeout", "skipped", NOT_IMPLEMENTED)
_LEGACY_NOT_IMPLEMENTED = "is not implemented yet"  # how a 1.0 report said it, in the message


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
    output: str = ""  # what the student's code printed during the check's calls (bounded)


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
    submission: dict | None = None  # a hand-in zip: its manifest and how the files differ from it
    schema_version: str = SCHEMA_VERSION
    score: float = field(default=0.0)
    max_score: float = field(default=0.0)

    @property
    def tests(self) -> list[TestResult]:
        return [t for d in self.days for tp in d.topics for t in tp.tests]


_TEST_FIELDS = tuple(TestResult.__dataclass_fields__)
_REPORT_FIELDS = tuple(Report.__dataclass_fields__)


def make_day(day_id: str, topics: list[TopicResult], quizzes: list[dict] = ()) -> DayResult:
    score = sum(t.score for t in topics) + sum(q["score"] for q in quizzes)
    max_score = sum(t.max_score for t in topics) + sum(q["max_score"] for q in quizzes)
    return DayResult(id=day_id, score=round(score, 6), max_score=round(max_score, 6),
                     topics=tuple(topics), quizzes=tuple(quizzes))


def finish(report: Report) -> Report:
    """Fill in the run totals from the days."""
    return replace(report, score=round(sum(d.score for d in report.days), 6),
                   max_score=round(sum(d.max_score for d in report.days), 6))


def from_dict(data: dict) -> Report:
    """A report dict (as written, e.g. read back with `load`) as dataclasses again."""
    days = []
    for day in data["days"]:
        topics = tuple(TopicResult(id=t["id"], title=t["title"], score=t["score"], max_score=t["max_score"],
                                   message=t.get("message", ""),
                                   tests=tuple(TestResult(**{k: x[k] for k in _TEST_FIELDS}) for x in t["tests"]))
                       for t in day["topics"])
        days.append(DayResult(id=day["id"], score=day["score"], max_score=day["max_score"], topics=topics,
                              quizzes=tuple(day.get("quizzes", ()))))
    known = {k: data[k] for k in _REPORT_FIELDS if k in data}
    return Report(**{**known, "days": tuple(days)})


def default_path(course_root: Path, target: str, solutions: bool = False) -> Path:
    """Where `grade TARGET` writes its report: reports/<target>.json (reports/solutions/… for
    the reference solutions)."""
    return Path(course_root) / "reports" / ("solutions" if solutions else "") / f"{target}.json"


def to_dict(report: Report) -> dict:
    data = json.loads(json.dumps(asdict(report)))  # tuples become lists, as in the file
    data["$schema"] = SCHEMA_ID
    return data


def write_json(data: dict, path: Path) -> None:
    """Write a report atomically and durably (temp file, fsync, rename)."""
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False), sync=True)


def is_not_implemented(test) -> bool:
    """Whether a test result (dataclass or report dict, of either schema version) says the
    function is still a stub."""
    get = test.get if isinstance(test, dict) else lambda k, d=None: getattr(test, k, d)
    return get("status") == NOT_IMPLEMENTED or (
        get("status") not in ("passed", None) and _LEGACY_NOT_IMPLEMENTED in str(get("message", "")))


def schema() -> dict:
    return json.loads(paths.SCHEMA.read_text(encoding="utf-8"))


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

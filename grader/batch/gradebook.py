"""Reports → a gradebook: one row per student, stable columns, flags for odd reports (pure), plots.

Columns: student, then per day its total, its topics and its quiz, then total, max_score, percent
and the provenance columns (target, specs digest, schema version, isolation, flags, file). Reports made with
other specs or another schema version stay in the gradebook but are flagged, never dropped.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from grader.report import READABLE_VERSIONS, SCHEMA_VERSION

TAIL = ("total", "max_score", "percent", "target", "specs_digest", "schema_version", "isolation", "error", "flags",
        "file")


@dataclass(frozen=True)
class Entry:
    """One usable report: where it came from, its scores by column, and what looks odd about it."""
    source: str
    student: str
    target: str
    specs_digest: str
    schema_version: str
    created: str
    score: float
    max_score: float
    error: str | None
    cells: dict = field(default_factory=dict)  # column -> score
    maxima: dict = field(default_factory=dict)  # column -> max score
    flags: tuple[str, ...] = ()
    isolation: str = ""  # root | userns | none, "(partial)" when not full; "" when the report says nothing
    isolated: bool = False  # graded under full isolation (official)


def entry_from(source: str, data: object) -> Entry:
    """Read the columns of one report dict; ValueError when it lacks the fields a gradebook needs.

    Reports of another schema version are read leniently (only the fields used here) and flagged.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{source}: not a JSON object")
    version = str(data.get("schema_version", "?"))
    try:
        cells, maxima = _cells(data["days"])
        entry = Entry(source=source, student=_text(data["student"]), target=str(data.get("target", "?")),
                      specs_digest=str(data.get("specs_digest", "?")), schema_version=version,
                      created=str(data.get("created", "")), score=_num(data["score"]),
                      max_score=_num(data["max_score"]), error=data.get("error") or None, cells=cells,
                      maxima=maxima)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: not a grade report (missing or bad field {exc})") from None
    flags = () if version in READABLE_VERSIONS else (f"schema version {version} (this grader writes {SCHEMA_VERSION})",)
    if entry.error:
        flags += (f"could not grade: {entry.error}",)
    flags += tuple(f"hand-in: {p}" for p in handin_problems(data))
    facts = data.get("isolation") if isinstance(data.get("isolation"), dict) else {}
    isolated = facts.get("full") is True
    setting = str(facts.get("setting", ""))
    setting += " (partial)" if setting in ("root", "userns") and not isolated else ""
    if not isolated:
        flags += ("not graded under full isolation (advisory)",)
    return replace(entry, flags=flags, isolation=setting.strip(), isolated=isolated)


def unisolated(entries: list[Entry]) -> list[str]:
    """The students whose report was not graded under full isolation (their scores are advisory)."""
    return sorted(e.student for e in entries if not e.isolated)


def handin_problems(data: dict) -> list[str]:
    """How a hand-in zip's files differ from its manifest, as recorded in the report (schema 1.2)."""
    submission = data.get("submission")
    problems = submission.get("problems") if isinstance(submission, dict) else None
    return [str(p) for p in problems] if isinstance(problems, list) else []


def _cells(days: list) -> tuple[dict, dict]:
    cells, maxima = {}, {}
    for day in days:
        cells[day["id"]], maxima[day["id"]] = _num(day["score"]), _num(day["max_score"])
        for topic in day.get("topics", []):
            cells[topic["id"]], maxima[topic["id"]] = _num(topic["score"]), _num(topic["max_score"])
        quizzes = day.get("quizzes", [])
        if quizzes:
            cells[f"{day['id']}.quiz"] = sum(_num(q["score"]) for q in quizzes)
            maxima[f"{day['id']}.quiz"] = sum(_num(q["max_score"]) for q in quizzes)
    return cells, maxima


def _num(value) -> float:
    if type(value) not in (int, float):
        raise TypeError(repr(value))
    return float(value)


def _text(value) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("student")
    return value


def split_duplicates(entries: list[Entry]) -> tuple[list[Entry], list[tuple[str, list[str]]]]:
    """Keep the newest report per student (flagged); return (kept, [(student, [all its files])])."""
    by_student: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=lambda e: e.source):
        by_student.setdefault(e.student, []).append(e)
    kept, duplicates = [], []
    for student, group in sorted(by_student.items()):
        newest = max(group, key=lambda e: (e.created, e.source))
        if len(group) > 1:
            others = [e.source for e in group if e is not newest]
            newest = replace(newest, flags=newest.flags + (f"duplicate: also in {', '.join(others)}",))
            duplicates.append((student, [e.source for e in group]))
        kept.append(newest)
    return kept, duplicates


def flag_outliers(entries: list[Entry]) -> tuple[list[Entry], list[str]]:
    """Flag reports for another target than most, or made with other specs than most of their target."""
    warnings = []
    targets = Counter(e.target for e in entries)
    main_target = _majority(targets)
    if len(targets) > 1:
        warnings.append("reports are for different targets: " + ", ".join(f"{t} ({n})" for t, n in sorted(targets.items())))
    digests = {t: _majority(Counter(e.specs_digest for e in entries if e.target == t)) for t in targets}
    flagged = []
    for e in entries:
        flags = e.flags
        if e.target != main_target:
            flags += (f"target {e.target}, most reports are {main_target}",)
        if e.specs_digest != digests[e.target]:
            flags += (f"specs digest {e.specs_digest} differs from the class's {digests[e.target]}",)
        flagged.append(replace(e, flags=flags))
    odd = [e for e in flagged if any(f.startswith("specs digest") for f in e.flags)]
    if odd:
        warnings.append(f"{len(odd)} report(s) graded with other specs: " + ", ".join(e.source for e in odd))
    handins = [e for e in flagged if any(f.startswith("hand-in: ") for f in e.flags)]
    if handins:
        warnings.append(f"{len(handins)} hand-in(s) do not match their manifest (files changed after packing): "
                        + ", ".join(f"{e.student} ({e.source})" for e in handins))
    old = [e for e in flagged if e.schema_version not in READABLE_VERSIONS]
    if old:
        warnings.append(f"{len(old)} report(s) of another schema version: " + ", ".join(e.source for e in old))
    return flagged, warnings


def _majority(counts: Counter) -> str:
    return min(counts, key=lambda k: (-counts[k], k)) if counts else ""


def columns(entries: list[Entry], order: list[str] | None = None) -> list[str]:
    """Score columns in course order (`order`: topic ids) else by day number, then the tail columns."""
    seen = {c for e in entries for c in e.cells}
    topics = list(order or [])
    topics += sorted((c for c in seen if c.count(".") == 1 and not c.endswith(".quiz") and c not in topics),
                     key=_natural)
    days = sorted({c.split(".", 1)[0] for c in seen} | {t.split(".", 1)[0] for t in topics if t in seen}, key=_natural)
    cols = ["student"]
    for day in days:
        cols.append(day)
        cols += [t for t in topics if t in seen and t.split(".", 1)[0] == day]
        if f"{day}.quiz" in seen:
            cols.append(f"{day}.quiz")
    return cols + list(TAIL)


def _natural(text: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def rows(entries: list[Entry], cols: list[str]) -> list[dict]:
    """One dict per student (sorted by student id); missing scores are empty cells."""
    out = []
    for e in sorted(entries, key=lambda e: e.student):
        row = {c: _fmt(e.cells[c]) if c in e.cells else "" for c in cols}
        row.update(student=e.student, total=_fmt(e.score), max_score=_fmt(e.max_score),
                   percent=_fmt(100 * e.score / e.max_score, 2) if e.max_score else "", target=e.target,
                   specs_digest=e.specs_digest, schema_version=e.schema_version, isolation=e.isolation,
                   error=e.error or "",
                   flags="; ".join(e.flags), file=e.source)
        out.append(row)
    return out


def _fmt(x: float, digits: int = 4) -> str:
    text = f"{round(x, digits):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def to_csv(cols: list[str], table: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=cols, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def topic_means(entries: list[Entry], cols: list[str]) -> dict[str, float]:
    """Mean percentage per topic column over the students who have it (for the bar chart)."""
    means = {}
    for c in cols:
        if c.count(".") == 1 and not c.endswith(".quiz"):
            got = [100 * e.cells[c] / e.maxima[c] for e in entries if e.maxima.get(c)]
            if got:
                means[c] = sum(got) / len(got)
    return means


def plot(entries: list[Entry], cols: list[str], path) -> None:
    """Histogram of total percentages and a per-topic mean bar chart, as one PNG (Agg backend)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    totals = [100 * e.score / e.max_score for e in entries if e.max_score]
    means = topic_means(entries, cols)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [1, 2]})
    left.hist(totals, bins=[i * 10 for i in range(11)], color="#4472c4", edgecolor="white")
    left.yaxis.get_major_locator().set_params(integer=True)
    left.set(title=f"Totals ({len(totals)} students)", xlabel="percent of max score", ylabel="students")
    right.bar(range(len(means)), list(means.values()), color="#70ad47")
    right.set_xticks(range(len(means)), list(means), rotation=60, ha="right", fontsize=8)
    right.set(title="Mean per topic", ylabel="percent of topic points", ylim=(0, 100))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)

"""Gradebook: reports → rows, stable columns, flags (pure), and `grade collect` on a folder."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from grader.batch import gradebook
from grader import report
from grader.cli import cli
from grader.report import Report, TopicResult


def make_report(student: str, scores: dict[str, float], *, quiz: float | None = None, digest="0123456789abcdef",
                target="all", created="2026-01-01T00:00:00+00:00", isolation=None) -> dict:
    """A valid report with one topic per entry of `scores` ('day1.calculus': 3.0, each out of 4)."""
    days = []
    for day in sorted({t.split(".")[0] for t in scores}):
        topics = tuple(TopicResult(id=t, title=t, score=s, max_score=4.0, tests=()) for t, s in scores.items()
                       if t.startswith(day + "."))
        quizzes = () if quiz is None else ({"id": day, "score": quiz, "max_score": 2.0, "status": "passed",
                                            "questions": []},)
        days.append(report.make_day(day, list(topics), list(quizzes)))
    built = Report(student=student, target=target, created=created, grader_version="0.1.0", specs_digest=digest,
                   seed=0, environment={"python": "3.11", "torch": "2.13.0", "numpy": "2", "pandas": "2"},
                   isolation={"setting": "root", "full": True} if isolation is None else isolation, mode="full",
                   days=tuple(days))
    data = report.to_dict(report.finish(built))
    report.validate(data)
    return data


def entries(*docs):
    return [gradebook.entry_from(f"{d['student']}.json", d) for d in docs]


def test_columns_follow_course_order_then_tail():
    es = entries(make_report("b", {"day2.joining": 4, "day1.calculus": 1}, quiz=2.0),
                 make_report("a", {"day1.tensor_basics": 3, "day10.x": 1}))
    order = ["day1.tensor_basics", "day1.calculus", "day2.joining"]
    cols = gradebook.columns(es, order)
    assert cols[:9] == ["student", "day1", "day1.tensor_basics", "day1.calculus", "day1.quiz", "day2",
                        "day2.joining", "day2.quiz", "day10"]
    assert cols[9] == "day10.x" and tuple(cols[-len(gradebook.TAIL):]) == gradebook.TAIL
    assert gradebook.columns(list(reversed(es)), order) == cols  # stable whatever the file order


def test_rows_sorted_with_totals_and_blank_missing_cells():
    es = entries(make_report("bob", {"day1.calculus": 4}), make_report("al", {"day1.calculus": 1, "day2.joining": 2}))
    cols = gradebook.columns(es)
    rows = gradebook.rows(es, cols)
    assert [r["student"] for r in rows] == ["al", "bob"]
    assert rows[0]["total"] == "3" and rows[0]["max_score"] == "8" and rows[0]["percent"] == "37.5"
    assert rows[1]["day2.joining"] == "" and rows[1]["percent"] == "100"
    parsed = list(csv.DictReader(io.StringIO(gradebook.to_csv(cols, rows))))
    assert [r["student"] for r in parsed] == ["al", "bob"] and list(parsed[0]) == cols


def test_other_specs_digest_and_target_are_flagged():
    es = entries(make_report("a", {"day1.calculus": 1}), make_report("b", {"day1.calculus": 2}),
                 make_report("c", {"day1.calculus": 3}, digest="fedcba9876543210"),
                 make_report("d", {"day1.calculus": 3}, target="day1"))
    flagged, warnings = gradebook.flag_outliers(es)
    flags = {e.student: e.flags for e in flagged}
    assert flags["a"] == () and flags["b"] == ()
    assert any("specs digest fedcba9876543210" in f for f in flags["c"])
    assert any("target day1" in f for f in flags["d"])
    assert any("c.json" in w for w in warnings) and any("different targets" in w for w in warnings)


def test_other_schema_version_is_read_leniently_and_flagged():
    data = make_report("old", {"day1.calculus": 2})
    data["schema_version"] = "0.9"
    entry = gradebook.entry_from("old.json", data)
    assert entry.score == 2 and any("schema version 0.9" in f for f in entry.flags)
    with pytest.raises(ValueError, match="not a grade report"):
        gradebook.entry_from("x.json", {"schema_version": "0.9", "student": "x"})


def test_duplicates_keep_the_newest_and_are_named():
    old = make_report("amy", {"day1.calculus": 1}, created="2026-01-01T00:00:00+00:00")
    new = make_report("amy", {"day1.calculus": 4}, created="2026-02-01T00:00:00+00:00")
    kept, dupes = gradebook.split_duplicates([gradebook.entry_from("amy-old.json", old),
                                              gradebook.entry_from("amy.json", new)])
    assert len(kept) == 1 and kept[0].score == 4 and "also in amy-old.json" in kept[0].flags[0]
    assert dupes == [("amy", ["amy-old.json", "amy.json"])]


def test_collect_flags_corrupt_and_duplicate_reports(tmp_path):
    folder = tmp_path / "reports"
    (folder / "shard-2").mkdir(parents=True)
    for doc, name in [(make_report("ann", {"day1.calculus": 4}, quiz=2.0), "ann.json"),
                      (make_report("ben", {"day1.calculus": 1}, quiz=0.0), "shard-2/ben.json"),
                      (make_report("ben", {"day1.calculus": 2}, quiz=0.0), "ben-again.json")]:
        (folder / name).write_text(json.dumps(doc))
    (folder / "cut.json").write_text('{"schema_version": "1.0", "stud')
    (folder / "wrong.json").write_text(json.dumps({"schema_version": "1.0", "student": "x"}))
    (folder / ".ann.json.tmp123").write_text("{")  # a temp file of an atomic write: not a report
    (folder / "ann.gradescope.json").write_text("{}")  # a --format output: not a report
    out = tmp_path / "grades.csv"
    result = CliRunner().invoke(cli, ["--course", str(tmp_path), "collect", str(folder), "--csv", str(out),
                                      "--plot", str(tmp_path / "scores.png")])
    assert result.exit_code == 1
    assert "unreadable: cut.json: not valid JSON" in result.output
    assert "unreadable: wrong.json: does not follow the report schema" in result.output
    assert "duplicate: student ben appears in ben-again.json, shard-2/ben.json" in result.output
    assert "gradescope" not in result.output and ".ann.json" not in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["student"], r["day1.calculus"], r["day1.quiz"], r["percent"]) for r in rows] == \
        [("ann", "4", "2", "100"), ("ben", "1", "0", "16.67")]
    assert (tmp_path / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_collect_clean_folder_exits_0(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "ann.json").write_text(json.dumps(make_report("ann", {"day1.calculus": 4})))
    result = CliRunner().invoke(cli, ["--course", str(tmp_path), "collect", str(tmp_path / "r"),
                                      "--csv", str(tmp_path / "g.csv")])
    assert result.exit_code == 0 and "1 students" in result.output


def test_collect_reads_reports_of_the_previous_schema_version_alongside_new_ones(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    old = make_report("old", {"day1.calculus": 1})
    old["schema_version"] = "1.0"  # what a 1.0 grader wrote: no not_implemented status, no output
    old["$schema"] = "https://d2l-autograder.invalid/schema/report-1.0.json"
    new = make_report("new", {"day1.calculus": 3})
    assert new["schema_version"] == report.SCHEMA_VERSION != "1.0"
    for doc in (old, new):
        report.validate(doc)
        (folder / f"{doc['student']}.json").write_text(json.dumps(doc))
    result = CliRunner().invoke(cli, ["--course", str(tmp_path), "collect", str(folder), "--csv", str(tmp_path / "g.csv")])
    assert result.exit_code == 0 and "schema version" not in result.output, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "g.csv").read_text())))
    assert [(r["student"], r["schema_version"], r["flags"]) for r in rows] == [("new", report.SCHEMA_VERSION, ""),
                                                                                ("old", "1.0", "")]


def test_a_stub_reads_as_not_implemented_in_either_schema_version():
    legacy = {"status": "failed", "message": "exercises/day1/calculus.py: chain_rule() is not implemented yet (…)"}
    assert report.is_not_implemented(legacy) and report.is_not_implemented({"status": "not_implemented"})
    assert not report.is_not_implemented({"status": "failed", "message": "returned 5, expected 6"})


def test_collect_names_students_not_graded_under_full_isolation(tmp_path):
    """An `isolation` column, a flag, and one warning naming the students whose scores are advisory."""
    folder = tmp_path / "r"
    folder.mkdir()
    docs = [make_report("ann", {"day1.calculus": 4}),
            make_report("bob", {"day1.calculus": 4}, isolation={"setting": "none", "full": False, "advisory": True}),
            make_report("cyd", {"day1.calculus": 4}, isolation={"setting": "userns", "full": False, "pid_namespace": False}),
            make_report("dan", {"day1.calculus": 4}, isolation={"setting": "userns", "full": True})]
    for doc in docs:
        (folder / f"{doc['student']}.json").write_text(json.dumps(doc))
    out = tmp_path / "g.csv"
    result = CliRunner().invoke(cli, ["--course", str(tmp_path), "collect", str(folder), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if "not graded under full isolation" in line]
    assert len(warning) == 1 and warning[0].startswith("warning: 2 report(s)") and warning[0].endswith(": bob, cyd")
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(out.read_text()))}
    assert {s: r["isolation"] for s, r in rows.items()} == \
        {"ann": "root", "bob": "none", "cyd": "userns (partial)", "dan": "userns"}
    assert "advisory" in rows["bob"]["flags"] and rows["ann"]["flags"] == ""

"""Other consumers' result formats, built from a report dict (pure): Gradescope, GitHub Classroom, JUnit.

Gradescope reads `results.json` (top-level score/execution_time/output, `tests[]` with visibility);
GitHub Classroom's grading reporter reads a `version`/`status`/`max_score`/`tests[]` document;
JUnit XML is read by most CI systems. Hidden checks stay hidden from students until published.
"""
from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

from grader.files import write_atomic
from grader.summary import points

FORMATS = ("gradescope", "classroom", "junit")
LABEL = {"gradescope": "Gradescope", "classroom": "GitHub Classroom", "junit": "JUnit"}
SUFFIX = {"gradescope": ".gradescope.json", "classroom": ".classroom.json", "junit": ".junit.xml"}


def entries(report: dict) -> list[dict]:
    """Every scored item of a report, flat: one per test and one per quiz, in report order."""
    found = []
    for day in report.get("days", []):
        for topic in day.get("topics", []):
            for test in topic.get("tests", []):
                found.append({"suite": topic["id"], "function": test["function"], "name": _test_name(topic, test),
                              "status": test["status"], "score": _r(test["score"]), "max_score": _r(test["max_score"]),
                              "message": test["message"], "duration": test["duration"], "public": test["public"]})
        for quiz in day.get("quizzes", []):
            status = quiz.get("status") or ("passed" if quiz["score"] >= quiz["max_score"] else "failed")
            found.append({"suite": f"{day['id']}.quiz", "function": "quiz", "name": f"quiz {quiz['id']}",
                          "status": status, "score": _r(quiz["score"]), "max_score": _r(quiz["max_score"]),
                          "message": quiz.get("message") or _quiz_note(quiz), "duration": 0.0, "public": True})
    return found


def gradescope(report: dict) -> dict:
    """Gradescope `results.json`: hidden checks are shown `after_published`, public ones `visible`."""
    items = entries(report)
    tests = [{"name": e["name"], "score": e["score"], "max_score": e["max_score"],
              "status": "passed" if e["status"] == "passed" else "failed",
              "output": e["message"] or _status_note(e["status"]),
              "visibility": "visible" if e["public"] else "after_published"} for e in items]
    return {"score": _r(report["score"]), "execution_time": math.ceil(sum(e["duration"] for e in items)),
            "output": _overall(report), "tests": tests}


def classroom(report: dict) -> dict:
    """GitHub Classroom grader output (the document its reporter action reads, before base64)."""
    items = entries(report)
    tests = [{"name": e["name"], "status": _classroom_status(e["status"]), "score": e["score"],
              "max_score": e["max_score"], "message": e["message"] or None, "test_code": "",
              "filename": e["suite"], "line_no": 0, "execution_time": f"{e['duration']:.2f}s"} for e in items]
    if report.get("error"):
        status = "error"
    else:
        status = "pass" if all(t["status"] == "pass" for t in tests) and tests else "fail"
    return {"version": 1, "status": status, "max_score": _r(report["max_score"]), "tests": tests}


def junit(report: dict) -> str:
    """JUnit XML: one testsuite per topic (and per day's quizzes), one testcase per check."""
    root = ET.Element("testsuites", name=f"grade {report['target']}", tests="0", failures="0", errors="0",
                      skipped="0", time="0")
    suites: dict[str, ET.Element] = {}
    for e in entries(report):
        suite = suites.get(e["suite"])
        if suite is None:
            suite = suites[e["suite"]] = ET.SubElement(root, "testsuite", name=e["suite"], tests="0", failures="0",
                                                       errors="0", skipped="0", time="0")
        case = ET.SubElement(suite, "testcase", classname=e["suite"], name=e["name"], time=f"{e['duration']:.3f}")
        kind = {"failed": "failure", "timeout": "failure", "error": "error", "skipped": "skipped"}.get(e["status"])
        if kind:
            detail = ET.SubElement(case, kind, message=e["message"][:500] or _status_note(e["status"]))
            if kind != "skipped":
                detail.set("type", e["status"])
                detail.text = e["message"]
        _count(suite, kind, e["duration"])
        _count(root, kind, e["duration"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(fmt: str, report: dict) -> str:
    """The text of `report` in format `fmt` (one of FORMATS)."""
    if fmt == "junit":
        return junit(report)
    doc = {"gradescope": gradescope, "classroom": classroom}[fmt](report)
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def default_path(report_path: Path, fmt: str) -> Path:
    """Where `fmt` goes next to a JSON report: reports/day1.json -> reports/day1.gradescope.json."""
    report_path = Path(report_path)
    return report_path.with_name(report_path.name.removesuffix(".json") + SUFFIX[fmt])


def save(fmt: str, report: dict, path: Path) -> None:
    """Write `report` as `fmt` to `path` atomically (temp file in the same folder, then rename)."""
    write_atomic(path, render(fmt, report))


def _count(element: ET.Element, kind: str | None, duration: float) -> None:
    element.set("tests", str(int(element.get("tests")) + 1))
    attr = {"failure": "failures", "error": "errors", "skipped": "skipped"}.get(kind or "")
    if attr:
        element.set(attr, str(int(element.get(attr)) + 1))
    element.set("time", f"{float(element.get('time')) + duration:.3f}")


def _test_name(topic: dict, test: dict) -> str:
    return f"{topic['id']}: {test['function']} — {test['name']}"


def _classroom_status(status: str) -> str:
    return {"passed": "pass", "error": "error"}.get(status, "fail")


def _status_note(status: str) -> str:
    return {"passed": "", "skipped": "skipped", "timeout": "timed out"}.get(status, status)


def _quiz_note(quiz: dict) -> str:
    if quiz.get("status") == "skipped":
        return f"not answered: grade quiz {quiz['id']}"
    return f"{points(quiz['score'])}/{points(quiz['max_score'])} points"


def _overall(report: dict) -> str:
    lines = [f"Score: {points(report['score'])}/{points(report['max_score'])} ({report['target']}, "
             f"student {report['student']}, specs {report['specs_digest']})"]
    if report.get("error"):
        lines.append(f"Could not grade everything: {report['error']}")
    hidden = sum(1 for e in entries(report) if not e["public"])
    if hidden:
        lines.append(f"{hidden} hidden checks: their results are shown when grades are published.")
    return "\n".join(lines)


def _r(x: float) -> float:
    """Scores to 4 decimals (per-test thirds of a point add up to 74.000011 otherwise)."""
    return round(float(x), 4)


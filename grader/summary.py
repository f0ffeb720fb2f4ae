"""How scores and reports look in a terminal: `grade dayN`, `grade watch` and the other commands
print points and reports through these functions only."""
from __future__ import annotations

import re

from grader.report import NOT_IMPLEMENTED, Report, TopicResult, is_not_implemented

_MARK = {"passed": "ok", "failed": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "skipped": "skip",
         NOT_IMPLEMENTED: "todo"}
_WHERE = re.compile(r"\s*\((?:line \d+ of|at line \d+)[^()]*\)$")


def points(x: float) -> str:
    """3 -> '3', 2.5 -> '2.5', 1/3 -> '0.33' (whole numbers stay whole despite float noise)."""
    if abs(x - round(x)) < 1e-4:
        return str(int(round(x)))
    return f"{x:.2f}".rstrip("0").rstrip(".")


def points_phrase(x: float) -> str:
    """'1 point', '2 points', '2.5 points'."""
    return f"{points(x)} point{'' if points(x) == '1' else 's'}"


def fraction(got: float | None, total: float) -> str:
    """'2/3', or '-/3' when nothing was graded."""
    return f"{'-' if got is None else points(got)}/{points(total)}"


def clip(text: str, width: int = 200) -> str:
    """One line of at most `width` characters; a trailing '(line N of file)' survives the cut."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    where = _WHERE.search(text)
    tail = where.group(0) if where and len(where.group(0)) < width // 2 else ""
    return text[: width - 1 - len(tail)].rstrip() + "…" + tail


def summary_lines(report: Report, verbose: bool = False, show_output: bool = False) -> list[str]:
    """Per topic: score and each function's verdict with its first failing message (and what the
    code printed during that check); then the total, what to do next and, in a handout, how many
    public checks passed. `show_output`: what every check's calls printed, passed ones too."""
    lines, verbose = [], verbose or show_output
    for day in report.days:
        for topic in day.topics:
            lines.append(f"{topic.id:<28} {fraction(topic.score, topic.max_score)}")
            lines += topic_lines(topic, verbose, report.mode == "public", show_output)
        for quiz in day.quizzes:
            lines.append(quiz_line(quiz))
    if report.error:
        lines.append(f"could not grade: {clip(report.error)}")
    lines.append("")
    hidden, recorded = hidden_only_points(report), recorded_quiz_points(report)
    notes = [f"{points(hidden)} more points have hidden checks only: graded later"] if hidden else []
    notes += [f"{points(recorded)} quiz points are graded by your instructor"] if recorded else []
    later = f"  ({'; '.join(notes)})" if notes else ""
    lines.append(f"Score: {fraction(report.score, report.max_score)}{later}")
    lines += [line for line in (next_step(report), public_note(report), isolation_note(report.isolation)) if line]
    return lines


def exit_code(report: Report) -> int:
    """0 for full marks; in a handout (public checks only), 0 when every public check passed."""
    if report.mode == "public":
        public = [t for t in report.tests if t.public]
        return 0 if public and all(t.status == "passed" for t in public) else 1
    return 0 if report.max_score > 0 and report.score >= report.max_score - 1e-9 else 1


def function_status(tests, public_mode: bool = False) -> str:
    """One function's verdict from its tests: passed, todo (still a stub), hidden (a handout has no
    public check for it), or the status of its first failing test (failed, error, timeout …)."""
    if public_mode and not any(t.public for t in tests):
        return "hidden"
    failed = [t for t in tests if t.status != "passed"]
    if not failed:
        return "passed"
    if all(is_not_implemented(t) for t in failed):
        return "todo"
    return failed[0].status


def quiz_line(quiz: dict) -> str:
    """'quiz day1   7/11', with what is left to do; a graded quiz in a handout shows no score."""
    label = f"{'quiz ' + quiz['id']:<28}"
    if quiz.get("source") == "recorded":
        answered, total = quiz.get("answered", 0), len(quiz.get("questions", []))
        todo = f"; grade quiz {quiz['id']}" if answered < total else ""
        return f"{label} -/{points(quiz['max_score'])}  (recorded: {answered} of {total} answered{todo}; graded by your instructor)"
    unanswered = f"  (not answered: grade quiz {quiz['id']})" if quiz.get("status") == "skipped" else ""
    return f"{label} {fraction(quiz['score'], quiz['max_score'])}{unanswered}"


def recorded_quiz_points(report: Report) -> float:
    """Points of graded quizzes whose answers are only recorded here (a handout): scored later."""
    return round(sum(q["max_score"] for day in report.days for q in day.quizzes if q.get("source") == "recorded"), 6)


def isolation_note(facts: dict) -> str | None:
    """One line when a run was not fully isolated (None when it was, or when nothing is recorded)."""
    if not facts or facts.get("full") is not False:
        return None
    return f"Isolation: {describe_isolation(facts)}; this score is advisory."


def describe_isolation(facts: dict) -> str:
    """The setting of a report's `isolation` block in a few words, with what was missing."""
    setting = facts.get("setting", "none")
    if facts.get("full"):
        return {"root": "full (root)", "userns": "full (user namespaces)"}.get(setting, setting)
    if facts.get("backend") == "spawn":
        return ("spawned workers, limits only (this host cannot fork isolated workers: student code "
                "could read your files)")
    if setting not in ("root", "userns"):
        return ("none (neither root nor user namespaces: student code could read your files and "
                "signal your processes)")
    wanted = ["network", "hidden_folders", "private_tmp", "no_capabilities"] + \
        (["separate_uid"] if setting == "root" else ["user_namespace", "pid_namespace", "read_only"])
    missing = [k for k in wanted if facts.get(k) not in (True, "none")]
    return f"partial ({setting}; missing {', '.join(missing) or 'unknown'})"


def topic_lines(topic: TopicResult, verbose: bool = False, public_mode: bool = False,
                show_output: bool = False) -> list[str]:
    """A line per function (ok / FAIL / todo / …) and its first failing message; one line for the
    whole file when it could not be loaded at all (a SyntaxError fails every function alike)."""
    file_error = _file_error(topic)
    if file_error is not None:
        return [f"  {'ERROR':<7} {clip(file_error)}"]
    lines = []
    for fn, tests in by_function(topic).items():
        got, total = sum(t.score for t in tests), sum(t.max_score for t in tests)
        status = function_status(tests, public_mode)
        if status == "hidden":
            lines.append(f"  {'hidden':<7} {fn:<24} -/{points(total)}  (no public check; checked at grading)")
            continue
        if status == "todo":
            lines.append(f"  {'todo':<7} {fn:<24} {fraction(got, total)}  (not implemented yet)")
            continue
        failed = [t for t in tests if t.status != "passed"]
        lines.append(f"  {_MARK.get(status, 'FAIL'):<7} {fn:<24} {fraction(got, total)}")
        for t in failed if verbose else failed[:1]:
            lines += [f"          {clip(t.message)}"] + output_lines(t.output)
        if show_output:
            lines += [line for t in tests if t not in failed[: len(failed) if verbose else 1]
                      for line in output_lines(t.output)]
    return lines


def output_lines(output: str) -> list[str]:
    """What the student's code printed during a check, indented under it (already bounded)."""
    return [f"          | {line}" for line in output.splitlines()]


def by_function(topic: TopicResult) -> dict[str, list]:
    """The topic's test results grouped by function, in report order."""
    grouped: dict[str, list] = {}
    for test in topic.tests:
        grouped.setdefault(test.function, []).append(test)
    return grouped


def _file_error(topic: TopicResult) -> str | None:
    failed = [t for t in topic.tests if t.status != "passed"]
    messages = {t.message for t in failed}
    if len(topic.tests) > 1 and len(failed) == len(topic.tests) and len(messages) == 1 and \
            all(t.status == "error" for t in failed) and len(by_function(topic)) > 1:
        return failed[0].message
    return None


def next_step(report: Report) -> str | None:
    """Point at the first function in course order that is not done, and the hint command for it."""
    for topic in (tp for day in report.days for tp in day.topics):
        for fn, tests in by_function(topic).items():
            if fn != "?" and any(t.status not in ("passed", "skipped") for t in tests):
                day, name = topic.id.split(".", 1)
                return f"Next: {fn}() in exercises/{day}/{name}.py — grade hint {day} {name} {fn}"
    return None


def hidden_only_points(report: Report) -> float:
    """In a handout: points of functions that have no public check (only hidden ones, run later)."""
    if report.mode != "public":
        return 0.0
    total = 0.0
    for topic in (tp for day in report.days for tp in day.topics):
        public = {t.function for t in topic.tests if t.public}
        total += sum(t.max_score for t in topic.tests if t.function not in public)
    return round(total, 6)


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

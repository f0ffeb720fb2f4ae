"""`check("day1.tensor_basics")`: grade from a notebook or the Python REPL exactly as `grade` does.

The grading itself runs in a fresh `grade` process (the same command, warm session, sandbox and
report file under reports/): a notebook kernel has usually run torch operations already, and
forking a grader from such a process can deadlock; the kernel's own child processes are none of
the grader's business either. This module only resolves the names (usage errors come at once,
with a suggestion), starts that process, reads the report back and presents it: `repr()` is the
summary `grade` prints, `_repr_html_()` a table for Jupyter. It never imports torch.
"""
from __future__ import annotations

import html
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grader import paths, report, summary
from grader.commands.common import NameNotFound, find
from grader.course import Course, CourseError, find_root, load_course

# The child is the `grade` command of this very grader package (not whichever one is installed).
_CHILD = ("import sys; sys.path.insert(0, {root!r}); sys.argv[0] = 'grade'; "
          "from grader.cli import main; main()")
_COLOURS = {"passed": "#d8f0d8", "todo": "#eeeeee", "hidden": "#eeeeee", "skipped": "#eeeeee",
            "recorded": "#e4ecf7"}
_FAILED_COLOUR = "#f8d7d7"
_LABELS = {"passed": "passed", "todo": "to do", "hidden": "hidden checks only", "failed": "failed",
           "error": "error", "timeout": "timeout", "skipped": "not answered", "recorded": "recorded"}


class GradeError(ValueError):
    """What `grade` would refuse with exit code 2: an unknown name, no course, a missing folder."""


@dataclass(frozen=True)
class FunctionResult:
    """One function's verdict: status passed | failed | error | timeout | todo (still a stub) |
    hidden (a handout has no public check for it), its points and every failing message."""
    topic: str
    name: str
    status: str
    score: float
    max_score: float
    messages: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return self.messages[0] if self.messages else ""


class CheckResult:
    """The outcome of `check(...)`: `score`, `max_score`, `passed` (what exit code 0 means for
    `grade`), `functions`, `quizzes`, the full `report` and the `report_path` it was written to."""

    def __init__(self, target: str, rep: report.Report, report_path: Path, function: str | None = None):
        self.target = target
        self.report = rep
        self.report_path = Path(report_path)
        self.function = function
        public = rep.mode == "public"
        self.functions: list[FunctionResult] = []
        for day in rep.days:
            for topic in day.topics:
                for name, tests in summary.by_function(topic).items():
                    if function is not None and name != function:
                        continue
                    status = summary.function_status(tests, public)
                    failed = [t for t in tests if t.status != "passed"] if status not in ("passed", "hidden") else []
                    self.functions.append(FunctionResult(
                        topic.id, name, status, round(sum(t.score for t in tests), 6),
                        round(sum(t.max_score for t in tests), 6), tuple(t.message for t in failed if t.message)))
        self.quizzes: list[dict] = [] if function else [q for day in rep.days for q in day.quizzes]
        if function is None:
            self.score, self.max_score = rep.score, rep.max_score
            self.passed = summary.exit_code(rep) == 0
        else:
            tests = [t for t in rep.tests if t.function == function]
            self.score = round(sum(t.score for t in tests), 6)
            self.max_score = round(sum(t.max_score for t in tests), 6)
            counted = [t for t in tests if t.public] if public else tests
            self.passed = bool(counted) and all(t.status == "passed" for t in counted)

    @property
    def exit_code(self) -> int:
        """The exit code `grade` gives for this result: 0 when `passed`, else 1."""
        return 0 if self.passed else 1

    def summary(self) -> str:
        """The terminal summary, as `grade` prints it."""
        rep = self.report if self.function is None else _only_function(self.report, self.function)
        return "\n".join([*summary.summary_lines(rep), f"Report: {self.report_path}"])

    def __repr__(self) -> str:
        return self.summary()

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """A table for Jupyter: one row per function (and quiz), coloured by status, every
        failing message in full; all text escaped."""
        esc = html.escape
        rows = []
        for f in self.functions:
            colour = _COLOURS.get(f.status, _FAILED_COLOUR)
            message = "\n\n".join(f.messages) or ("not implemented yet" if f.status == "todo" else
                                                   "no public check; checked at grading" if f.status == "hidden" else "")
            rows.append(f'<tr style="background:{colour}"><td>{esc(f.topic)}</td><td><code>{esc(f.name)}</code></td>'
                        f'<td>{esc(_LABELS.get(f.status, f.status))}</td>'
                        f'<td style="text-align:right">{esc(summary.fraction(f.score, f.max_score))}</td>'
                        f'<td style="text-align:left"><pre style="white-space:pre-wrap;margin:0">{esc(message)}</pre></td></tr>')
        for q in self.quizzes:
            status = "recorded" if q.get("source") == "recorded" else q.get("status", "")
            colour = _COLOURS.get(status, _FAILED_COLOUR)
            note = _quiz_note(q)
            rows.append(f'<tr style="background:{colour}"><td>quiz</td><td>{esc(str(q["id"]))}</td>'
                        f'<td>{esc(_LABELS.get(status, status))}</td>'
                        f'<td style="text-align:right">{esc(_quiz_points(q))}</td>'
                        f'<td style="text-align:left">{esc(note)}</td></tr>')
        verdict = "passed" if self.passed else "not yet"
        lines = [line for line in (summary.public_note(self.report),) if line]
        head = (f"<p><b>{esc(self.target)}</b>: {esc(summary.fraction(self.score, self.max_score))} "
                f"({esc(verdict)})" + "".join(f"<br>{esc(x)}" for x in lines) + "</p>")
        table = ('<table><thead><tr><th>topic</th><th>function</th><th>status</th><th>points</th>'
                 '<th style="text-align:left">message</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
        return f'<div class="grader-check">{head}{table}<p>Report: <code>{esc(str(self.report_path))}</code></p></div>'


def _quiz_points(q: dict) -> str:
    if q.get("source") == "recorded":
        return f"-/{summary.points(q['max_score'])}"
    return summary.fraction(q["score"], q["max_score"])


def _quiz_note(q: dict) -> str:
    if q.get("source") == "recorded":
        return f"{q.get('answered', 0)} of {len(q.get('questions', []))} answered; graded by your instructor"
    if q.get("status") == "skipped":
        return f"not answered: grade quiz {q['id']}"
    return q.get("message") or ""


def _only_function(rep: report.Report, function: str) -> report.Report:
    """The report cut down to one function's tests (for the summary of `check('dayN.topic.fn')`)."""
    from dataclasses import replace
    days = []
    for day in rep.days:
        topics = []
        for topic in day.topics:
            tests = tuple(t for t in topic.tests if t.function == function)
            if tests:
                topics.append(replace(topic, tests=tests, score=round(sum(t.score for t in tests), 6),
                                      max_score=round(sum(t.max_score for t in tests), 6)))
        if topics:
            days.append(report.make_day(day.id, topics))
    return report.finish(replace(rep, days=tuple(days)))


def check(*names: str, course: str | os.PathLike | None = None, exercises: str | os.PathLike | None = None,
          solutions: bool = False, seed: int = 0, student: str | None = None) -> CheckResult:
    """Grade a day, a topic or one function and return the result.

    `check("day1")`, `check("day1.tensor_basics")`, `check("day1", "tensor_basics")`,
    `check("day1.tensor_basics.grid")` (grades the topic, shows that function), `check("all")`.
    Runs the `grade` command of this package in a fresh process, so the report is the one
    `grade` writes (reports/<target>.json) and `passed` means what its exit code 0 means.
    GradeError for what `grade` would refuse with exit code 2.
    """
    the_course = _course(course)
    day, topic, function = _resolve(the_course, names)
    target = topic.id if topic else day
    args = ["--course", str(the_course.root), day, *([topic.name] if topic else []), "--seed", str(int(seed))]
    if solutions:
        args.append("--solutions")
    if exercises is not None:
        args += ["--exercises", str(Path(exercises).resolve())]
    if student is not None:
        args += ["--student", student]
    path = report.default_path(the_course.root, target, solutions)
    path.unlink(missing_ok=True)  # a stale report must never pass for this run's
    code, output = _run_grade(args, the_course.root)
    if code not in (0, 1) or not path.is_file():
        raise GradeError(_last_error(output) or f"grading failed (exit code {code}); run `grade {' '.join(args[2:])}` to see why")
    try:
        data = report.load(path)
    except ValueError as exc:
        raise GradeError(str(exc)) from None
    return CheckResult(target if function is None else f"{target}.{function}", report.from_dict(data), path, function)


def _course(course) -> Course:
    try:
        return load_course(Path(course)) if course is not None else load_course(find_root())
    except CourseError as exc:
        raise GradeError(str(exc)) from None


def _resolve(course: Course, names: tuple[str, ...]) -> tuple[str, object, str | None]:
    """(day id or 'all', topic or None, function name or None) named by `names`."""
    if not names or not all(isinstance(n, str) for n in names):
        raise GradeError(f"name what to grade, e.g. check('{course.days[0].id}') or "
                         f"check('{course.topics[0].id}')")
    if [n for part in names for n in part.split(".") if n] == ["all"]:
        return "all", None, None
    try:
        found = find(course, names)
    except NameNotFound as exc:
        raise GradeError(str(exc)) from None
    return found.day.id, found.topic, found.function.name if found.function else None


def _run_grade(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run `grade ARGS` with this package; (exit code, its output). Ctrl-C (a notebook's
    interrupt) stops it the way Ctrl-C stops `grade`, so nothing it started is left behind."""
    env = {k: v for k, v in os.environ.items() if k != "GRADE_COURSE"}
    env.setdefault("COLUMNS", "100")
    command = [sys.executable, "-c", _CHILD.format(root=str(paths.PACKAGE.parent)), *args]
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    try:
        output, _ = proc.communicate()
    except BaseException:
        _stop(proc)
        raise
    return proc.returncode, output


def _stop(proc: subprocess.Popen) -> None:
    try:
        if os.name == "nt":
            raise OSError("no SIGINT for a child on Windows")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()


def _last_error(output: str) -> str:
    lines = [line.strip() for line in (output or "").splitlines() if line.strip()]
    errors = [line.removeprefix("Error: ") for line in lines if line.startswith("Error:")]
    return errors[-1] if errors else (lines[-1] if lines else "")

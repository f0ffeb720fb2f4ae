"""Student commands: `grade hint`, `grade list`, `grade status`, `grade watch` (and their pure cores)."""
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader import progress, summary
from grader.cli import cli
from grader.commands import common as lookup, watch
from grader.commands.status import status_lines
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]


def text(zh, en):
    return {"zh": zh, "en": en}


def write_course(root: Path) -> Path:
    """A two-day course: real hints, a TODO hint, a function without a hint."""
    doc = {"format": 1, "title": text("小课程", "Small course"), "days": [
        {"id": "day1", "title": text("第一天", "Day one"), "topics": [
            {"id": "day1.calculus", "title": text("微积分", "Calculus"), "file": "day1/calculus.py",
             "hint": text("先回忆导数的定义。", "Start from the definition of the derivative."),
             "functions": {"tangent_line": {"points": 2, "hint": text("切线：f(a) + f'(a)(x - a)。",
                                                                    "Tangent: f(a) + f'(a)(x - a).")},
                           "chain_rule": {"points": 3}}},
            {"id": "day1.linear_algebra", "title": text("线性代数", "Linear algebra"),
             "file": "day1/linear_algebra.py", "hint": text("TODO", "TODO"),
             "functions": {"sum_along": {"points": 2, "hint": text("TODO", "TODO")}}}]},
        {"id": "day2", "title": text("第二天", "Day two"), "topics": [
            {"id": "day2.indexing", "title": text("索引", "Indexing"), "file": "day2/indexing.py",
             "functions": {"row": {"points": 1}, "column": {"points": 1}}}]}]}
    (root / "course.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def run(root: Path, *args):
    return CliRunner().invoke(cli, ["--course", str(root), *args], catch_exceptions=False)


@pytest.fixture
def course_dir(tmp_path):
    return write_course(tmp_path)


# ---------------------------------------------------------------- hint
@pytest.mark.parametrize("args", [("day1", "calculus"), ("day1.calculus",), ("calculus",)])
def test_hint_of_a_topic_in_both_languages(course_dir, args):
    result = run(course_dir, "hint", *args)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "day1.calculus" in out and "5 points" in out
    assert out.index("先回忆导数的定义。") < out.index("Start from the definition of the derivative.")


@pytest.mark.parametrize("args", [("day1", "calculus", "tangent_line"), ("day1.calculus", "tangent_line"),
                                  ("day1", "tangent_line"), ("tangent_line",)])
def test_hint_of_a_function(course_dir, args):
    result = run(course_dir, "hint", *args)
    assert result.exit_code == 0, result.output
    assert "tangent_line() — 2 points" in result.output and "Tangent: f(a) + f'(a)(x - a)." in result.output
    assert "definition of the derivative" not in result.output


def test_function_without_hint_falls_back_to_the_topic_hint(course_dir):
    result = run(course_dir, "hint", "day1", "calculus", "chain_rule")
    assert result.exit_code == 0
    assert "no hint for chain_rule() yet" in result.output and "definition of the derivative" in result.output


def test_todo_hint_is_not_shown_as_a_hint(course_dir):
    result = run(course_dir, "hint", "day1", "linear_algebra", "sum_along")
    assert result.exit_code == 0
    assert "TODO" not in result.output and "No hint has been written" in result.output


def test_hint_for_a_whole_day_lists_its_topics(course_dir):
    result = run(course_dir, "hint", "day1")
    assert result.exit_code == 0
    assert "day1.calculus" in result.output and "day1.linear_algebra" in result.output
    assert "day2.indexing" not in result.output


@pytest.mark.parametrize("args, words", [
    (("dya1",), ["unknown day 'dya1'", "did you mean 'day1'"]),
    (("day1", "calculs"), ["unknown topic 'calculs' in day1", "did you mean 'calculus'"]),
    (("day1.calculus", "tangent_lin"), ["unknown function 'tangent_lin'", "did you mean 'tangent_line'"]),
    (("day1", "calculus", "nothing_like_it"), ["unknown function 'nothing_like_it'", "functions: tangent_line, chain_rule"]),
    (("day1", "calculus", "tangent_line", "extra"), ["too many names"]),
])
def test_hint_unknown_names_exit_2_with_a_suggestion(course_dir, args, words):
    result = run(course_dir, "hint", *args)
    assert result.exit_code == 2
    assert all(w in result.output for w in words), result.output
    assert "Traceback" not in result.output


def test_lookup_refuses_a_name_shared_by_two_days(tmp_path):
    course = load_course(write_course(tmp_path))
    assert lookup.find(course, ["day2", "row"]).function.name == "row"
    with pytest.raises(lookup.NameNotFound, match="unknown day"):
        lookup.find(course, ["nothing"])


# ---------------------------------------------------------------- list
def test_list_shows_titles_in_both_languages_and_points(course_dir):
    result = run(course_dir, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    day1 = next(line for line in lines if line.startswith("day1"))
    assert "第一天 / Day one" in day1 and "(7 points" in day1
    calculus = next(line for line in lines if line.strip().startswith("calculus"))
    assert "5 pts" in calculus and "微积分 / Calculus" in calculus
    assert "tangent_line" not in result.output


def test_list_functions_of_one_day(course_dir):
    result = run(course_dir, "list", "day2", "--functions")
    assert result.exit_code == 0
    assert "row()" in result.output and "column()" in result.output
    assert not any(line.startswith("day1") for line in result.output.splitlines())
    assert run(course_dir, "list", "day7").exit_code == 2


# ---------------------------------------------------------------- status
def report_doc(created: datetime, topics: dict, mode: str = "full") -> dict:
    """A minimal report: topic id -> [(function, status, score, max, message, public)]."""
    days = {}
    for topic_id, tests in topics.items():
        entries = [{"id": f"{topic_id}::{fn}", "name": fn, "function": fn, "status": st, "score": sc,
                    "max_score": mx, "message": msg, "duration": 0.01, "public": pub}
                   for fn, st, sc, mx, msg, pub in tests]
        days.setdefault(topic_id.split(".")[0], []).append(
            {"id": topic_id, "title": topic_id, "score": sum(e["score"] for e in entries),
             "max_score": sum(e["max_score"] for e in entries), "message": "", "tests": entries})
    return {"created": created.isoformat(timespec="seconds"), "mode": mode,
            "days": [{"id": d, "topics": t, "quizzes": []} for d, t in days.items()]}


NOT_IMPL = "exercises/day1/calculus.py: chain_rule() is not implemented yet (it raises NotImplementedError)"


def write_reports(root: Path, *docs):
    folder = root / "reports"
    folder.mkdir(exist_ok=True)
    for i, doc in enumerate(docs):
        (folder / f"r{i}.json").write_text(json.dumps(doc))
    return folder


def test_status_table_from_reports(course_dir):
    now = datetime.now(timezone.utc)
    old = report_doc(now - timedelta(hours=2), {"day1.calculus": [("tangent_line", "failed", 0, 2, "wrong", True),
                                                                 ("chain_rule", "failed", 0, 3, NOT_IMPL, True)]})
    new = report_doc(now - timedelta(hours=1), {"day1.calculus": [("tangent_line", "passed", 2, 2, "", True),
                                                                 ("chain_rule", "failed", 0, 3, NOT_IMPL, True)]})
    write_reports(course_dir, new, old)
    (course_dir / "reports" / "broken.json").write_text("{not json")
    (course_dir / "answers").mkdir()
    (course_dir / "answers" / "day1.yaml").write_text("answers: {}\n")
    result = run(course_dir, "status")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    calculus = next(line for line in lines if line.strip().startswith("calculus"))
    assert "2/5" in calculus and "not implemented: chain_rule" in calculus and "failing" not in calculus
    assert (now - timedelta(hours=1)).astimezone().strftime("%H:%M") in calculus
    linear = next(line for line in lines if line.strip().startswith("linear_algebra"))
    assert "-/2" in linear and "never" in linear and "grade day1 linear_algebra" in linear
    assert "quiz answered" in next(line for line in lines if line.startswith("day1"))
    assert "quiz not answered (grade quiz day2)" in next(line for line in lines if line.startswith("day2"))
    assert "Ignored 1 unreadable report(s): broken.json" in result.output


def test_status_with_no_reports_says_what_to_run(course_dir):
    result = run(course_dir, "status")
    assert result.exit_code == 0
    assert "Nothing graded yet" in result.output and "never" in result.output


def test_status_flags_a_file_edited_after_grading_and_ignores_hidden_only_functions(course_dir):
    created = datetime.now(timezone.utc) - timedelta(minutes=5)
    doc = report_doc(created, {"day1.calculus": [("tangent_line", "passed", 2, 2, "", True),
                                                 ("chain_rule", "error", 0, 3, "no check for this function ran", False)]},
                     mode="public")
    write_reports(course_dir, doc)
    exercise = course_dir / "exercises" / "day1" / "calculus.py"
    exercise.parent.mkdir(parents=True)
    exercise.write_text("x = 1\n")
    days = progress.course_status(load_course(course_dir), progress.read_reports(course_dir / "reports")[0],
                                  course_dir / "exercises")
    calculus = days[0].topics[0]
    assert calculus.edited_since and calculus.failing == () and calculus.score == 2
    line = next(x for x in status_lines(days) if x.strip().startswith("calculus"))
    assert "edited since (regrade)" in line


def test_status_does_not_import_torch(course_dir):
    code = ("import sys; from click.testing import CliRunner; from grader.cli import cli; "
            f"r = CliRunner().invoke(cli, ['--course', {str(course_dir)!r}, 'status']); "
            "print(r.exit_code, 'torch' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.stdout.split() == ["0", "False", "False"], out.stderr


# ---------------------------------------------------------------- watch (core, no grading)
class FakeWatcher(watch.Watcher):
    """Renders the topics it was asked to grade instead of grading them."""

    def regrade(self, topics):
        return "graded " + ",".join(t.id for t in topics)


def make_watcher(course_dir, cls=FakeWatcher):
    course = load_course(course_dir)
    tree = course_dir / "exercises"
    return cls(course, tree, list(course.day("day1").topics), seed=0, student="s", report_dir=course_dir / "reports")


def test_watcher_maps_saved_files_to_their_topics(course_dir):
    w = make_watcher(course_dir)
    tree = course_dir / "exercises"
    assert [t.id for t in w.topics_for([tree / "day1" / "calculus.py", tree / "day1" / "notes.txt"])] == ["day1.calculus"]
    assert w.topics_for([str(tree / "day1" / ".." / "day1" / "linear_algebra.py")])[0].id == "day1.linear_algebra"
    assert w.topics_for([tree / "day2" / "indexing.py"]) == []  # not watched
    assert w.handle([tree / "day1" / "scratch.py"]) is None


def test_run_loop_shows_one_verdict_per_relevant_batch_and_stops(course_dir):
    tree = course_dir / "exercises" / "day1"
    events = [{str(tree / "other.py")}, {str(tree / "calculus.py")},
              {str(tree / "calculus.py"), str(tree / "linear_algebra.py")}, {str(tree / "calculus.py")}]
    shown = []
    count = watch.run_loop(make_watcher(course_dir), iter(events), show=shown.append, max_events=2)
    assert count == 2
    assert shown == ["graded day1.calculus", "graded day1.calculus,day1.linear_algebra"]


def test_an_empty_batch_regrades_files_changed_since_their_last_grading(course_dir):
    tree = course_dir / "exercises" / "day1"
    tree.mkdir(parents=True)
    for name in ("calculus.py", "linear_algebra.py"):
        (tree / name).write_text("x = 1\n")
    w = make_watcher(course_dir)
    assert w.handle([]) is None  # nothing graded yet, nothing to compare
    assert w.grade(list(w.topics)) == "graded day1.calculus,day1.linear_algebra"
    assert w.handle([]) is None
    os.utime(tree / "linear_algebra.py", ns=(1, 1))
    assert w.handle([]) == "graded day1.linear_algebra"
    assert w.handle([]) is None


def test_render_names_passing_first_failure_and_score():
    from grader.report import Report, TestResult, TopicResult, finish, make_day

    def test(fn, status, score, message="", public=True):
        return TestResult(id=fn, name=fn, function=fn, status=status, score=score, max_score=2.0,
                          message=message, duration=0.0, public=public)
    topic = TopicResult(id="day1.calculus", title="Calculus", score=2.0, max_score=8.0, tests=(
        test("tangent_line", "passed", 2.0), test("chain_rule", "failed", 0.0, "chain_rule(2.0, 3.0) returned 5.0, expected 6.0"),
        test("numerical_gradient", "not_implemented", 0.0, "numerical_gradient() is not implemented yet"),
        test("gradient_descent_1d", "error", 0.0, "no check for this function ran", public=False)))
    result = finish(Report(student="s", target="t", created="", grader_version="0", specs_digest="", seed=0,
                           environment={}, isolation={}, mode="public", days=(make_day("day1", [topic]),)))
    lines = watch.render(result, 0.42)
    text = "\n".join(lines)
    assert lines[:5] == ["day1.calculus                2/8", "  ok      tangent_line             2/2",
                         "  FAIL    chain_rule               0/2",
                         "          chain_rule(2.0, 3.0) returned 5.0, expected 6.0",
                         "  todo    numerical_gradient       0/2  (not implemented yet)"]
    assert "hidden  gradient_descent_1d" in text
    assert "Score: 2/8" in text and "graded in 0.42 s" in text
    assert lines[:-1] == summary.summary_lines(result)  # `grade dayN` prints the same summary
    assert "1 of 3 public checks passed; hidden checks run at grading." in text
    assert "all tests passed" not in text.lower()


def handout_report(mode: str):
    from grader.report import Report, TestResult, TopicResult, finish, make_day
    tests = (TestResult(id="a", name="test_grow_public", function="grow", status="passed", score=2.0, max_score=2.0,
                        message="", duration=0.0, public=True),
             TestResult(id="day1.size::shrink", name="shrink", function="shrink", status="error", score=0.0,
                        max_score=2.0, message="no check for this function ran", duration=0.0, public=False))
    topic = TopicResult(id="day1.size", title="Size", score=2.0, max_score=4.0, tests=tests)
    return finish(Report(student="s", target="t", created="", grader_version="0", specs_digest="", seed=0,
                         environment={}, isolation={}, mode=mode, days=(make_day("day1", [topic]),)))


def test_handout_summary_says_public_checks_and_marks_hidden_only_functions():
    from grader.summary import summary_lines
    text = "\n".join(summary_lines(handout_report("public")))
    assert "hidden  shrink" in text and "no public check; checked at grading" in text
    assert "ERROR" not in text and "no check for this function ran" not in text
    assert "Score: 2/4  (2 more points have hidden checks only: graded later)" in text
    assert text.endswith("1 public check passed; hidden checks run at grading.")
    full = "\n".join(summary_lines(handout_report("full")))
    assert "ERROR" in full and "public check" not in full and "hidden" not in full


@pytest.mark.parametrize("args", [("day1", "nope"), ("day5",), ("day1", "calculus", "tangent_line")])
def test_watch_bad_names_exit_2_before_loading_anything(course_dir, args):
    result = run(course_dir, "watch", *args)
    assert result.exit_code == 2 and "Error:" in result.output


def test_watch_missing_exercise_folder_is_exit_2(course_dir):
    result = run(course_dir, "watch", "day1", "--exercises", str(course_dir / "nowhere"))
    assert result.exit_code == 2 and "not a folder" in result.output
    (course_dir / "exercises").mkdir()
    result = run(course_dir, "watch", "day2")
    assert result.exit_code == 2 and "exercises/day2 does not exist" in result.output


# ---------------------------------------------------------------- watch (real: grading, files, Ctrl-C)
NOFORK = ROOT / "tests" / "nofork"  # a sitecustomize that removes os.fork and `resource`, as on Windows
SANDBOXES = {"fork": {}, "spawn": {"GRADE_SANDBOX": "spawn"},
             "nofork": {"PYTHONPATH": f"{ROOT}{os.pathsep}{NOFORK}"}}


def start_watch(course: Path, *args, env_extra: dict | None = None):
    """Run `grade watch` as a terminal would (SIGINT default); its lines go to proc.lines."""
    import queue
    import threading
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    proc = subprocess.Popen([sys.executable, "-m", "grader.cli", "--course", str(course), "watch", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    proc.lines = queue.Queue()
    threading.Thread(target=lambda: [proc.lines.put(line) for line in proc.stdout] + [proc.lines.put(None)],
                     daemon=True).start()
    return proc


def read_until(proc, marker: str, timeout: float = 120) -> str:
    import queue
    seen, deadline = [], time.monotonic() + timeout
    while True:
        try:
            line = proc.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            line = None
        if line is None:
            raise AssertionError(f"no {marker!r} in output:\n{''.join(seen)}")
        seen.append(line)
        if marker in line:
            return "".join(seen)


def rest_of(proc) -> str:
    lines = []
    while (line := proc.lines.get(timeout=30)) is not None:
        lines.append(line)
    return "".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("sandbox", list(SANDBOXES))
def test_watch_regrades_on_save_writes_the_report_and_stops_cleanly_on_ctrl_c(tmp_path, sandbox):
    """The same under both sandbox backends: fork, spawn forced on Linux, and a host without fork."""
    import shutil
    shutil.copy(ROOT / "course.yaml", tmp_path / "course.yaml")
    exercise = tmp_path / "exercises" / "day1" / "calculus.py"
    exercise.parent.mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "day1" / "calculus.py", exercise)
    full = load_course(ROOT).topic("day1.calculus").max_score
    proc = start_watch(tmp_path, "day1.calculus", env_extra=SANDBOXES[sandbox])
    try:
        first = read_until(proc, "Watching")
        assert f"day1.calculus                0/{full}" in first and "not implemented yet" in first
        exercise.write_text((ROOT / "solutions" / "day1" / "calculus.py").read_text())
        second = read_until(proc, "Score:", timeout=60)
        assert f"day1.calculus                {full}/{full}" in second and "FAIL" not in second
        report = json.loads((tmp_path / "reports" / "day1.calculus.json").read_text(encoding="utf-8"))
        assert report["score"] == report["max_score"] == full
        assert report["isolation"]["backend"] == ("fork" if sandbox == "fork" else "spawn")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=60)
    rest = rest_of(proc)
    proc.stdout.close()
    assert proc.returncode == 0
    assert "Stopped watching." in rest and "Traceback" not in rest

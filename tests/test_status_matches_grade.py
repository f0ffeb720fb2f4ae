"""`grade status` shows exactly what the last `grade dayN` showed: per topic, per day (quiz
included), and the functions still to do; in the repository and in a student handout."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
DAY = COURSE.day("day1")


def course_copy(tmp_path: Path, handout: bool) -> Path:
    if handout:
        out = tmp_path / "handout"
        result = CliRunner().invoke(cli, ["--course", str(ROOT), "release", str(out)])
        assert result.exit_code == 0, result.output
        return out
    out = tmp_path / "course"
    out.mkdir()
    shutil.copy(ROOT / "course.yaml", out / "course.yaml")
    shutil.copytree(ROOT / "exercises", out / "exercises")
    return out


def fill(course: Path, kind: str) -> None:
    """stubs: as handed out; solutions: every day1 file solved; mixed: two solved, one half done."""
    solved = [t.file for t in DAY.topics] if kind == "solutions" else \
        [DAY.topics[0].file, DAY.topics[2].file] if kind == "mixed" else []
    for file in solved:
        shutil.copy(ROOT / "solutions" / file, course / "exercises" / file)
    if kind == "mixed":  # calculus: tangent_line solved, the rest still stubs
        stub = (course / "exercises" / "day1" / "calculus.py").read_text(encoding="utf-8")
        solution = (ROOT / "solutions" / "day1" / "calculus.py").read_text(encoding="utf-8")
        body = re.search(r"\ndef tangent_line\(.*?(?=\ndef )", solution, re.S).group(0)
        (course / "exercises" / "day1" / "calculus.py").write_text(stub + "\n" + body, encoding="utf-8")


def grade(course: Path, handout: bool, *args) -> tuple[int, str]:
    """`grade ARGS` in `course`; a handout runs its own grader package (its public specs only)."""
    if not handout:
        result = CliRunner().invoke(cli, ["--course", str(course), *args])
        return result.exit_code, result.output
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GRADE_"))}
    done = subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=course, capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(course)}, timeout=600)
    return done.returncode, done.stdout + done.stderr


def scores(text: str, pattern: str) -> dict[str, str]:
    return dict(re.findall(pattern, text, re.M))


@pytest.mark.slow
@pytest.mark.parametrize("handout", [False, True], ids=["repository", "handout"])
@pytest.mark.parametrize("kind", ["stubs", "solutions", "mixed"])
def test_status_shows_what_grade_showed(tmp_path, kind, handout):
    course = course_copy(tmp_path, handout)
    fill(course, kind)
    code, graded = grade(course, handout, "day1")
    assert code in (0, 1) and "Traceback" not in graded, graded
    code, status = grade(course, handout, "status")
    assert code == 0, status
    assert ("public checks passed" in graded) == handout  # the handout graded with its own specs

    topics_graded = scores(graded, r"^day1\.(\w+)\s+(\S+/\S+)$")
    topics_status = scores(status, r"^  (\w+)\s+(\S+/\S+)  \d\d-\d\d ")
    assert topics_graded and topics_status == topics_graded
    day_total = re.search(r"^Score: (\S+/\S+)", graded, re.M).group(1)
    assert re.search(rf"^day1\s+{re.escape(day_total)}\s", status, re.M), status

    todo = {line.split()[1] for line in graded.splitlines() if line.startswith("  todo")}
    listed = set(re.findall(r"not implemented: ([\w, ]+?)(?:;|\s*$| \+)", status, re.M))
    listed = {name.strip() for group in listed for name in group.split(",")}
    assert listed == todo
    if kind == "stubs":
        assert todo == {f.name for t in DAY.topics for f in t.functions}
    if handout:
        passed = sum(1 for line in graded.splitlines() if line.startswith("  ok"))
        total = sum(len(t.functions) for t in COURSE.topics)
        assert f"Public checks passed on {passed} of {total} functions" in status
    first_left = next((line.split()[1] for line in graded.splitlines()
                       if line.startswith(("  todo", "  FAIL", "  ERROR"))), None)
    if first_left:
        assert f"Next: {first_left}()" in status and f"Next: {first_left}()" in graded

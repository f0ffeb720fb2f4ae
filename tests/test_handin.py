"""Hand-in: `grade submit` packs what is graded with a manifest; `grade batch` grades such zips under
the manifest's student id and flags files changed after packing; `grade collect` shows the flag."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader.batch import gradebook, submissions
from grader.cli import cli
from grader.course import load_course
from grader.handin import manifest
from grader.handin.pack import stubs_in

ROOT = Path(__file__).resolve().parents[1]
KEY = ROOT / "grader" / "quizzes" / "key"


def key_answers(day: str) -> dict[str, str]:
    """The instructor's answers of a day, as a student would write them in answers/<day>.yaml."""
    doc = yaml.safe_load((KEY / f"{day}.yaml").read_text(encoding="utf-8"))
    return {qid: entry["answer"] for qid, entry in doc["questions"].items()}


@pytest.fixture(scope="module")
def built_handout(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "handout"
    result = CliRunner().invoke(cli, ["--course", str(ROOT), "release", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def release(built_handout):
    """A fresh copy of the handout `grade release` builds from this repository, per test."""
    def copy(tmp_path: Path) -> Path:
        out = tmp_path / "handout"
        shutil.copytree(built_handout, out)
        return out
    return copy


def submit(course: Path, *args):
    return CliRunner().invoke(cli, ["--course", str(course), "submit", *args])


def rezip(source: Path, dest: Path, change=None) -> None:
    """Copy a zip member by member, letting `change(name, data)` edit a member's bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, change(info.filename, data) if change else data)


# ---------------------------------------------------------------- stubs, read with ast

def test_stubs_are_found_without_running_the_code():
    source = '''
import os
os.system("echo never run")

def a(x):
    """Doc."""
    # TODO
    raise NotImplementedError("a")

def b(x):
    return x + 1

def c(x):
    y = x * 2
    raise NotImplementedError

def d(x):
    if x:
        raise NotImplementedError("only for negative x")
    return 0
'''
    assert stubs_in(source, ["a", "b", "c", "d", "e"]) == (["a", "c"], ["e"])
    with pytest.raises(SyntaxError):
        stubs_in("def a(:\n", ["a"])


# ---------------------------------------------------------------- manifest, pure

def test_manifest_round_trip_and_problems():
    files = {"exercises/day1/x.py": b"def f(): return 1\n", "answers/day1.yaml": b"answers: {}\n"}
    doc = manifest.make("ann", files, created="t", grader_version="0.1.0", specs_digest="ab" * 8, course="C")
    assert manifest.parse(manifest.dumps(doc)) == doc
    assert manifest.problems(doc, files) == []
    changed = {**files, "exercises/day1/x.py": b"def f(): return 2\n", "exercises/day1/new.py": b"x = 1\n",
               "__pycache__/x.pyc": b"", ".DS_Store": b""}
    del changed["answers/day1.yaml"]
    assert manifest.problems(doc, changed) == [
        "answers/day1.yaml is listed in the manifest but missing",
        "exercises/day1/new.py was added after packing",
        "exercises/day1/x.py was changed after packing"]


@pytest.mark.parametrize("data, words", [
    (b"{", "not valid JSON"), (b"[]", "not a format-1"), (b'{"format": 1}', "names no student"),
    (b'{"format": 1, "student": "a", "files": {"x": "nothex"}}', "sha256"), (None, "missing"),
])
def test_bad_manifests_say_why(data, words):
    with pytest.raises(ValueError, match=words):
        manifest.parse(data)


def test_student_ids_are_safe_file_names():
    assert manifest.safe_student_id("Ann Lee") == "Ann-Lee"
    assert manifest.safe_student_id("../../etc") == "etc"
    assert manifest.safe_student_id("  ") == "student"
    assert manifest.safe_student_id("李雷") == "student"  # not a portable file name: say --student


# ---------------------------------------------------------------- grade submit

def test_an_untouched_handout_is_refused_with_exit_2(release, tmp_path):
    out = release(tmp_path)
    result = submit(out, "--student", "ann")
    assert result.exit_code == 2, result.output
    assert "nothing to submit" in result.output and "NotImplementedError" in result.output
    assert not list(out.glob("*.zip"))


def test_a_course_without_exercises_is_refused(release, tmp_path):
    out = release(tmp_path)
    shutil.rmtree(out / "exercises")
    result = submit(out, "--student", "ann")
    assert result.exit_code == 2 and "nothing to submit" in result.output


def test_submit_packs_files_and_manifest_and_warns_about_what_is_left(release, tmp_path):
    out = release(tmp_path)
    shutil.copy(ROOT / "solutions/day1/calculus.py", out / "exercises/day1/calculus.py")
    (out / "answers").mkdir()
    (out / "answers/day2.yaml").write_text(yaml.safe_dump({"day": "day2", "answers": {"tensor_vs_class": "b"}}))
    (out / "answers/day3.yaml").write_text("answers:\n  no_such_question: a\n")
    result = submit(out, "--student", "Ann Lee")
    assert result.exit_code == 0, result.output
    path = out / "Ann-Lee.zip"
    assert f"into {path}" in result.output and "Upload Ann-Lee.zip" in result.output
    assert "warning: day1.tensor_basics: not implemented yet: grid, slice_range" in result.output
    assert "day1.calculus" not in result.output  # done: no warning
    assert "warning: quiz day1: not answered (grade quiz day1)" in result.output
    assert "warning: quiz day2: 9 of 10 questions not answered" in result.output
    assert "warning: quiz day3: answers/day3.yaml line 2: unknown question id 'no_such_question'" in result.output
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        doc = json.loads(zf.read("manifest.json"))
        assert names == {"manifest.json", "answers/day2.yaml", "answers/day3.yaml",
                         *(f"exercises/{t.file}" for t in load_course(ROOT).topics)}
        assert doc["student"] == "Ann-Lee" and doc["grader_version"] and len(doc["specs_digest"]) == 16
        assert set(doc["files"]) == names - {"manifest.json"}
        assert all(manifest.sha256(zf.read(n)) == h for n, h in doc["files"].items())
    gitignore = (out / ".gitignore").read_text().split()
    assert "reports/" in gitignore and "*.zip" in gitignore


def test_submit_takes_the_git_user_name(release, tmp_path, monkeypatch):
    out = release(tmp_path)
    shutil.copy(ROOT / "solutions/day1/calculus.py", out / "exercises/day1/calculus.py")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Bo Chen\n")
    result = submit(out)
    assert result.exit_code == 0, result.output
    assert (out / "Bo-Chen.zip").is_file()


# ---------------------------------------------------------------- batch reads the manifest

def packed(release, tmp_path: Path) -> Path:
    out = release(tmp_path)
    shutil.copy(ROOT / "solutions/day2/joining.py", out / "exercises/day2/joining.py")
    assert submit(out, "--student", "ann").exit_code == 0
    return out / "ann.zip"


def test_batch_names_a_handin_zip_by_its_manifest_and_checks_it(release, tmp_path):
    zipped = packed(release, tmp_path)
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(zipped, subs / "upload (1).zip")
    rezip(zipped, subs / "other.zip", lambda name, data: data + b"# later\n" if name.endswith("joining.py") else data)
    found, problems, notes = submissions.find_submissions(subs)
    assert problems and "two submissions" in problems[0]  # both zips say they are ann's
    (subs / "other.zip").unlink()
    found, problems, notes = submissions.find_submissions(subs)
    assert [s.student for s in found] == ["ann"] and not problems
    assert submissions.check_manifest(found[0])["problems"] == []
    rezip(zipped, subs / "upload (1).zip", lambda name, data: data + b"# later\n" if name.endswith("joining.py") else data)
    sub = submissions.find_submissions(subs)[0][0]
    block = submissions.check_manifest(sub)
    assert block["manifest"] is True and block["student"] == "ann"
    assert block["problems"] == ["exercises/day2/joining.py was changed after packing"]


def test_a_plain_zip_has_no_submission_block(tmp_path):
    with zipfile.ZipFile(tmp_path / "bob.zip", "w") as zf:
        zf.writestr("exercises/day2/joining.py", "x = 1\n")
    sub = submissions.Submission("bob", tmp_path / "bob.zip")
    assert submissions.read_manifest(sub.path) is None and submissions.check_manifest(sub) is None


def test_a_broken_manifest_is_flagged_not_fatal(tmp_path):
    with zipfile.ZipFile(tmp_path / "bob.zip", "w") as zf:
        zf.writestr("exercises/day2/joining.py", "x = 1\n")
        zf.writestr("manifest.json", "{oops")
    found, problems, _ = submissions.find_submissions(tmp_path)
    assert [s.student for s in found] == ["bob"] and not problems
    assert submissions.check_manifest(found[0])["problems"] == ["manifest.json is not valid JSON"]


def a_report(student: str, problems: list[str] | None) -> dict:
    days = [{"id": "day1", "score": 1.0, "max_score": 2.0, "quizzes": [], "topics": [
        {"id": "day1.calculus", "title": "C", "score": 1.0, "max_score": 2.0, "message": "", "tests": []}]}]
    return {"schema_version": "1.2", "student": student, "target": "day1", "created": "2026-01-01T00:00:00+00:00",
            "grader_version": "0.1.0", "specs_digest": "0" * 16, "seed": 0,
            "environment": {"python": "3", "torch": "2", "numpy": "1", "pandas": "2"}, "isolation": {"setting": "root", "full": True},
            "mode": "full", "score": 1.0, "max_score": 2.0, "days": days, "error": None,
            "submission": None if problems is None else {"manifest": True, "student": student, "problems": problems}}


def test_reports_with_a_submission_block_follow_the_schema_and_are_flagged_in_collect(tmp_path):
    from grader import report
    reports = tmp_path / "reports"
    reports.mkdir()
    for student, problems in (("ann", ["exercises/day1/calculus.py was changed after packing"]), ("bo", []),
                              ("cy", None)):
        data = a_report(student, problems)
        report.validate(data)
        (reports / f"{student}.json").write_text(json.dumps(data))
    entry = gradebook.entry_from("ann.json", a_report("ann", ["x was changed after packing"]))
    assert entry.flags == ("hand-in: x was changed after packing",)
    result = CliRunner().invoke(cli, ["--course", str(ROOT), "collect", str(reports), "--csv", str(tmp_path / "g.csv")])
    assert result.exit_code == 0, result.output
    assert "warning: 1 hand-in(s) do not match their manifest" in result.output and "ann (ann.json)" in result.output
    rows = {r.split(",")[0]: r for r in (tmp_path / "g.csv").read_text().splitlines()[1:]}
    assert "hand-in: exercises/day1/calculus.py was changed after packing" in rows["ann"]
    assert "hand-in" not in rows["bo"] + rows["cy"]


# ---------------------------------------------------------------- end to end

def run_grade(*args, cwd=ROOT, timeout=600) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRADE_")}
    done = subprocess.run([sys.executable, "-m", "grader.cli", *map(str, args)], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_handout_to_submit_to_batch_gives_full_marks_and_flags_a_later_edit(release, tmp_path):
    out = release(tmp_path)
    for path in (ROOT / "solutions/day1").glob("*.py"):
        shutil.copy(path, out / "exercises/day1" / path.name)
    (out / "answers").mkdir()
    (out / "answers/day1.yaml").write_text(yaml.safe_dump({"day": "day1", "answers": key_answers("day1")}))

    # the student's side runs the handout's own grader (python -m from the handout folder)
    code = "from grader import check; r = check('day1.tensor_basics'); print(r.score, r.max_score, r.passed)"
    done = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    score, max_score, passed = done.stdout.split()
    assert float(score) > 0 and max_score == "19" and passed == "True"  # every public check passed
    assert (out / "reports/day1.tensor_basics.json").is_file()
    code, output = run_grade("quiz", "day1", "--answers", "answers/day1.yaml", cwd=out)
    assert code == 0 and "recorded — graded by your instructor" in output, output
    assert " right" not in output and "wrong" not in output and "Score" not in output
    code, output = run_grade("submit", "--student", "ann", cwd=out)
    assert code == 0, output
    assert "warning: quiz day1" not in output and "warning: day1." not in output

    subs, reports = tmp_path / "subs", tmp_path / "reports"
    subs.mkdir()
    shutil.copy(out / "ann.zip", subs / "whatever-the-upload-was-called.zip")
    code, output = run_grade("batch", subs, "--out", reports, "day1")
    assert code == 0, output
    data = json.loads((reports / "ann.json").read_text())
    (day,) = data["days"]
    assert data["student"] == "ann" and data["score"] == data["max_score"] > 0
    assert sum(t["score"] for t in day["topics"]) == sum(t["max_score"] for t in day["topics"]) > 0
    (quiz,) = day["quizzes"]
    assert quiz["source"] == "key" and quiz["score"] == quiz["max_score"] == 11
    assert data["submission"]["manifest"] is True and data["submission"]["problems"] == []
    assert "Flagged" not in output

    rezip(out / "ann.zip", subs / "whatever-the-upload-was-called.zip",
          lambda name, data: data.replace(b"return", b"return", 1) + b"\n# tidied later\n"
          if name == "exercises/day1/calculus.py" else data)
    code, output = run_grade("batch", subs, "--out", reports, "day1", "--force")
    assert code == 0, output
    data = json.loads((reports / "ann.json").read_text())
    assert data["score"] == data["max_score"]  # graded all the same
    assert data["submission"]["problems"] == ["exercises/day1/calculus.py was changed after packing"]
    assert "Flagged     1 hand-in(s)" in output and "ann: exercises/day1/calculus.py was changed" in output
    code, output = run_grade("collect", reports, "--csv", tmp_path / "grades.csv")
    assert code == 0 and "do not match their manifest" in output, output
    assert "hand-in: exercises/day1/calculus.py was changed after packing" in (tmp_path / "grades.csv").read_text()


# ---------------------------------------------------------------- install steps and the hand-in step, as documented

CPU_INDEX = "pip install torch --index-url https://download.pytorch.org/whl/cpu"


def test_the_handout_readme_installs_in_a_venv_per_os_and_ends_the_loop_with_hand_in():
    from grader import handout
    text = handout.readme(load_course(ROOT))
    install = text[text.index("## 安装 / Install"):text.index("## 学习循环 / The loop")]
    assert "Python 3.10" in install
    linux = install[install.index("Linux:"):install.index("macOS:")]
    mac = install[install.index("macOS:"):install.index("Windows")]
    windows = install[install.index("Windows"):]
    for block in (linux, mac):
        assert "python3 -m venv .venv" in block and "source .venv/bin/activate" in block
    assert "py -m venv .venv" in windows and r".venv\Scripts\Activate.ps1" in windows
    assert CPU_INDEX in linux and CPU_INDEX not in mac + windows
    assert "pip install torch " in mac and "pip install torch " in windows
    for block in (linux, mac, windows):
        assert block.index("venv .venv") < block.index("pip install torch") < block.index("pip install -e .")
    loop = text[text.index("## 学习循环 / The loop"):text.index("## 在 Jupyter")]
    last = loop[loop.rindex("\n7. "):]
    assert "Hand in" in last and "grade submit" in last and "Upload that zip" in last
    assert "from grader import check" in text and "%grade day1" in text


def test_the_project_readme_keeps_its_setup_commands_and_adds_the_per_os_steps():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install torch==2.13.0 && pip install -e '.[dev]' && grade day1 --solutions" in text
    assert "python -m pytest -q" in text
    assert CPU_INDEX in text and "Python 3.10" in text and r".venv\Scripts\Activate.ps1" in text
    assert "source .venv/bin/activate" in text and "grade submit" in text and "from grader import check" in text

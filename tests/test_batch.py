"""`grade batch`: submissions, staging, shards (pure and on disk), real batches in subprocesses, CI templates."""
from __future__ import annotations

import json
import os
import re
import shlex
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader.batch import run as batch, submissions
from grader import report
from grader.cli import cli
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
SOLUTION = ROOT / "solutions" / "day2" / "joining.py"
STUB = ROOT / "exercises" / "day2" / "joining.py"
JOINING = COURSE.topic("day2.joining")
HANG = "\n\ndef cat_on(tensors, dim):\n    while True:\n        pass\n"


def stage(student: str, path: Path, dest: Path, *targets) -> Path:
    topics = [COURSE.topic(t) for t in (targets or ("day2.joining",))]
    return submissions.stage(submissions.Submission(student, path), [d.id for d in COURSE.days], topics, (), dest)


# ---------------------------------------------------------------- pure helpers

def test_shards_cover_every_student_exactly_once():
    students = [f"student{i}" for i in range(200)] + ["张三", "o'brien", "a.b-c"]
    for count in (1, 2, 3, 7):
        owners = {s: [i for i in range(1, count + 1) if batch.in_shard(s, i, count)] for s in students}
        assert all(len(v) == 1 for v in owners.values())
        if count > 1:  # and the split is not degenerate
            assert len({v[0] for v in owners.values()}) == count


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "", "1/0"])
def test_bad_shards_are_refused(text):
    with pytest.raises(ValueError, match="I/N"):
        batch.parse_shard(text)


def test_student_ids_from_entry_names():
    assert submissions.student_id("alice") == "alice" and submissions.student_id("bob.zip") == "bob"
    assert submissions.student_id(".hidden") is None and submissions.student_id(".zip") is None
    assert submissions.student_id("tab\tname") is None


@pytest.mark.parametrize("paths,root", [
    (["exercises/day1/calculus.py", "README.md"], ("exercises",)),
    (["day1/calculus.py", "day2/joining.py"], ()),
    (["alice/exercises/day2/joining.py", "__MACOSX/alice/day2/._joining.py"], ("alice", "exercises")),
    (["backup/day1/calculus.py", "day1/calculus.py"], ()),
    (["solutions/day1/calculus.py", "exercises/day1/calculus.py"], ("exercises",)),
    (["notes.txt", "day1"], None),
])
def test_locate_root_finds_the_day_folders(paths, root):
    assert submissions.locate_root(paths, ["day1", "day2"]) == root


def test_wanted_files_include_quiz_answers_next_to_exercises():
    topic = COURSE.topic("day2.joining")
    assert submissions.wanted_files(("s", "exercises"), [topic], ["day2"]) == {
        "s/exercises/day2/joining.py": "exercises/day2/joining.py", "s/answers/day2.yaml": "answers/day2.yaml"}
    assert submissions.wanted_files((), [topic], []) == {"day2/joining.py": "exercises/day2/joining.py"}


# ---------------------------------------------------------------- submissions on disk

def test_find_submissions_names_problems_and_notes(tmp_path):
    for name in ("ann", "bob", ".git"):
        (tmp_path / name).mkdir()
    (tmp_path / "bob.zip").write_bytes(b"PK")
    (tmp_path / "cat.zip").write_bytes(b"PK")
    (tmp_path / "README.txt").write_text("hi")
    subs, problems, notes = submissions.find_submissions(tmp_path)
    assert [s.student for s in subs] == ["ann", "cat"]
    assert problems == ["bob: not graded, two submissions (bob, bob.zip); keep one and run again"]
    assert notes == ["README.txt: ignored (a submission is a folder or a .zip file)"]


def test_stage_copies_regular_files_only(tmp_path):
    sub = tmp_path / "subs" / "ann"
    (sub / "exercises" / "day2").mkdir(parents=True)
    (sub / "exercises" / "day2" / "joining.py").write_text("x = 1\n")
    (sub / "exercises" / "day2" / "shapes.py").symlink_to(ROOT / "solutions" / "day2" / "shapes.py")
    tree = stage("ann", sub, tmp_path / "st", "day2.joining", "day2.shapes")
    assert (tree / "day2" / "joining.py").read_text() == "x = 1\n"
    assert not (tree / "day2" / "shapes.py").exists()  # a link to the solutions must not be graded


def test_stage_zip_is_safe(tmp_path):
    archive = tmp_path / "bob.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("bob/day2/joining.py", b"#" * (5 * 2**20))  # oversized: cut, so the grader reports it
        zf.writestr("../../evil.py", "print('escaped')")
        zf.writestr("/tmp/evil_abs.py", "print('escaped')")
        link = zipfile.ZipInfo("bob/day2/shapes.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, str(ROOT / "solutions" / "day2" / "shapes.py"))
    dest = tmp_path / "stage" / "bob"
    tree = stage("bob", archive, dest, "day2.joining", "day2.shapes")
    assert (tree / "day2" / "joining.py").stat().st_size == submissions.MAX_FILE
    assert not (tree / "day2" / "shapes.py").exists()
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == ["exercises/day2/joining.py"]
    assert not list(tmp_path.rglob("evil*.py")) and not Path("/tmp/evil_abs.py").exists()


def test_stage_broken_zip_says_what_to_do(tmp_path):
    (tmp_path / "cat.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValueError, match="not a readable zip file"):
        stage("cat", tmp_path / "cat.zip", tmp_path / "st")


def test_quiz_answers_come_from_the_submission(tmp_path):
    sub = tmp_path / "ann"
    write(sub / "exercises" / "day4" / "activations.py", "")
    write(sub / "answers" / "day4.yaml", "day: day4\nanswers:\n  sigmoid_saturation: b\n  sigmoid_grad_max: 0.3\n")
    topics = (COURSE.topic("day4.activations"),)
    job = batch.BatchSettings(course=COURSE, topics=topics, target="day4", quiz_days=("day4",), seed=0, out=tmp_path / "out")
    tree = submissions.stage(submissions.Submission("ann", sub), ["day4"], topics, ("day4",), tmp_path / "st")
    quiz = batch.quiz_sections(job, tree.parent / "answers")["day4"][0]
    status = {q["id"]: q["status"] for q in quiz["questions"]}
    assert status["sigmoid_saturation"] == "passed" and status["sigmoid_grad_max"] == "failed"
    assert 0 < quiz["score"] < quiz["max_score"] and quiz["source"] == "key"
    unanswered = batch.quiz_sections(job, tmp_path / "nowhere")["day4"][0]
    assert unanswered["score"] == 0 and unanswered["status"] == "skipped"


def test_the_answer_key_is_read_in_a_child_never_in_the_batch_parent(tmp_path, monkeypatch):
    from grader.quiz import bank as quiz
    readers, real = tmp_path / "readers", quiz.load_key

    def spy(bank, key_dir=None):
        with open(readers, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(bank, key_dir)

    monkeypatch.setattr(quiz, "load_key", spy)
    job = batch.BatchSettings(course=COURSE, topics=(COURSE.topic("day4.activations"),), target="day4",
                    quiz_days=("day4",), seed=0, out=tmp_path / "out")
    assert batch.quiz_sections(job, tmp_path / "nowhere")["day4"][0]["source"] == "key"
    pids = readers.read_text().split()
    assert pids and str(os.getpid()) not in pids


def test_a_broken_quiz_bank_is_reported_from_the_child(tmp_path, monkeypatch):
    from grader.quiz import bank as quiz

    def broken(*args, **kwargs):
        raise quiz.QuizError("day4.yaml: 'questions' must be a non-empty list")

    monkeypatch.setattr(quiz, "load_bank", broken)
    job = batch.BatchSettings(course=COURSE, topics=(COURSE.topic("day4.activations"),), target="day4",
                    quiz_days=("day4",), seed=0, out=tmp_path / "out")
    with pytest.raises(quiz.QuizError, match="must be a non-empty list"):
        batch.quiz_sections(job, tmp_path / "nowhere")


# ---------------------------------------------------------------- the command, in-process

def test_shard_option_selects_a_stable_subset(tmp_path, monkeypatch):
    subs = tmp_path / "subs"
    for i in range(30):
        (subs / f"s{i}").mkdir(parents=True)
    seen = []
    monkeypatch.setattr(batch, "run_batch", lambda job, subs, **kw: seen.append([s.student for s in subs]) or batch.Summary())
    for i in (1, 2, 3):
        result = CliRunner().invoke(cli, ["batch", str(subs), "--out", str(tmp_path / "out"), "--shard", f"{i}/3"])
        assert result.exit_code == 0, result.output
    assert sorted(s for shard in seen for s in shard) == sorted(f"s{i}" for i in range(30))


@pytest.mark.parametrize("args,message", [
    (["--shard", "0/2"], "write I/N"),
    (["day9"], "unknown day"),
    (["day2", "nosuch"], "unknown topic"),
    (["day2", "joining", "extra"], "at most a day"),
])
def test_usage_errors_exit_2(tmp_path, args, message):
    (tmp_path / "subs").mkdir()
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), *args])
    assert result.exit_code == 2 and message in result.output


def test_wall_clock_limit_stops_a_run(tmp_path):
    from grader.grading import runner, session
    session.warm_up()
    write(tmp_path / "day2" / "joining.py", SOLUTION.read_text() + HANG)  # every cat_on call hangs 10 s
    began = time.monotonic()
    outcome = runner.run(COURSE, tmp_path, [COURSE.topic("day2.joining")], 0, "t", limit=1.0)
    assert outcome.json_report is None and outcome.error == "grading took longer than 1 s and was stopped"
    assert time.monotonic() - began < 8


# ---------------------------------------------------------------- real batches (subprocesses)

def run_grade(*args, timeout=600) -> tuple[int, str]:
    with open(os.devnull) as null, subprocess.Popen([sys.executable, "-m", "grader.cli", *map(str, args)], cwd=ROOT,
                                                    stdin=null, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                                    text=True) as proc:
        out, _ = proc.communicate(timeout=timeout)
    return proc.returncode, out


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def checks_of(data: dict) -> list[dict]:
    return [t for d in data["days"] for tp in d["topics"] for t in tp["tests"]]


@pytest.mark.slow
def test_mixed_class_every_submission_gets_a_report(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    solution = SOLUTION.read_text()
    write(subs / "sol" / "exercises" / "day2" / "joining.py", solution)
    write(subs / "stub" / "day2" / "joining.py", STUB.read_text())
    write(subs / "hang" / "day2" / "joining.py", solution + HANG)
    write(subs / "exiter" / "day2" / "joining.py", solution + "\nimport os\nos._exit(0)\n")
    write(subs / "syntax" / "day2" / "joining.py", "def cat_on(:\n")
    (subs / "empty").mkdir()
    (subs / "linker" / "day2").mkdir(parents=True)
    (subs / "linker" / "day2" / "joining.py").symlink_to(SOLUTION)
    with zipfile.ZipFile(subs / "zipped.zip", "w") as zf:
        zf.writestr("zipped/exercises/day2/joining.py", solution)
        zf.writestr("../escape.py", "x = 1")
    code, output = run_grade("batch", subs, "--out", out, "--jobs", "2", "--format", "gradescope", "day2", "joining")
    assert code == 0, output
    reports = {p.stem: report.load(p) for p in out.glob("*.json") if not p.name.endswith(".gradescope.json")}
    assert sorted(reports) == ["empty", "exiter", "hang", "linker", "sol", "stub", "syntax", "zipped"]
    scores = {s: d["score"] for s, d in reports.items()}
    assert scores["sol"] == scores["zipped"] == pytest.approx(JOINING.max_score)
    assert all(scores[s] == 0 for s in ("stub", "exiter", "syntax", "empty", "linker"))
    hang = {t["function"]: t["status"] for t in checks_of(reports["hang"]) if t["status"] != "passed"}
    assert hang == {"cat_on": "timeout"}
    assert scores["hang"] == pytest.approx(JOINING.max_score - JOINING.function("cat_on").points)
    assert any("SyntaxError" in t["message"] for t in checks_of(reports["syntax"]))
    assert all("does not exist" in t["message"] for t in checks_of(reports["linker"]))
    assert all(d["target"] == "day2.joining" and d["student"] == s and d["error"] is None for s, d in reports.items())
    assert json.loads((out / "sol.gradescope.json").read_text())["score"] == pytest.approx(JOINING.max_score)
    assert "Graded      8" in output and "Full marks  2 of 8" in output and "Slowest     hang" in output
    assert not list(tmp_path.rglob("escape.py"))


@pytest.mark.slow
def test_killed_batch_resumes_without_losing_or_redoing_work(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for i in range(6):
        write(subs / f"s{i}" / "day2" / "joining.py", (SOLUTION if i % 2 else STUB).read_text())
    cmd = [sys.executable, "-m", "grader.cli", "batch", str(subs), "--out", str(out), "--jobs", "1", "day2", "joining"]
    with open(tmp_path / "first.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while not list(out.glob("*.json")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert 1 <= len(before) < 6, (tmp_path / "first.log").read_text()
    code, output = run_grade("batch", subs, "--out", out, "--jobs", "2", "day2", "joining")
    assert code == 0, output
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert sorted(after) == [f"s{i}.json" for i in range(6)]
    assert all(after[name] == mtime for name, mtime in before.items())  # nothing graded twice
    assert f"Graded      {6 - len(before)}  (+{len(before)} already graded, kept)" in output
    for i in range(6):  # none lost, none corrupt
        data = report.load(out / f"s{i}.json")
        assert data["score"] == pytest.approx(JOINING.max_score if i % 2 else 0.0)


# ---------------------------------------------------------------- CI templates

def grade_commands(path: Path) -> list[list[str]]:
    """Argument lists of every `grade …` line the workflow runs (GitHub expressions replaced)."""
    doc = yaml.safe_load(path.read_text())
    found = []
    for job_doc in doc["jobs"].values():
        for step in job_doc["steps"]:
            for line in step.get("run", "").splitlines():
                line = re.sub(r"\$\{\{[^}]*\}\}", "1", line.strip())
                if line.startswith(SUDO):
                    line = line[len(SUDO):]
                if line.startswith("grade "):
                    found.append(shlex.split(line)[1:])
    return found


SUDO = 'sudo -E env "PATH=$PATH" '  # root with the runner's environment: the grade of its Python


def checkouts(doc: dict) -> list[dict]:
    return [step for job in doc["jobs"].values() for step in job["steps"]
            if str(step.get("uses", "")).startswith("actions/checkout")]


@pytest.mark.parametrize("name", ["github-student.yml", "github-instructor.yml", "github-maintainers.yml"])
def test_ci_templates_run_existing_grade_commands(name):
    commands = grade_commands(ROOT / "ci" / name)
    assert commands
    for args in commands:
        result = CliRunner().invoke(cli, [*args, "--help"])
        assert result.exit_code == 0, f"{name}: grade {' '.join(args)}: {result.output}"


CPU_INDEX = "--index-url https://download.pytorch.org/whl/cpu"
OSES = ["ubuntu-latest", "macos-latest", "windows-latest"]


@pytest.mark.parametrize("name", ["github-student.yml", "github-maintainers.yml"])
def test_ci_templates_run_on_linux_macos_and_windows_with_cpu_torch(name):
    text = (ROOT / "ci" / name).read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    job = next(iter(doc["jobs"].values()))
    assert job["strategy"]["matrix"]["os"] == OSES and job["runs-on"] == "${{ matrix.os }}"
    assert job["strategy"]["fail-fast"] is False
    assert job["defaults"]["run"]["shell"] == "bash"  # the same script on Windows (Git Bash)
    install = next(s["run"] for s in job["steps"] if "torch" in s.get("name", ""))
    linux, other = install.split("else")
    assert "Linux" in linux and f"pip install torch==2.13.0 {CPU_INDEX}" in linux
    assert "pip install torch==2.13.0" in other and "index-url" not in other
    assert install.index("torch==2.13.0") < install.index("pip install -e" if "-e" in install else "pip install .")
    assert "base64 -w0" not in text  # GNU only


def test_the_maintainers_workflow_checks_the_course_and_runs_the_suite():
    doc = yaml.safe_load((ROOT / "ci" / "github-maintainers.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "grade check" in runs and "python -m pytest -q" in runs
    spawn = next(s for s in steps if s.get("env", {}).get("GRADE_SANDBOX") == "spawn")
    assert spawn["run"] == "grade check" and "Linux" in spawn["if"]
    assert set(doc[True] if True in doc else doc["on"]) >= {"push", "pull_request"}


def test_ci_templates_do_what_they_promise():
    cpu = "--index-url https://download.pytorch.org/whl/cpu"
    for name in ("github-student.yml", "github-instructor.yml"):  # the CPU build, installed as the READMEs say
        text = (ROOT / "ci" / name).read_text()
        installs = [line.strip() for line in text.splitlines() if "pip install" in line and "torch" in line]
        assert installs and all(cpu in line or line.startswith("pip install torch==2.13.0  # macOS")
                                for line in installs), name  # the default wheel only where it is a CPU build
        course = min(i for i in (text.find("pip install ."), text.find("pip install -e .")) if i >= 0)
        assert text.index(cpu) < course, name
    student = (ROOT / "ci" / "github-student.yml").read_text()
    assert student.index(cpu) < student.index("pip install .")
    assert 'if [ "$RUNNER_OS" = "Linux" ]' in student  # the CPU index on Linux runners only
    reporter = next(s for s in yaml.safe_load(student)["jobs"]["grade"]["steps"]
                    if "autograding-grading-reporter" in s.get("uses", ""))
    assert "ubuntu-latest" in reporter["if"]  # points reported once, not once per OS
    assert "--format classroom" in student and "upload-artifact" in student and "autograding-grading-reporter" in student
    instructor = yaml.safe_load((ROOT / "ci" / "github-instructor.yml").read_text())
    shards = instructor["jobs"]["grade"]["strategy"]["matrix"]["shard"]
    batch_lines = [a for a in grade_commands(ROOT / "ci" / "github-instructor.yml") if a[0] == "batch"]
    assert batch_lines and all(f"1/{len(shards)}" in a for a in batch_lines)
    assert instructor["jobs"]["collect"]["needs"] == "grade"
    assert [a[0] for a in grade_commands(ROOT / "ci" / "github-instructor.yml")] == ["batch", "collect"]


def test_the_instructor_template_grades_isolated_and_leaves_no_credentials():
    """GitHub's runners forbid unprivileged user namespaces: the batch runs under sudo (full
    isolation), the reports go back to the runner's user before upload, and no checkout leaves a
    token in .git/config for student code to find."""
    text = (ROOT / "ci" / "github-instructor.yml").read_text()
    doc = yaml.safe_load(text)
    steps = doc["jobs"]["grade"]["steps"]
    runs = [step.get("run", "") for step in steps]
    batch_at = next(i for i, run in enumerate(runs) if "grade batch" in run)
    assert runs[batch_at].strip().startswith(SUDO + "grade batch") and "--allow-unisolated" not in text
    chown_at = next(i for i, run in enumerate(runs) if "chown" in run)
    upload_at = next(i for i, step in enumerate(steps) if "upload-artifact" in str(step.get("uses", "")))
    assert batch_at < chown_at < upload_at and "reports" in runs[chown_at]
    for name in ("github-instructor.yml", "github-student.yml"):
        for step in checkouts(yaml.safe_load((ROOT / "ci" / name).read_text())):
            assert step.get("with", {}).get("persist-credentials") is False, (name, step)
    with_token = [s for s in checkouts(doc) if "token" in s.get("with", {})]
    assert len(with_token) == 1 and with_token[0]["with"]["path"] == "submissions"
    assert text.count("SUBMISSIONS_TOKEN") == 1

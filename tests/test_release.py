"""`grade release OUT`: what ships, what never does (checked by content), and the handout at work."""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader import handout
from grader.cli import cli
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = '''def tangent_line(f, a):
    """Reference."""
    slope = (f(a + 1e-4) - f(a - 1e-4)) / 2e-4
    return lambda x: f(a) + slope * (x - a)
'''
STUB = '''def tangent_line(f, a):
    """TODO"""
    raise NotImplementedError
'''


def write_course(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    doc = {"format": 1, "title": {"zh": "小课程", "en": "Small course"}, "days": [
        {"id": "day1", "title": {"zh": "第一天", "en": "Day one"}, "topics": [
            {"id": "day1.calculus", "title": {"zh": "微积分", "en": "Calculus"}, "file": "day1/calculus.py",
             "functions": {"tangent_line": {"points": 2}}}]}]}
    (root / "course.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for tree, text in (("exercises", STUB), ("solutions", SOLUTION)):
        (root / tree / "day1").mkdir(parents=True)
        (root / tree / "day1" / "calculus.py").write_text(text)
    return root


def write_package(pkg: Path) -> Path:
    """A stand-in grader package: hidden + public specs, a quiz bank and its key, a hidden helper."""
    files = {
        "__init__.py": "", "cli.py": "from grader import probes\n",
        "probes/__init__.py": "", "probes/day1.py": "def probe(fn):\n    return fn()\n",
        "probes/day1_hidden.py": "SECRET = 1\n",
        "specs/pytest.ini": "[pytest]\n", "specs/README.md": "def test_secret_check(): see above\n",
        "specs/day1/test_calculus.py": "def test_secret_check(student):\n    pass\n",
        "specs/day1/test_calculus_public.py": "def test_open_check(student):\n    pass\n",
        "quizzes/day1.yaml": "day: day1\nquestions:\n  - id: q1\n    answer_hash: 'ab'\n",
        "quizzes/key/day1.yaml": "day: day1\nquestions:\n  q1:\n    answer: b\n",
        "__pycache__/cli.cpython-311.pyc": "junk",
    }
    for rel, text in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    return pkg


@pytest.fixture
def setup(tmp_path):
    course = load_course(write_course(tmp_path / "course"))
    return course, write_package(tmp_path / "pkg"), tmp_path / "out"


def shipped(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("rel, ok", [
    ("cli.py", True), ("specs/day1/test_calculus_public.py", True), ("specs/pytest.ini", True),
    ("specs/day1/test_calculus.py", False), ("specs/README.md", False), ("specs/day1/helpers.py", False),
    ("quizzes/day1.yaml", True), ("quizzes/key/day1.yaml", False), ("probes/day3_hidden.py", False),
    ("__pycache__/x.pyc", False), ("probes/day1.py", True), ("templates/STUDENT_README.md", True),
])
def test_what_ships(rel, ok):
    assert handout.ships(Path(rel)) is ok


def test_build_ships_stubs_public_specs_and_banks_only(setup):
    course, pkg, out = setup
    built = handout.build(course, out, pkg)
    files = shipped(out)
    assert {"course.yaml", "pyproject.toml", "README.md", "exercises/day1/calculus.py", "grader/cli.py",
            "grader/specs/day1/test_calculus_public.py", "grader/specs/pytest.ini",
            "grader/quizzes/day1.yaml"} <= files
    assert not any(f.startswith(("solutions", "grader/quizzes/key")) or "__pycache__" in f for f in files)
    assert "grader/specs/day1/test_calculus.py" not in files and "grader/probes/day1_hidden.py" not in files
    assert (out / "exercises/day1/calculus.py").read_text() == STUB
    assert "secret" not in "".join((out / f).read_text() for f in files).lower()
    readme = (out / "README.md").read_text()
    assert "Small course" in readme and "grade day1" in readme and "grade watch day1" in readme
    assert "hidden checks run at grading" in readme and "{{" not in readme
    assert (built.stubs, built.public_specs, built.hidden_specs_left_out, built.quiz_banks) == (1, 1, 1, 1)
    assert list(out.parent.glob(".out.*")) == []


@pytest.mark.parametrize("where, text, words", [
    ("exercises/day1/calculus.py", SOLUTION, "body of tangent_line()"),
    ("pkg/probes/day1.py", "def ref(f, a):\n    # the reference, re-indented\n"
     "        slope = (f(a + 1e-4) - f(a - 1e-4)) / 2e-4\n\n        return lambda x: f(a) + slope * (x - a)\n",
     "body of tangent_line()"),
    ("pkg/probes/day1.py", "# mirrors test_secret_check\n", "names hidden check test_secret_check"),
    ("pkg/quizzes/day2.yaml", "questions:\n  - id: q\n    answer: c\n", "holds plain quiz answers"),
    ("pkg/cli.py", "from grader.probes.day1_hidden import SECRET\n", "imports grader.probes.day1_hidden"),
])
def test_a_leak_stops_the_build_and_writes_nothing(setup, where, text, words):
    course, pkg, out = setup
    target = (course.root if where.startswith("exercises") else pkg.parent) / where
    target.write_text(text)
    with pytest.raises(handout.HandoutError, match="refusing to build the handout") as info:
        handout.build(course, out, pkg)
    assert words in str(info.value)
    assert not out.exists() and list(out.parent.glob(".out.*")) == []


def test_release_refuses_an_existing_non_empty_folder_or_a_file(tmp_path):
    course = write_course(tmp_path / "course")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    (tmp_path / "afile").write_text("x")
    for out in ("full", "afile"):
        result = CliRunner().invoke(cli, ["--course", str(course), "release", str(tmp_path / out)])
        assert result.exit_code == 2 and "already exists and is not empty" in result.output
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_release_into_an_empty_folder(tmp_path):
    course = write_course(tmp_path / "course")
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["--course", str(course), "release", str(tmp_path / "empty")])
    assert result.exit_code == 0, result.output
    assert "1 exercise stubs" in result.output and (tmp_path / "empty" / "exercises/day1/calculus.py").is_file()


def test_release_without_pyproject_is_exit_2(tmp_path):
    course = write_course(tmp_path / "course")
    (course / "pyproject.toml").unlink()
    result = CliRunner().invoke(cli, ["--course", str(course), "release", str(tmp_path / "out")])
    assert result.exit_code == 2 and "pyproject.toml" in result.output


# ---------------------------------------------------------------- the real handout
def solution_bodies() -> list[tuple[str, str]]:
    """(function, dedented body without docstring) of every function in solutions/."""
    found = []
    for path in sorted((ROOT / "solutions").rglob("*.py")):
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef):
                body = node.body[1:] if ast.get_docstring(node) is not None else node.body
                lines = source.splitlines()[body[0].lineno - 1: body[-1].end_lineno] if body else []
                code = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
                if len("".join(code)) >= 20:
                    found.append((f"{path.name}:{node.name}", "\n".join(code)))
    return found


def hidden_test_names() -> set[str]:
    specs = ROOT / "grader" / "specs"
    names = set()
    for path in specs.rglob("test_*.py"):
        if not path.name.endswith("_public.py"):
            names |= {n.name for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.FunctionDef)
                      and n.name.startswith("test_")}
    return names


def isolated_venv(venv: Path) -> Path:
    """A venv that sees exactly the packages of the interpreter running the tests (never the base
    interpreter's: that may lack what the build needs), and nothing installed from this repository."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    site_dir = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    Path(site_dir, "_running_interpreter.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv


def run_grade(venv: Path, out: Path, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GRADE_"))}
    return subprocess.run([str(venv / "bin" / "grade"), *args], cwd=out, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
def test_real_handout_has_no_solution_or_hidden_spec_and_grades_public_checks(tmp_path):
    out = tmp_path / "handout"
    result = CliRunner().invoke(cli, ["--course", str(ROOT), "release", str(out)])
    assert result.exit_code == 0, result.output
    texts = {p: "\n".join(x.strip() for x in p.read_text(errors="replace").splitlines() if x.strip())
             for p in out.rglob("*") if p.is_file()}
    for name, body in solution_bodies():
        assert not [p for p, t in texts.items() if body in t], f"solution body of {name} is in the handout"
    hidden = hidden_test_names()
    assert hidden, "expected hidden spec files in the repository"
    for path, text in texts.items():
        assert not [n for n in hidden if re.search(rf"\b{n}\b", text)], f"{path} names a hidden check"
    assert not (out / "solutions").exists() and not (out / "grader/quizzes/key").exists()
    for path in (out / "exercises").rglob("*.py"):
        assert path.read_text() == (ROOT / "exercises" / path.relative_to(out / "exercises")).read_text()

    venv = isolated_venv(tmp_path / "venv")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                              "-q", "--no-deps", "--no-build-isolation", "-e", str(out)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr

    stubs = run_grade(venv, out, "day1")
    assert stubs.returncode == 1, stubs.stdout + stubs.stderr
    report = json.loads((out / "reports" / "day1.json").read_text())
    assert report["mode"] == "public" and report["score"] == 0
    ran = [t for d in report["days"] for tp in d["topics"] for t in tp["tests"] if t["status"] != "skipped"]
    assert ran and all(t["public"] for t in ran)  # only public specs ran
    assert "public checks passed; hidden checks run at grading." in stubs.stdout
    assert "Traceback" not in stubs.stdout + stubs.stderr

    (out / "exercises/day1/calculus.py").write_text((ROOT / "solutions/day1/calculus.py").read_text())
    solved = run_grade(venv, out, "day1", "calculus")
    data = json.loads((out / "reports" / "day1.calculus.json").read_text())
    public = [t for tp in data["days"][0]["topics"] for t in tp["tests"] if t["public"]]
    assert public and all(t["status"] == "passed" for t in public)
    assert solved.returncode == 0, solved.stdout  # in a handout, every public check passing is success
    assert f"{len(public)} public checks passed; hidden checks run at grading." in solved.stdout
    assert "all tests passed" not in solved.stdout.lower()


@pytest.mark.slow
def test_every_function_has_a_public_check_in_the_handout(tmp_path):
    """Stubs: every one of the course's functions shows as to do; solutions: every one passes."""
    out = tmp_path / "handout"
    assert CliRunner().invoke(cli, ["--course", str(ROOT), "release", str(out)]).exit_code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "GRADE_"))}
    functions = [f.name for t in load_course(ROOT).topics for f in t.functions]

    def grade_all():
        done = subprocess.run([sys.executable, "-m", "grader.cli", "all"], cwd=out, capture_output=True, text=True,
                              env={**env, "PYTHONPATH": str(out)}, timeout=900)
        marks = [line.split()[:2] for line in done.stdout.splitlines() if line.startswith("  ")]
        return done.returncode, done.stdout, marks

    code, text, marks = grade_all()
    assert code == 1 and [m[1] for m in marks] == functions and {m[0] for m in marks} == {"todo"}, text
    shutil.rmtree(out / "exercises")
    shutil.copytree(ROOT / "solutions", out / "exercises")
    code, text, marks = grade_all()
    assert code == 0 and [m[1] for m in marks] == functions and {m[0] for m in marks} == {"ok"}, text
    assert "hidden checks run at grading." in text and "no public check" not in text

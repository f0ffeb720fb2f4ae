"""The grader's own bad inputs: a broken course.yaml, an unwritable reports folder, a full disk.

Each must end the `grade` command with one line on the terminal, exit code 2, no traceback, and
nothing already written lost (an existing report stays byte for byte). In-process with CliRunner;
grading itself is replaced by a canned report where only the writing step is under test.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from grader.grading import job as grading, runner, scoring, session
from grader import report
from grader.cli import cli
from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE_TEXT = (ROOT / "course.yaml").read_text(encoding="utf-8")


def invoke(course_dir: Path, *args):
    return CliRunner().invoke(cli, ["--course", str(course_dir), *args], catch_exceptions=False)


def assert_one_line_exit_2(result, *words):
    out = result.output
    assert result.exit_code == 2, out
    assert "Traceback" not in out and len(out.strip().splitlines()) == 1, out
    for word in words:
        assert word in out, out


def course_dir(tmp_path: Path, edit=None, text: str | None = None) -> Path:
    """A course folder: course.yaml (edited as a parsed document, or given as text) and exercises/."""
    folder = tmp_path / "course"
    folder.mkdir()
    if text is None:
        data = yaml.safe_load(COURSE_TEXT)
        if edit is not None:
            edit(data)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "exercises" / "day1", folder / "exercises" / "day1")
    return folder


def topic(data, index=0, day=0):
    return data["days"][day]["topics"][index]


# ------------------------------------------------------------------ course.yaml
def _set(path, value):
    def edit(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


BAD_COURSES = {
    # wrong types
    "points_is_text": (_set(["days", 0, "topics", 0, "functions", "grid", "points"], "two"), "points is 'two'"),
    "points_is_zero": (_set(["days", 0, "topics", 0, "functions", "grid", "points"], 0), "positive integer"),
    "points_is_bool": (_set(["days", 0, "topics", 0, "functions", "grid", "points"], True), "positive integer"),
    "timeout_is_text": (_set(["days", 0, "topics", 0, "timeout"], "fast"), "number of seconds"),
    "timeout_negative": (_set(["timeout"], -1), "number of seconds"),
    "days_is_mapping": (_set(["days"], {"day1": {}}), "days must be a non-empty list"),
    "days_empty": (_set(["days"], []), "days must be a non-empty list"),
    "title_is_text": (_set(["days", 0, "title"], "Day one"), "title must be a mapping"),
    "functions_is_list": (_set(["days", 0, "topics", 0, "functions"], ["grid"]), "functions must be a mapping"),
    "functions_empty": (_set(["days", 0, "topics", 0, "functions"], {}), "functions is empty"),
    "function_name_invalid": (_set(["days", 0, "topics", 0, "functions", "not-a-name"], {"points": 1}),
                              "is not a Python function name"),
    "format_wrong": (_set(["format"], 2), "this grader reads format 1"),
    "topic_file_mismatch": (_set(["days", 0, "topics", 0, "file"], "day1/other.py"), "it must be 'day1/"),
    "topic_id_wrong_day": (_set(["days", 0, "topics", 0, "id"], "day2.tensor_basics"), "write it as 'day1."),
    # unknown keys
    "unknown_top_key": (_set(["deadline"], "friday"), "unknown key 'deadline'"),
    "unknown_topic_key": (_set(["days", 0, "topics", 0, "tiemout"], 3), "unknown key 'tiemout'"),
    "unknown_function_key": (_set(["days", 0, "topics", 0, "functions", "grid", "pionts"], 2),
                             "unknown key 'pionts'"),
    # missing keys
    "missing_days": (lambda d: d.pop("days"), "missing key 'days'"),
    "missing_topic_file": (lambda d: topic(d).pop("file"), "missing key 'file'"),
}


def _duplicate_topic(data):
    data["days"][0]["topics"].append(dict(topic(data)))


def _duplicate_day(data):
    data["days"].append(dict(data["days"][0]))


BAD_COURSES.update({
    "duplicate_topic_id": (_duplicate_topic, "duplicate topic id 'day1.tensor_basics'"),
    "duplicate_day_id": (_duplicate_day, "duplicate day id 'day1'"),
})


@pytest.mark.parametrize("name", sorted(BAD_COURSES))
def test_invalid_course_yaml_is_one_line_exit_2(tmp_path, name):
    edit, words = BAD_COURSES[name]
    folder = course_dir(tmp_path, edit)
    result = invoke(folder, "day1")
    assert_one_line_exit_2(result, words)
    assert not (folder / "reports").exists()


@pytest.mark.parametrize("text, words", [
    ("", "must be a mapping"),
    ("just a string\n", "must be a mapping"),
    ("format: 1\ndays: [\n", "not valid YAML at line"),
    ("format: 1\ndays:\n  - id: day1\n\ttitle: x\n", "not valid YAML"),
    ("format: 1\n!!python/object:os.system {}\n", "not valid YAML"),
])
def test_unparsable_course_yaml(tmp_path, text, words):
    assert_one_line_exit_2(invoke(course_dir(tmp_path, text=text), "day1"), words)


def test_course_yaml_not_utf8(tmp_path):
    folder = course_dir(tmp_path)
    (folder / "course.yaml").write_bytes(b"format: 1\ntitle: {zh: caf\xe9, en: x}\n")
    assert_one_line_exit_2(invoke(folder, "day1"), "cannot read", "course.yaml")


def test_course_yaml_is_a_directory(tmp_path):
    folder = tmp_path / "course"
    (folder / "course.yaml").mkdir(parents=True)
    assert_one_line_exit_2(invoke(folder, "day1"), "course.yaml")


def test_missing_course_yaml_and_missing_course_folder(tmp_path):
    assert_one_line_exit_2(invoke(tmp_path, "day1"), "course.yaml", "not found")
    assert_one_line_exit_2(invoke(tmp_path / "nowhere", "day1"), "course.yaml")


def test_missing_exercises_folder(tmp_path):
    folder = course_dir(tmp_path)
    shutil.rmtree(folder / "exercises")
    assert_one_line_exit_2(invoke(folder, "day1"), "is not a folder", "--exercises")


def test_exercises_is_a_file(tmp_path):
    """Caught by click's option check: its usual usage text, still exit 2 and no traceback."""
    folder = course_dir(tmp_path)
    (tmp_path / "tree.py").write_text("x = 1\n")
    result = invoke(folder, "day1", "--exercises", str(tmp_path / "tree.py"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Invalid value for '--exercises'" in result.output and "is a file" in result.output


def test_duplicate_function_key_is_reported(tmp_path):
    text = COURSE_TEXT.replace("          grid:\n", "          grid:\n            points: 5\n          grid:\n", 1)
    assert text != COURSE_TEXT
    assert_one_line_exit_2(invoke(course_dir(tmp_path, text=text), "day1"), "duplicate")


# ------------------------------------------------------------------ writing the report
@pytest.fixture
def canned(monkeypatch):
    """Grading replaced by a valid report built without running anything (only writing is tested)."""
    calls = []

    def fake_grade(course, target_dir, topics, *, seed, student, target, quiz_days=(), **_):
        calls.append(target)
        results = scoring.score_topics(topics, None, "not graded in this test")
        return grading.build_report(course, topics, results, {}, seed=seed, student=student, target=target,
                                    isolation={}, error=None)
    monkeypatch.setattr(grading, "grade", fake_grade)
    monkeypatch.setattr(session, "warm_up", lambda *a, **k: None)
    return calls


def existing_report(path: Path) -> bytes:
    """A valid earlier report at `path` (what must survive a failed write)."""
    course = load_course(ROOT)
    topics = [course.topic("day1.calculus")]
    results = scoring.score_topics(topics, None, "earlier run")
    data = report.to_dict(grading.build_report(course, topics, results, {}, seed=1, student="earlier",
                                               target="day1.calculus", isolation={}, error=None))
    report.write_json(data, path)
    return path.read_bytes()


def test_canned_report_writes_normally(tmp_path, canned):
    """Control: with a writable path the same command writes a valid report (exit 1: no points)."""
    out = tmp_path / "r" / "day1.json"
    result = invoke(ROOT, "day1", "calculus", "--report", str(out))
    assert result.exit_code == 1, result.output
    assert report.load(out)["target"] == "day1.calculus" and canned == ["day1.calculus"]


def test_report_path_under_a_regular_file(tmp_path, canned):
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder\n")
    result = invoke(ROOT, "day1", "calculus", "--report", str(blocker / "day1.json"))
    assert_one_line_exit_2(result, "cannot write the report", "--report")  # refused before grading
    assert blocker.read_text() == "not a folder\n"


def test_report_path_is_a_directory(tmp_path, canned):
    (tmp_path / "r.json").mkdir()
    result = invoke(ROOT, "day1", "calculus", "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_full_disk_keeps_the_existing_report(tmp_path, canned, monkeypatch):
    out = tmp_path / "day1.json"
    before = existing_report(out)

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", no_space)
    result = invoke(ROOT, "day1", "calculus", "--report", str(out))
    assert_one_line_exit_2(result, "could not write the report", "No space left on device")
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day1.json"]  # no temp file left


# ------------------------------------------------------------------ real read-only and full file systems
_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
MS_RDONLY = 1


@pytest.fixture
def small_mount(tmp_path):
    """Mount a tmpfs (as root only); yields a function mount(options) -> folder, unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (permissions alone do not stop root's writes)")
    mounted = []

    def mount(size: str, readonly: bool = False, prefill=None) -> Path:
        folder = tmp_path / f"mnt{len(mounted)}"
        folder.mkdir()
        if _libc.mount(b"tmpfs", str(folder).encode(), b"tmpfs", 0, f"size={size}".encode()) != 0:
            pytest.skip(f"cannot mount a tmpfs here (errno {ctypes.get_errno()})")
        mounted.append(folder)
        if prefill:
            prefill(folder)
        if readonly and _libc.mount(b"tmpfs", str(folder).encode(), b"tmpfs", 0x20 | MS_RDONLY,  # MS_REMOUNT
                                    f"size={size}".encode()) != 0:
            pytest.skip("cannot remount read-only here")
        return folder
    yield mount
    for folder in reversed(mounted):
        _libc.umount2(str(folder).encode(), 2)  # MNT_DETACH


def test_read_only_reports_folder_fails_before_grading(small_mount, canned):
    holder = {}
    folder = small_mount("1m", readonly=True,
                         prefill=lambda f: holder.update(before=existing_report(f / "day1.json")))
    result = invoke(ROOT, "day1", "calculus", "--report", str(folder / "day1.json"))
    assert_one_line_exit_2(result, "cannot write the report", "--report")
    assert (folder / "day1.json").read_bytes() == holder["before"]
    assert canned == []   # refused before spending time on grading


def test_really_full_disk_keeps_the_existing_report(small_mount, canned):
    holder = {}

    def fill(folder: Path):
        holder["before"] = existing_report(folder / "day1.json")
        fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT)   # leave no room for a new report
        try:
            while os.write(fd, b"\0" * 1024):
                pass
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
    folder = small_mount("64k", prefill=fill)
    result = invoke(ROOT, "day1", "calculus", "--report", str(folder / "day1.json"))
    assert_one_line_exit_2(result, "could not write the report", "No space left on device")
    assert (folder / "day1.json").read_bytes() == holder["before"]
    assert sorted(p.name for p in folder.iterdir()) == ["ballast", "day1.json"]

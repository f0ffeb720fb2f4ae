"""Portability (issue 16): text files read and written as UTF-8 whatever the locale, terminal output
that survives a console unable to encode Chinese, and paths with spaces."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "grader"
TEXT_CALLS = {"open", "read_text", "write_text"}


def _text_calls_without_encoding(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TEXT_CALLS:
            continue
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if name == "open" and isinstance(owner, ast.Name) and owner.id in ("os", "archive", "zf", "webbrowser"):
            continue  # os.open (a descriptor), ZipFile.open (bytes)
        modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)] + \
                [k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
        if any(isinstance(m, str) and "b" in m for m in modes):
            continue
        if name == "open" and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int):
            continue  # open(1, "w"): a descriptor already set up
        if not any(k.arg == "encoding" for k in node.keywords):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_text_file_the_grader_opens_is_utf8():
    missing = [hit for path in sorted(PACKAGE.rglob("*.py")) if "specs" not in path.parts
               for hit in _text_calls_without_encoding(path)]
    assert missing == [], "open()/read_text()/write_text() without encoding=: " + ", ".join(missing)


def _cli(*args, env_extra=None, timeout=600, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "GRADE_"))}
    env.update({"PYTHONPATH": str(ROOT), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=timeout)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("args", [("list",), ("--help",), ("hint", "day1", "calculus", "chain_rule")],
                         ids=["list", "help", "hint"])
def test_a_console_that_cannot_encode_chinese_gets_no_unicode_error(encoding, args):
    proc = _cli(*args, env_extra={"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}, timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "UnicodeEncodeError" not in err and "Traceback" not in err
    assert b"Tensor basics" in proc.stdout or b"Usage" in proc.stdout or proc.stdout.strip()


@pytest.mark.slow
def test_grading_with_spaces_in_paths_and_a_cp1252_console_under_spawn(tmp_path):
    tree = tmp_path / "my exercises" / "exercises"
    shutil.copytree(ROOT / "solutions" / "day1", tree / "day1")
    report = tmp_path / "my reports" / "day 1.json"
    proc = _cli("day1", "calculus", "--exercises", str(tree), "--report", str(report),
                env_extra={"GRADE_SANDBOX": "spawn", "PYTHONIOENCODING": "cp1252"})
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, proc.stdout.decode("utf-8", "replace") + err
    assert "Traceback" not in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["score"] == data["max_score"] > 0 and data["isolation"]["backend"] == "spawn"


def test_reports_are_utf8_files(tmp_path):
    from grader import report
    data_path = tmp_path / "r.json"
    from grader.files import write_atomic
    write_atomic(data_path, json.dumps({"title": "数据操作"}, ensure_ascii=False))
    assert json.loads(data_path.read_bytes().decode("utf-8"))["title"] == "数据操作"
    assert report is not None

"""What a worker must never see: the quiz key (found by the same path the grader uses), solutions
and hidden specs. Fails if a move of the package ever stops hiding them."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from grader import files, paths
from grader.course import load_course
from grader.grading import runner, session
from grader.sandbox import handle, isolation

ROOT = Path(__file__).resolve().parents[1]
PROBE = '''
import os
import shutil

def listing(path):
    """What this worker sees in `path` (None: not there at all)."""
    return sorted(os.listdir(path)) if os.path.isdir(path) else None
'''


def test_the_quiz_key_is_among_the_hidden_folders():
    assert sorted(paths.QUIZ_KEY.glob("*.yaml")), "the course ships a quiz key to hide"
    assert str(paths.QUIZ_KEY) in isolation.also_hidden(())


@pytest.mark.skipif(isolation.available_setting() == "none",
                    reason="folders are hidden in a mount namespace: needs root or unprivileged user namespaces")
def test_a_worker_sees_no_quiz_key_solution_or_hidden_spec(tmp_path):
    session.warm_up([])
    ctx = runner.make_context(load_course(ROOT), tmp_path, 0, "probe")
    source = tmp_path / "probe.py"
    source.write_text(PROBE)
    workdir, copy = handle.make_workdir(str(source))
    zygote = handle.ForkBackend(ctx.hidden).start()
    try:
        worker = handle.Worker(zygote, copy, "probe", workdir, {}, timeout=10)
        seen = {name: worker.call("listing", (str(path),), {}).result
                for name, path in (("banks", paths.QUIZZES), ("key", paths.QUIZ_KEY),
                                   ("solutions", ROOT / "solutions"), ("specs", paths.SPECS / "day1"))}
        worker.kill()
    finally:
        zygote.close()
        files.remove_tempdirs(os.getpid())
    assert "day1.yaml" in seen.pop("banks")  # the worker does see the package around the key
    assert {name: bool(listing) for name, listing in seen.items()} == {"key": False, "solutions": False, "specs": False}


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"), reason="needs root and unshare(1)")
def test_a_private_scratch_folder_keeps_only_what_imports_need(tmp_path):
    """A venv or a course clone inside /tmp stays reachable when /tmp becomes a private tmpfs
    (and nothing else of the old /tmp does)."""
    import subprocess
    import sys
    folder = tmp_path / "scratch"
    (folder / "venv").mkdir(parents=True)
    (folder / "venv" / "marker").write_text("x")
    (folder / "other-student").mkdir()
    code = ("import os, sys; from grader.sandbox import isolation as i; "
            "i._libc.mount(b'none', b'/', None, i.MS_REC | i.MS_PRIVATE, None); "
            f"ok = i._scratch_keeping({str(folder)!r}, 'size=8m,mode=1777', {{'venv'}}); "
            f"print(ok, sorted(os.listdir({str(folder)!r})), os.path.exists({str(folder / 'venv' / 'marker')!r}))")
    out = subprocess.run(["unshare", "-m", sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert out.stdout.split() == ["True", "['venv']", "True"], out.stderr

"""Grading without root (issue #13): the same verdicts as a root grader, from a normal user.

The suite runs as root in CI, so these tests make their own unprivileged user (`useradd`), give it a
readable copy of the course and a Python it may run, and grade as that user in subprocesses
(setuid in preexec). As a normal user already, they run as that user directly. They are skipped,
with the reason, only where neither a user can be made nor user namespaces are allowed.

Settings (see docs/security.md): "userns" (a normal user with unprivileged user namespaces:
official grades), "none" (GRADER_USERNS=0 forbids user namespaces, as hardened hosts do: advisory,
and `grade batch` refuses unless --allow-unisolated).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.sandbox import isolation

REPO = Path(__file__).resolve().parents[1]
USER = "d2l-grade-test"
LIMIT = 600


@dataclass
class Account:
    """A normal user, a Python it can run, and a copy of the course it can read."""
    uid: int
    gid: int
    python: str
    repo: Path
    home: Path
    base: Path

    def run(self, args: list[str], *, env: dict | None = None, timeout: float = LIMIT,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
        """`python ARGS` as this user, from the course copy."""
        environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8",
                       "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        return subprocess.run([self.python, *args], cwd=cwd or self.repo, env=environment, capture_output=True,
                              text=True, timeout=timeout, preexec_fn=self._drop)

    def _drop(self) -> None:
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(self.gid)
            os.setuid(self.uid)

    def processes(self) -> list[tuple[int, str]]:
        """(pid, command) of every live process of this user (none should outlive a run)."""
        found = []
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                status = Path(f"/proc/{entry}/status").read_text()
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            uid = int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))
            state = re.search(r"^State:\s+(\S)", status, re.M).group(1)
            if uid == self.uid and state != "Z" and int(entry) != os.getpid():
                found.append((int(entry), cmd[:120]))
        return found


def _make_user() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"useradd failed: {done.stderr.strip()[:200]}")
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


def _copy_course(dest: Path) -> None:
    shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.pyc", ".pytest_cache",
                                                              "reports", "*.egg-info"))
    if (REPO / ".git").is_file():  # a worktree: the pointer to the history, which must stay hidden too
        shutil.copy(REPO / ".git", dest / ".git")
    for folder, dirs, names in os.walk(dest):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)


def _python_for(account: Account) -> str | None:
    """A Python of our version that the user can run with torch, pytest and the grader importable."""
    want = "%d.%d" % sys.version_info[:2]
    check = ["-c", "import sys, torch, pytest, pytest_jsonreport, grader; print('%d.%d' % sys.version_info[:2])"]
    candidates = [sys.executable, shutil.which(f"python{want}") or "", f"/usr/bin/python{want}", "/usr/bin/python3"]
    for python in filter(None, dict.fromkeys(candidates)):
        account.python = python
        try:
            if account.run(check, timeout=120).stdout.strip() == want:
                return python
        except (OSError, subprocess.SubprocessError):
            pass
    # a venv of a readable interpreter of the same version, seeing our site-packages
    import site
    for python in filter(None, dict.fromkeys(candidates[1:])):
        if not os.path.exists(python):
            continue
        venv = account.base / "venv"
        shutil.rmtree(venv, ignore_errors=True)
        if subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], capture_output=True).returncode:
            continue
        purelib = next(venv.glob("lib/python*/site-packages"))
        (purelib / "course-test.pth").write_text("\n".join(site.getsitepackages()) + "\n")
        for folder, dirs, names in os.walk(venv):
            os.chmod(folder, 0o755)
        account.python = str(venv / "bin" / "python")
        try:
            if account.run(check, timeout=120).stdout.strip() == want:
                return account.python
        except (OSError, subprocess.SubprocessError):
            pass
    return None


@pytest.fixture(scope="session")
def account() -> Account:
    if os.geteuid() != 0:
        base = Path(tempfile.mkdtemp(prefix="d2l-unpriv-"))
        return Account(os.getuid(), os.getgid(), sys.executable, REPO, base, base)
    try:
        uid, gid = _make_user()
    except RuntimeError as exc:
        if isolation.available_setting() == "none":
            pytest.skip(f"cannot test grading as a normal user here: {exc}, and no user namespaces")
        raise
    base = Path(tempfile.mkdtemp(prefix="d2l-unpriv-", dir="/var/tmp"))
    os.chmod(base, 0o755)
    _copy_course(base / "repo")
    home = base / "home"
    home.mkdir()
    os.chown(home, uid, gid)
    account = Account(uid, gid, "", base / "repo", home, base)
    if _python_for(account) is None:
        pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} with torch that user {USER} may run")
    yield account
    for pid, _ in account.processes():
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def userns(account) -> str:
    """The setting this user gets: only meaningful where user namespaces are allowed."""
    setting = account.run(["-c", "from grader.sandbox import isolation; print(isolation.available_setting())"],
                          timeout=120).stdout.strip()
    if setting != "userns":
        pytest.skip("this host does not allow unprivileged user namespaces")
    return setting


def writable_dir(account: Account, name: str) -> Path:
    folder = account.base / name
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    return folder


# ------------------------------------------------------------------ the corpus, as a normal user
@pytest.mark.slow
def test_the_hostile_corpus_holds_as_a_normal_user(account, userns):
    """Every case of tests/hostile, those that needed root included, with the verdict a root grader reaches."""
    basetemp = writable_dir(account, "corpus") / "t"  # pytest replaces it: its parent must be the user's
    done = account.run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(basetemp),
                        "tests/test_hostile.py"], timeout=1200)
    tail = (done.stdout + done.stderr)[-3000:]
    assert done.returncode == 0, tail
    summary = done.stdout.strip().splitlines()[-1]
    assert "skipped" not in summary and "passed" in summary, summary
    assert account.processes() == [], "processes left behind"


# ------------------------------------------------------------------ grade dayN
def _tree(account: Account, name: str, extra: dict[str, str] = ()) -> Path:
    tree = account.base / name
    shutil.copytree(REPO / "solutions" / "day1", tree / "day1")
    for path, code in dict(extra).items():
        with open(tree / path, "a", encoding="utf-8") as fh:
            fh.write("\n" + code)
    for folder, dirs, names in os.walk(tree):
        os.chmod(folder, 0o755)
    return tree


def _topics_full(data: dict) -> bool:
    """Every topic at full points (the quiz is not answered in these trees)."""
    topics = [tp for d in data["days"] for tp in d["topics"]]
    return bool(topics) and all(tp["score"] == tp["max_score"] for tp in topics)


def _grade_day1(account: Account, tree: Path, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    out = writable_dir(account, f"report-{tree.name}") / "r.json"
    done = account.run(["-m", "grader.cli", "day1", "--exercises", str(tree), "--report", str(out)], env=env)
    return done, json.loads(out.read_text()) if out.is_file() else {}


@pytest.mark.slow
def test_grade_day1_as_a_normal_user_is_fully_isolated(account, userns):
    done, data = _grade_day1(account, _tree(account, "plain"))
    assert done.returncode in (0, 1) and _topics_full(data), done.stdout + done.stderr
    facts = data["isolation"]
    assert facts["setting"] == "userns" and facts["full"] is True, facts
    assert all(facts[k] for k in ("user_namespace", "pid_namespace", "hidden_folders", "private_tmp", "read_only",
                                  "no_capabilities")) and facts["network"] == "none", facts
    assert "Isolation:" not in done.stdout
    assert account.processes() == []


STOPPER = '''
def _stop_parents():
    import os
    import signal
    zygote = os.getppid()
    with open(f"/proc/{zygote}/stat") as fh:
        grader = int(fh.read().rsplit(")", 1)[1].split()[1])
    for pid in (zygote, grader):
        os.kill(pid, signal.SIGSTOP)


_chain_rule = chain_rule


def chain_rule(df_du, du_dx):
    _stop_parents()
    return _chain_rule(df_du, du_dx)
'''


@pytest.mark.slow
def test_unisolated_grade_day1_says_so_and_survives_a_stopped_zygote_and_grader(account):
    """Without user namespaces a submission can stop the zygote and the grading process: they are
    continued, grading ends in bounded time with every point the code earned, and the summary says
    in one line that the score is advisory."""
    started = time.monotonic()
    done, data = _grade_day1(account, _tree(account, "stopper", {"day1/calculus.py": STOPPER}), {"GRADER_USERNS": "0"})
    elapsed = time.monotonic() - started
    assert done.returncode in (0, 1) and _topics_full(data) and data["error"] is None, done.stdout + done.stderr
    assert data["isolation"]["setting"] == "none" and data["isolation"]["full"] is False
    lines = [line for line in done.stdout.splitlines() if line.startswith("Isolation:")]
    assert len(lines) == 1 and "advisory" in lines[0], done.stdout
    assert elapsed < 120
    assert account.processes() == []


# ------------------------------------------------------------------ grade batch
ATTACK = '''
import json as _json
import os as _os
import signal as _signal
import time as _time

_FAKE = _json.dumps({"student": "alice", "score": 0, "max_score": 76, "error": None, "FORGED": True})
_SABOTAGE = "def dot(x, y):\\n    raise RuntimeError('sabotaged by mallory')\\n"


def _vandalise():
    """Overwrite classmates' files and plant reports wherever a grader might look."""
    hits = []
    places = ["@SUBS@", "@OUT@", "/tmp", "/var/tmp", "/dev/shm"]
    for pid in filter(str.isdigit, _os.listdir("/proc")):
        try:
            places.append(_os.readlink(f"/proc/{pid}/cwd"))
        except OSError:
            pass
    for place in places:
        for folder, dirs, names in _os.walk(place):
            for name in names + [f"report-{i}.json" for i in range(3)]:
                path = _os.path.join(folder, name)
                try:
                    with open(path, "w") as fh:
                        fh.write(_SABOTAGE if name.endswith(".py") else _FAKE)
                    hits.append(path)
                except OSError:
                    pass
    return hits


def dot(x, y):
    _vandalise()
    if _os.fork() == 0:  # a daemon that keeps rewriting reports after grading
        _os.setsid()
        if _os.fork() == 0:
            end = _time.time() + 30
            while _time.time() < end:
                _vandalise()
                _time.sleep(0.3)
        _os._exit(0)
    return torch.tensor(85.0)


def l2_norm(x):
    for pid in filter(str.isdigit, _os.listdir("/proc")):
        if int(pid) != _os.getpid():
            try:
                _os.kill(int(pid), _signal.SIGSTOP)
            except OSError:
                pass
    return torch.tensor(85.0)


def l1_norm(x):
    try:
        _os.kill(-1, _signal.SIGKILL)
    except OSError:
        pass
    return torch.tensor(85.0)
'''


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _batch_class(account_base: Path) -> tuple[Path, Path]:
    subs = account_base / "subs"
    for student in ("alice", "bob", "mallory"):
        shutil.copytree(REPO / "solutions" / "day1", subs / student / "exercises" / "day1")
    out = account_base / "out"
    out.mkdir(mode=0o777)
    os.chmod(out, 0o777)
    attack = ATTACK.replace("@SUBS@", str(subs)).replace("@OUT@", str(out))
    with open(subs / "mallory" / "exercises" / "day1" / "linear_algebra.py", "a", encoding="utf-8") as fh:
        fh.write("\n" + attack)
    for folder, dirs, names in os.walk(subs):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)
    return subs, out


def _check_class(subs: Path, out: Path, before: dict, done: subprocess.CompletedProcess, setting: str) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    reports = {s: json.loads((out / f"{s}.json").read_text()) for s in ("alice", "bob", "mallory")}
    for student in ("alice", "bob"):
        assert _topics_full(reports[student]), (student, reports[student]["score"])
    mallory = reports["mallory"]
    scores = {t["function"]: t["score"] for d in mallory["days"] for tp in d["topics"] for t in tp["tests"]}
    assert all(scores[f] == 0 for f in ("dot", "l2_norm", "l1_norm")), scores
    lost = sum(t["max_score"] for d in mallory["days"] for tp in d["topics"] for t in tp["tests"]
               if t["function"] in ("dot", "l2_norm", "l1_norm"))
    topics = sum(tp["max_score"] for d in mallory["days"] for tp in d["topics"])
    got = sum(tp["score"] for d in mallory["days"] for tp in d["topics"])
    assert got == pytest.approx(topics - lost)  # every other point, none forged
    for data in reports.values():
        assert data["isolation"]["setting"] == setting and data["isolation"]["full"] is True, data["isolation"]
        assert not data["isolation"].get("advisory")
    assert _digest(subs) == before, "a classmate's files were changed"
    written = _digest(out)
    time.sleep(2.0)  # a daemon that outlived grading would rewrite them now
    assert _digest(out) == written and "FORGED" not in "".join(p.read_text() for p in out.glob("*.json"))


@pytest.mark.slow
def test_batch_as_a_normal_user_keeps_classmates_and_reports_safe(account, userns):
    """A submission that vandalises classmates' files and the report folders, snoops /proc, leaves a
    daemon, stops and kills every process it can: no classmate loses a point, every report is
    written and genuine, nothing is left running."""
    subs, out = _batch_class(account.base)
    before = _digest(subs)
    done = account.run(["-m", "grader.cli", "batch", str(subs), "--out", str(out), "-j", "2", "day1"])
    _check_class(subs, out, before, done, "userns")
    assert account.processes() == []


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="the root setting needs root")
def test_batch_as_root_keeps_classmates_and_reports_safe(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="d2l-root-", dir="/var/tmp"))
    try:
        subs, out = _batch_class(base)
        before = _digest(subs)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
        done = subprocess.run([sys.executable, "-m", "grader.cli", "batch", str(subs), "--out", str(out), "-j", "2",
                               "day1"], cwd=REPO, env=env, capture_output=True, text=True, timeout=LIMIT)
        _check_class(subs, out, before, done, "root")
        left = [p for p in filter(str.isdigit, os.listdir("/proc"))
                if os.path.exists(f"/proc/{p}") and _uid_of(p) >= isolation.SANDBOX_UID_BASE]
        assert left == [], "sandbox processes left behind"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _uid_of(pid: str) -> int:
    try:
        return int(re.search(r"^Uid:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M).group(1))
    except (OSError, AttributeError):
        return -1


@pytest.mark.slow
def test_batch_refuses_without_isolation_unless_allowed_and_collect_names_the_students(account):
    subs = account.base / "subs-none"
    shutil.copytree(REPO / "solutions" / "day1", subs / "alice" / "exercises" / "day1")
    for folder, dirs, names in os.walk(subs):
        os.chmod(folder, 0o755)
    out = writable_dir(account, "out-none")
    none = {"GRADER_USERNS": "0"}
    refused = account.run(["-m", "grader.cli", "batch", str(subs), "--out", str(out), "day1", "calculus"], env=none)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = refused.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert all(word in message for word in ("root", "sudo", "user namespaces", "--allow-unisolated")), message
    assert not list(out.iterdir())

    done = account.run(["-m", "grader.cli", "batch", str(subs), "--out", str(out), "--allow-unisolated", "day1",
                        "calculus"], env=none)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads((out / "alice.json").read_text())
    assert data["isolation"]["setting"] == "none" and data["isolation"]["advisory"] is True
    assert "Advisory" in done.stdout and "alice" in done.stdout

    gradebook = writable_dir(account, "gradebook") / "grades.csv"
    collected = account.run(["-m", "grader.cli", "collect", str(out), "--csv", str(gradebook)], env=none)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert re.search(r"warning: 1 report\(s\) not graded under full isolation.*: alice$", collected.stderr, re.M), \
        collected.stderr
    row = next(csv.DictReader(io.StringIO(gradebook.read_text())))
    assert row["isolation"] == "none" and "advisory" in row["flags"]
    assert account.processes() == []


KILLER = '''
_grid = grid


def grid(rows, cols):
    import os
    import signal
    os.kill(os.getppid(), signal.SIGKILL)  # the zygote, visible without a PID namespace
    return _grid(rows, cols)
'''


@pytest.mark.slow
def test_unisolated_grade_day1_replaces_a_zygote_killed_by_student_code(account):
    """A killed zygote costs at most the function that killed it (its worker dies with the zygote,
    maybe after answering); the next worker comes from a fresh zygote."""
    done, data = _grade_day1(account, _tree(account, "killer", {"day1/tensor_basics.py": KILLER}), {"GRADER_USERNS": "0"})
    assert data and data["error"] is None, done.stdout + done.stderr
    tests = [t for d in data["days"] for tp in d["topics"] for t in tp["tests"]]
    assert all(t["status"] == "passed" for t in tests if t["function"] != "grid"), \
        [(t["id"], t["message"]) for t in tests if t["status"] != "passed" and t["function"] != "grid"]
    assert account.processes() == []

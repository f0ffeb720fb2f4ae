"""Hostile and broken submissions (tests/hostile/*.case), graded end to end.

Each case is a small change to the reference solution tree with its expected verdict: which
functions lose their points (all others keep theirs), the status of their checks and a substring
of the message. Cases are graded in-process through `grading.grade` (several independent cases per
run, one per topic, so the suite stays fast); a few go through the real CLI in a subprocess.
For every run: bounded time, a report that validates, and no process left behind.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from grader.grading import job as grading, runner, session
from grader.sandbox import isolation, processes
from grader import report
from grader.course import Course, parse_course

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "hostile"
DAY = "day1"
TIMEOUT = 2.0          # per-call limit written into the test course (the real course says 5 s)
RUN_LIMIT = 90.0       # one in-process grading run must end within this (wall clock)
CLI_LIMIT = 240.0


# ------------------------------------------------------------------ the corpus
@dataclass(frozen=True)
class Edit:
    """One change to the solution tree: `how` is append | replace | new | symlink | symlink_dir |
    directory | non_utf8 | crlf_bom | large."""
    path: str
    how: str
    body: str


@dataclass(frozen=True)
class Case:
    name: str
    title: str
    lose: tuple[str, ...]      # functions that must get no points ("*": every function of the topic)
    status: tuple[str, ...]    # allowed statuses of their checks
    message: str               # substring every one of their messages must contain ("a|b": either)
    edits: tuple[Edit, ...]
    solo: bool = False         # graded in a run of its own (resource hogs)
    slow: bool = False
    cli: bool = False          # graded through `python -m grader.cli` in a subprocess
    absent: tuple[str, ...] = ()   # paths that must not exist after grading
    root: bool = False         # relies on what only a root grader can do (uid drop, hidden folders)
    lose_some: tuple[str, ...] = ()   # functions that must lose some (not necessarily all) points
    backends: tuple[str, ...] = ("fork",)   # sandbox backends the case is graded under (fork, spawn)

    @property
    def topic(self) -> str:
        files = [e.path for e in self.edits if re.fullmatch(r"day\d+/\w+\.py", e.path)]
        return files[0][:-3].replace("/", ".")


_HEADER = re.compile(r"^# (\w+): ?(.*)$")
_SECTION = re.compile(r"^# --- (\S+) \((\w+)\)\s*$")


def load_case(path: Path) -> Case:
    """Parse a .case file: `# key: value` header lines, then `# --- <file> (<how>)` sections."""
    meta, edits, current, lines = {}, [], None, []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        section = _SECTION.match(line)
        if section:
            if current:
                edits.append(Edit(current[0], current[1], "".join(lines)))
            current, lines = section.groups(), []
        elif current:
            lines.append(line)
        elif _HEADER.match(line):
            key, value = _HEADER.match(line).groups()
            meta[key] = value.strip()
    if current:
        edits.append(Edit(current[0], current[1], "".join(lines)))
    lose = tuple(x for x in meta.get("lose", "").replace(",", " ").split() if x != "none")
    return Case(name=path.stem, title=meta.get("title", path.stem), lose=lose,
                status=tuple(meta.get("status", "failed").split("|")), message=meta.get("message", ""),
                edits=tuple(edits), solo="solo" in meta.get("run", ""), slow="slow" in meta.get("run", ""),
                cli="cli" in meta.get("run", ""),
                absent=tuple(meta.get("absent", "").split()), root=meta.get("needs") == "root",
                lose_some=tuple(meta.get("lose_some", "").replace(",", " ").split()),
                backends=tuple(meta.get("backends", "fork").replace(",", " ").split()))


CASES = [load_case(p) for p in sorted(CORPUS.glob("*.case"))]
AS_ROOT = os.geteuid() == 0
SETTING = isolation.available_setting()   # root | userns | none (GRADER_USERNS=0: never userns)
ISOLATED = SETTING in ("root", "userns")
RUNNABLE = [c for c in CASES if ISOLATED or not c.root]   # unisolated, kill(-1) would hit the grader


def substitute(text: str, tokens: dict[str, str]) -> str:
    for key, value in tokens.items():
        text = text.replace(f"@{key}@", value)
    return text


def apply_case(case: Case, tree: Path, tokens: dict[str, str]) -> None:
    """Change the copied solution tree the way the case says."""
    for edit in case.edits:
        target = tree / edit.path
        body = substitute(edit.body, tokens)
        target.parent.mkdir(parents=True, exist_ok=True)
        if edit.how in ("symlink", "directory", "replace", "new", "large") and (target.exists() or target.is_symlink()):
            shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
        if edit.how == "append":
            with open(target, "a", encoding="utf-8") as fh:
                fh.write("\n" + body)
        elif edit.how in ("replace", "new"):
            target.write_text(body, encoding="utf-8")
        elif edit.how == "symlink":
            target.symlink_to(body.strip())
        elif edit.how == "symlink_dir":   # the file's whole folder becomes a link
            shutil.rmtree(target.parent)
            target.parent.symlink_to(body.strip())
        elif edit.how == "directory":
            target.mkdir()
            (target / "__init__.py").write_text(body, encoding="utf-8")
        elif edit.how == "non_utf8":
            with open(target, "ab") as fh:
                fh.write(body.encode("utf-8").replace(b"@XFF@", b"\xff\xfe").replace(b"@XE9@", b"\xe9"))
        elif edit.how == "crlf_bom":
            source = (REPO / "solutions" / edit.path).read_text(encoding="utf-8")
            target.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
        elif edit.how == "large":
            source = (REPO / "solutions" / edit.path).read_text(encoding="utf-8")
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(source)
                line = "# " + "padding " * 12 + "\n"
                fh.write(line * (50 * 2**20 // len(line)))
        else:
            raise ValueError(f"{case.name}: unknown edit kind {edit.how!r}")


def batches(cases: list[Case], cli: bool = False) -> list[list[Case]]:
    """Runs to grade (in-process, or through the CLI): at most one case per topic in a run; solo and slow
    cases alone."""
    runs: list[list[Case]] = []
    for case in cases:
        if case.cli != cli:
            continue
        if case.solo or case.slow:   # slow ones alone, so `-m "not slow"` really skips their cost
            runs.append([case])
            continue
        home = next((r for r in runs if not (r[0].solo or r[0].slow) and all(c.topic != case.topic for c in r)),
                    None)
        home.append(case) if home is not None else runs.append([case])
    return runs


# ------------------------------------------------------------------ processes
def descendants(pid: int) -> list[tuple[int, str, int]]:
    """(pid, state, uid) of every live descendant of `pid` (zombies excluded)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_bytes()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        uid = int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))
        table[int(entry)] = (int(fields[1]), fields[0].decode(), uid)
    found, frontier = [], {pid}
    while frontier:
        kids = {p for p, (ppid, _, _) in table.items() if ppid in frontier}
        found += [(p, table[p][1], table[p][2]) for p in kids if table[p][1] != "Z"]
        frontier = kids
    return found


def reap_and_sweep() -> list[tuple[int, str, int]]:
    """What is left under this (subreaper) test process; kills and reaps it so the next run starts clean."""
    deadline = time.monotonic() + 3.0
    left = descendants(os.getpid())
    while left and time.monotonic() < deadline:   # dying processes may take a moment
        _reap()
        time.sleep(0.05)
        left = descendants(os.getpid())
    if left:
        processes.kill_descendants(os.getpid())
    _reap()
    return left


def _reap() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="session")
def course() -> Course:
    """The real course with short per-call timeouts (root stays the repo, so solutions/specs are hidden)."""
    data = yaml.safe_load((REPO / "course.yaml").read_text(encoding="utf-8"))
    data["timeout"] = TIMEOUT
    for day in data["days"]:
        for topic in day["topics"]:
            topic["timeout"] = TIMEOUT
    return parse_course(data, REPO)


@dataclass
class Graded:
    report: report.Report
    data: dict
    elapsed: float
    leftovers: list
    tokens: dict


class Grader:
    """Grades each batch once (on first use) and remembers the outcome (`sandbox`: the backend)."""

    def __init__(self, course: Course, base: Path, sandbox: str = "fork") -> None:
        self.course, self.base, self.sandbox = course, base, sandbox
        self.done: dict[int, Graded] = {}
        self.runs = batches([c for c in RUNNABLE if sandbox in c.backends])

    def outcome(self, case: Case) -> Graded:
        index = next(i for i, run in enumerate(self.runs) if case in run)
        if index not in self.done:
            self.done[index] = self._grade(index, self.runs[index])
        return self.done[index]

    def _grade(self, index: int, cases: list[Case]) -> Graded:
        tree = self.base / f"run{index}"
        shutil.copytree(REPO / "solutions" / DAY, tree / DAY)
        tokens = tokens_for(tree)
        for case in cases:
            apply_case(case, tree, tokens)
        topics = [self.course.topic(t) for t in dict.fromkeys(c.topic for c in cases)]
        session.warm_up()
        saved = os.environ.get("GRADE_SANDBOX")
        os.environ["GRADE_SANDBOX"] = self.sandbox
        start = time.monotonic()
        try:
            result = grading.grade(self.course, tree, topics, seed=4242, student="hostile", target="hostile")
        finally:
            os.environ.pop("GRADE_SANDBOX") if saved is None else os.environ.__setitem__("GRADE_SANDBOX", saved)
        elapsed = time.monotonic() - start
        return Graded(result, report.to_dict(result), elapsed, reap_and_sweep(), tokens)


def tokens_for(tree: Path) -> dict[str, str]:
    token = uuid.uuid4().hex[:12]
    return {"REPO": str(REPO), "TOKEN": token, "TREE": str(tree),
            "FORGED": str(REPO / "reports" / f"hostile-{token}.json")}


@pytest.fixture(scope="session")
def subreaper():
    """Whatever escapes the grader is re-parented to this test process, where the checks can see it."""
    processes.become_subreaper()
    yield
    processes.become_subreaper(False)


@pytest.fixture(scope="session")
def grader_runs(course, tmp_path_factory, subreaper):
    return Grader(course, tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def spawn_runs(course, tmp_path_factory, subreaper):
    return Grader(course, tmp_path_factory.mktemp("hostile-spawn"), sandbox="spawn")


# ------------------------------------------------------------------ checks
def check_verdict(case: Case, course: Course, data: dict, tokens: dict) -> None:
    """The case's functions got nothing with the expected status and message; all others full points."""
    topic = course.topic(case.topic)
    lose = {f.name for f in topic.functions} if "*" in case.lose else set(case.lose)
    assert lose <= {f.name for f in topic.functions}, f"{case.name}: unknown function in lose: {lose}"
    entry = next(t for d in data["days"] for t in d["topics"] if t["id"] == topic.id)
    seen, wanted = set(), substitute(case.message, tokens).lower().split("|")
    for test in entry["tests"]:
        fn = test["function"]
        seen.add(fn)
        where = f"{case.name}: {test['id']} [{test['status']}] {test['message']!r}"
        if fn in lose and test["public"] and test["status"] == "passed":
            assert test["score"] == 0, where  # e.g. the notes' own example, hard-coded: no points for it
        elif fn in lose or (fn in case.lose_some and test["status"] != "passed"):
            assert test["score"] == 0 and test["status"] != "passed", where
            assert test["status"] in case.status, where
            assert any(w in test["message"].lower() for w in wanted), where
        else:
            assert test["status"] == "passed" and test["score"] == test["max_score"], where
    assert seen == {f.name for f in topic.functions}, f"{case.name}: functions missing from the report"
    for fn in case.lose_some:
        assert any(t["status"] != "passed" for t in entry["tests"] if t["function"] == fn), f"{case.name}: {fn}"
    expected = sum(f.points for f in topic.functions if f.name not in lose)
    assert entry["score"] == pytest.approx(expected, abs=1e-4) if not case.lose_some else entry["score"] < expected

    for path in case.absent:
        assert not Path(substitute(path, tokens)).exists(), f"{case.name}: {path} was written"


def _param(case: Case):
    marks = [pytest.mark.slow] if case.slow or case.cli else []
    if case.root and not ISOLATED:
        marks.append(pytest.mark.skip(reason="needs an isolated grader (root, or unprivileged user namespaces)"))
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES if not c.cli and "fork" in c.backends])
def test_hostile_case(case, course, grader_runs):
    outcome = grader_runs.outcome(case)
    report.validate(outcome.data)
    assert outcome.data["error"] is None, outcome.data["error"]
    assert outcome.elapsed < RUN_LIMIT, f"grading took {outcome.elapsed:.1f} s"
    assert outcome.leftovers == [], f"processes left behind: {outcome.leftovers}"
    assert outcome.data["isolation"]["setting"] == SETTING
    assert outcome.data["isolation"]["full"] is ISOLATED, outcome.data["isolation"]
    check_verdict(case, course, outcome.data, outcome.tokens)


SPAWN_RUN_LIMIT = 300.0  # a spawned worker costs seconds (torch imported again), and a crash costs one


@pytest.mark.slow
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES
                                  if "spawn" in c.backends and not c.cli and (AS_ROOT or not c.root)])
def test_hostile_case_spawn(case, course, spawn_runs):
    """The cases that make sense without fork (`# backends: fork spawn`) reach the same verdict with
    spawned workers (GRADE_SANDBOX=spawn: what Windows and macOS get)."""
    outcome = spawn_runs.outcome(case)
    report.validate(outcome.data)
    assert outcome.data["error"] is None, outcome.data["error"]
    assert outcome.data["isolation"]["backend"] == "spawn"
    assert outcome.elapsed < SPAWN_RUN_LIMIT, f"grading took {outcome.elapsed:.1f} s"
    assert outcome.leftovers == [], f"processes left behind: {outcome.leftovers}"
    check_verdict(case, course, outcome.data, outcome.tokens)


# ------------------------------------------------------------------ through the real CLI
@dataclass
class CliRun:
    proc: subprocess.CompletedProcess
    elapsed: float
    report_path: Path
    tokens: dict
    leftovers: list


class CliGrader:
    """Grades each batch of CLI cases with one `python -m grader.cli day1` (the report path sits in a
    world-writable folder outside the test's private tmp, so student code could try to reach it)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.runs = batches(RUNNABLE, cli=True)
        self.done: dict[int, CliRun] = {}

    def outcome(self, case: Case) -> CliRun:
        index = next(i for i, run in enumerate(self.runs) if case in run)
        if index not in self.done:
            self.done[index] = self._grade(index, self.runs[index])
        return self.done[index]

    def _grade(self, index: int, cases: list[Case]) -> CliRun:
        tree = self.base / f"cli{index}"
        shutil.copytree(REPO / "solutions" / DAY, tree / DAY)
        folder = Path("/var/tmp") / f"hostile-{uuid.uuid4().hex[:12]}"
        folder.mkdir(mode=0o1777)
        folder.chmod(0o1777)
        tokens = {**tokens_for(tree), "REPORT": str(folder / "report.json")}
        for case in cases:
            apply_case(case, tree, tokens)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "grader.cli", DAY, "--exercises", str(tree),
                               "--report", tokens["REPORT"], "--student", "hostile"], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=CLI_LIMIT)
        elapsed = time.monotonic() - start
        time.sleep(1.5)   # anything that outlived the grader would rewrite the report now
        return CliRun(proc, elapsed, Path(tokens["REPORT"]), tokens, reap_and_sweep())


@pytest.fixture(scope="session")
def cli_runs(tmp_path_factory, subreaper):
    grader = CliGrader(tmp_path_factory.mktemp("hostile-cli"))
    yield grader
    for run in grader.done.values():
        shutil.rmtree(run.report_path.parent, ignore_errors=True)


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.cli])
def test_hostile_case_cli(case, cli_runs):
    """`python -m grader.cli` as an instructor runs it: exit 1, a genuine report, nothing forged."""
    course = parse_course(yaml.safe_load((REPO / "course.yaml").read_text(encoding="utf-8")), REPO)
    run = cli_runs.outcome(case)
    proc = run.proc
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    # what the student's code printed is shown, labelled ("          | …"); nothing else may carry it
    grader_lines = [line for line in proc.stdout.splitlines() if not line.startswith("          | ")]
    assert "FORGED" not in "\n".join(grader_lines) and "FORGED" not in proc.stderr, proc.stdout
    assert run.elapsed < CLI_LIMIT
    assert run.leftovers == [], f"processes left behind by the CLI: {run.leftovers}"
    data = report.load(run.report_path)   # validates against the schema
    assert data["student"] == "hostile" and data["score"] < data["max_score"]
    assert "FORGED" not in json.dumps(without_student_output(data))
    check_verdict(case, course, data, run.tokens)


def without_student_output(data: dict) -> dict:
    """The report minus what the student's code printed (kept, labelled, in each test's `output`)."""
    for day in data["days"]:
        for topic in day["topics"]:
            for test in topic["tests"]:
                test.pop("output", None)
    return data


def test_corpus_is_well_formed(course):
    """Every case names a day-1 topic, known functions and statuses, and the corpus covers enough."""
    assert len(CASES) >= 40
    for case in CASES:
        topic = course.topic(case.topic)
        assert topic is not None, case.name
        names = {f.name for f in topic.functions}
        assert set(case.lose) - {"*"} <= names and set(case.lose_some) <= names, case.name
        assert set(case.status) <= {"failed", "error", "timeout"}, case.name
        assert case.backends and set(case.backends) <= {"fork", "spawn"}, case.name
        assert case.message or not (case.lose or case.lose_some), f"{case.name}: say what the message must contain"

"""The student handout: which files ship, building it in a fresh folder, and a leak check by content.

Ships: the exercise stubs, course.yaml, pyproject.toml, a student README, and the grader package
with only the public specs and the quiz banks: a practice bank with its hashes and explanations,
a graded bank (course.yaml `quizzes:`) in its graded form, without either. Never ships:
solutions/, hidden spec files, the quiz answer key, grader modules named `*_hidden.py`, tests/,
reports/, answers/. `find_leaks` checks the result by content (no solution function body, no
hidden test name, no plain quiz answer, and nothing of a graded bank's key: none of its answer
hashes, explanations or verify snippets anywhere) and `missing_imports` that every shipped grader
module it imports is there.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from grader import paths
from grader.course import Course

PACKAGE_DIR = paths.PACKAGE
_SKIP_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache"}
_SPEC_EXTRAS = {"pytest.ini", "__init__.py"}
_MIN_BODY = 16  # shorter solution bodies ("return x") are too generic to call a leak
_MIN_EXPLANATION = 12  # shorter explanation texts are too generic to call a leak
GITIGNORE = "__pycache__/\n*.egg-info/\n*.pyc\n.venv/\nreports/\n*.zip\n"


class HandoutError(Exception):
    """The handout cannot be built (or would leak); the message says what to fix."""


@dataclass(frozen=True)
class Built:
    out: Path
    files: int
    stubs: int
    public_specs: int
    hidden_specs_left_out: int
    quiz_banks: int
    graded_quizzes: tuple[str, ...] = ()


def ships(rel: Path) -> bool:
    """Whether a file of the grader package (path relative to it) belongs in the handout."""
    if _SKIP_PARTS & set(rel.parts) or rel.suffix in (".pyc", ".pyo"):
        return False
    if rel.parts[:2] == ("quizzes", "key") or rel.stem.endswith("_hidden"):
        return False  # the answer key; instructor-only helpers (e.g. grader/probes/day3_hidden.py)
    if rel.parts[0] == "specs":
        return rel.name in _SPEC_EXTRAS or (paths.is_spec_name(rel.name) and paths.is_public_spec(rel))
    return True


def hidden_specs(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Spec files that stay with the instructor."""
    specs = package_dir / "specs"
    return sorted(p for p in specs.rglob("*") if p.is_file() and not ships(p.relative_to(package_dir)))


def plan(course: Course, package_dir: Path = PACKAGE_DIR) -> list[tuple[Path, str]]:
    """(source, path in the handout) for every file to ship; HandoutError when something is missing."""
    root = course.root
    if not (root / "pyproject.toml").is_file():
        raise HandoutError(f"{root / 'pyproject.toml'} not found; the handout needs it for `pip install -e`")
    missing = [t.file for t in course.topics if not (course.exercises / t.file).is_file()]
    if missing:
        raise HandoutError(f"exercise stub exercises/{missing[0]} is missing; write the stub first")
    files = [(root / "course.yaml", "course.yaml"), (root / "pyproject.toml", "pyproject.toml")]
    files += [(p, f"exercises/{p.relative_to(course.exercises).as_posix()}") for p in _walk(course.exercises)]
    files += [(p, f"grader/{p.relative_to(package_dir).as_posix()}") for p in _walk(package_dir)
              if ships(p.relative_to(package_dir))]
    return files


def build(course: Course, out: Path, package_dir: Path = PACKAGE_DIR) -> Built:
    """Write the handout into `out` (absent or empty), checking it for leaks before it appears there."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise HandoutError(f"{out} already exists and is not empty; choose a new folder")
    files = plan(course, package_dir)
    graded = graded_banks(course, package_dir)
    rewritten = {f"grader/quizzes/{day}.yaml": _graded_form(day, package_dir) for day in graded}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for src, rel in files:
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            if rel in rewritten:
                (tmp / rel).write_text(rewritten[rel], encoding="utf-8")
            else:
                shutil.copyfile(src, tmp / rel)
        (tmp / "README.md").write_text(readme(course), encoding="utf-8")
        (tmp / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
        leaks = find_leaks(tmp, course.solutions, hidden_specs(package_dir), list(graded.values())) + missing_imports(tmp)
        if leaks:
            raise HandoutError("refusing to build the handout: " + "; ".join(leaks[:5])
                               + (f" (+{len(leaks) - 5} more)" if len(leaks) > 5 else "") + "; nothing was written")
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rels = [rel for _, rel in files]
    return Built(out=out, files=len(files) + 2, stubs=sum(r.startswith("exercises/") and r.endswith(".py") for r in rels),
                 public_specs=sum(r.startswith("grader/specs/") and paths.is_public_spec(r) for r in rels),
                 hidden_specs_left_out=sum(paths.is_spec_name(p.name) for p in hidden_specs(package_dir)),
                 quiz_banks=sum(r.startswith("grader/quizzes/") and r.endswith(".yaml") for r in rels),
                 graded_quizzes=tuple(graded))


def graded_banks(course: Course, package_dir: Path = PACKAGE_DIR) -> dict[str, tuple[Path, Path]]:
    """Day -> (bank, key) of every day whose quiz is graded and has a bank in the package."""
    quizzes = Path(package_dir) / "quizzes"
    return {d.id: (quizzes / f"{d.id}.yaml", quizzes / "key" / f"{d.id}.yaml") for d in course.days
            if course.quiz_mode(d.id) == "graded" and (quizzes / f"{d.id}.yaml").is_file()}


def _graded_form(day: str, package_dir: Path) -> str:
    from grader.quiz.bank import QuizError, handout_form
    try:
        return handout_form(day, Path(package_dir) / "quizzes")
    except QuizError as exc:
        raise HandoutError(f"the graded quiz bank of {day} cannot be read: {exc}") from None


def readme(course: Course) -> str:
    """The student README: the template with this course's title and days filled in."""
    days = "\n".join(f"- `{d.id}` {d.title.zh} / {d.title.en}: "
                     + ", ".join(f"`{t.name}`" for t in d.topics) for d in course.days)
    text = paths.STUDENT_README.read_text(encoding="utf-8")
    return (text.replace("{{TITLE_ZH}}", course.title.zh).replace("{{TITLE_EN}}", course.title.en)
            .replace("{{DAYS}}", days).replace("{{FIRST_DAY}}", course.days[0].id))


# ---------------------------------------------------------------- leak check (by content)
def find_leaks(out: Path, solutions: Path, hidden: list[Path], graded: list[tuple[Path, Path]] = ()) -> list[str]:
    """What in `out` came from a solution, a hidden spec or a quiz key, or from what a graded bank
    must not give away (`graded`: its source bank and key files); empty when nothing did."""
    raw = dict(_texts(out))
    texts = {p: _normalise(t) for p, t in raw.items()}
    leaks = []
    for path, name, body in _solution_bodies(solutions):
        for where, text in texts.items():
            if f"\n{body}\n" in text:
                leaks.append(f"{where.relative_to(out)} contains the body of {name}() from {path.name}")
    names = {n for p in hidden for n in re.findall(r"^\s*(?:async\s+)?def\s+(test_\w+)", _read(p), re.M)}
    for where, text in raw.items():  # one pass per file: every whole word `test_…` in it
        for name in sorted(names & set(re.findall(r"\btest_\w+", text))):
            leaks.append(f"{where.relative_to(out)} names hidden check {name}")
    leaks += [f"{p.relative_to(out)} holds plain quiz answers" for p in (out / "grader" / "quizzes").rglob("*.yaml")
              if _has_plain_answers(p)]
    if (out / "grader" / "quizzes" / "key").exists() or (out / "solutions").exists():
        leaks.append("a quiz key or solutions folder is present")
    flat = {p: " ".join(t.split()) for p, t in raw.items()}
    for bank, key in graded:
        for kind, secret in _graded_secrets(bank, key):
            needle = " ".join(secret.split())
            for where, text in flat.items():
                if needle in text:
                    leaks.append(f"{where.relative_to(out)} contains {kind} of the graded quiz {bank.stem}")
    return leaks


def _graded_secrets(bank: Path, key: Path):
    """(what, text) of everything a graded bank's handout must not contain: every answer hash and
    explanation of the bank, and the key's answers' verify snippets (their longer lines)."""
    text = _read(bank) if Path(bank).is_file() else ""
    for digest in sorted(set(re.findall(r"\b[0-9a-f]{64}\b", text))):
        yield "an answer hash", digest
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        doc = {}
    for q in doc.get("questions") or [] if isinstance(doc, dict) else []:
        explanation = q.get("explanation") if isinstance(q, dict) else None
        parts = explanation.values() if isinstance(explanation, dict) else [explanation] if explanation else []
        for part in parts:
            if isinstance(part, str) and len(part.strip()) >= _MIN_EXPLANATION:
                yield "an explanation", part.strip()
    try:
        entries = (yaml.safe_load(_read(key)) or {}).get("questions") or {} if Path(key).is_file() else {}
    except (yaml.YAMLError, AttributeError):
        entries = {}
    shipped = " ".join(text.split())  # the question code a snippet repeats ships anyway
    for entry in entries.values() if isinstance(entries, dict) else []:
        verify = entry.get("verify") if isinstance(entry, dict) else None
        if not isinstance(verify, str):
            continue
        if len(verify.strip()) >= 40:
            yield "an answer key snippet", verify.strip()
        for line in verify.splitlines():  # the lines that compute the answer itself
            if re.match(r"\s*answer\s*=", line) and len(line.strip()) >= 24 and " ".join(line.split()) not in shipped:
                yield "a line of the answer key", line.strip()


def missing_imports(out: Path) -> list[str]:
    """Imports of grader modules, in shipped files, that the handout does not contain."""
    problems = []
    for path in sorted((out / "grader").rglob("*.py")):
        try:
            tree = ast.parse(_read(path))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                parts = name.split(".")
                if parts[0] == "grader" and len(parts) > 1 and not _module_in(out, parts):
                    problems.append(f"{path.relative_to(out)} imports {name}, which is not in the handout")
    return problems


def _module_in(out: Path, parts: list[str]) -> bool:
    base = out.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def _solution_bodies(solutions: Path):
    """(file, function name, normalised body without docstring) of each solution function."""
    for path in sorted(Path(solutions).rglob("*.py")) if Path(solutions).is_dir() else []:
        source = _read(path)
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                stmts = node.body[1:] if ast.get_docstring(node) is not None else node.body
                body = _normalise("\n".join(ast.get_source_segment(source, s, padded=False) or "" for s in stmts))
                if len(body.strip()) >= _MIN_BODY:
                    yield path, node.name, body.strip("\n")


def _has_plain_answers(path: Path) -> bool:
    try:
        data = yaml.safe_load(_read(path))
    except yaml.YAMLError:
        return False
    questions = data.get("questions") if isinstance(data, dict) else None
    items = questions.values() if isinstance(questions, dict) else questions if isinstance(questions, list) else []
    return any(isinstance(q, dict) and ({"answer", "answers", "verify"} & set(q)) for q in items)


def _normalise(text: str) -> str:
    """Stripped lines without blanks or comment-only lines, framed by newlines."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n" + "\n".join(x for x in lines if x and not x.startswith("#")) + "\n"


def _texts(folder: Path):
    for path in _walk(folder):
        try:
            yield path, path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue


def _read(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


def _walk(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file()
                  and not (_SKIP_PARTS & set(p.relative_to(folder).parts)) and p.suffix not in (".pyc", ".pyo"))

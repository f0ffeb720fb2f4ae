"""Course content follows the catalogue: exact signatures, stubs with TODOs, bilingual text, hints."""
import ast
import re
from pathlib import Path

import pytest

from grader.course import load_course

ROOT = Path(__file__).resolve().parents[1]
COURSE = load_course(ROOT)
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")


def catalogue() -> list[tuple[str, str]]:
    rows = []
    for line in (Path(__file__).parent / "data" / "catalogue_signatures.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            file, sig = line.split("\t")
            rows.append((file, sig))
    return rows


def parse_signature(sig: str) -> ast.FunctionDef:
    return ast.parse(f"def {sig}: pass").body[0]


def functions_of(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def shape_of(fn: ast.FunctionDef) -> tuple:
    args = fn.args
    defaults = [ast.unparse(d) for d in args.defaults]
    return ([a.arg for a in args.posonlyargs + args.args], defaults, args.vararg is None, args.kwarg is None)


@pytest.mark.parametrize("tree", ["exercises", "solutions"])
@pytest.mark.parametrize("file, sig", catalogue(), ids=lambda v: v if "/" in str(v) else str(v).split("(")[0])
def test_signature_matches_catalogue(tree, file, sig):
    expected = parse_signature(sig)
    found = functions_of(ROOT / tree / file).get(expected.name)
    assert found is not None, f"{tree}/{file} lacks {expected.name}()"
    assert shape_of(found) == shape_of(expected), f"{tree}/{file}: {expected.name} signature differs from {sig}"
    assert found.returns is not None, f"{tree}/{file}: {expected.name} needs a return annotation"
    for want, got in zip(expected.args.args, found.args.args):
        assert want.annotation is None or got.annotation is not None, f"{expected.name}: annotate {got.arg}"


def test_course_lists_exactly_the_catalogue_functions():
    in_course = {(t.file, f.name) for t in COURSE.topics for f in t.functions}
    in_catalogue = {(file, parse_signature(sig).name) for file, sig in catalogue()}
    assert in_course == in_catalogue


@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_stub_functions_are_todo_with_bilingual_docstrings(topic):
    path = ROOT / "exercises" / topic.file
    source = path.read_text(encoding="utf-8")
    module_doc = ast.get_docstring(ast.parse(source)) or ""
    assert CJK.search(module_doc) and LATIN.search(module_doc), f"{path}: module docstring must be 中文 + English"
    for name, fn in functions_of(path).items():
        if topic.function(name) is None:
            continue
        doc = ast.get_docstring(fn) or ""
        assert CJK.search(doc) and LATIN.search(doc), f"{path}: {name} docstring must be 中文 + English"
        body = ast.get_source_segment(source, fn)
        assert "# TODO" in body, f"{path}: {name} has no # TODO"
        raises = [n for n in ast.walk(fn) if isinstance(n, ast.Raise)]
        assert any("NotImplementedError" in ast.unparse(r) for r in raises), f"{path}: {name} must raise NotImplementedError"


@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_solutions_have_no_todo_left(topic):
    source = (ROOT / "solutions" / topic.file).read_text(encoding="utf-8")
    assert "NotImplementedError" not in source and "# TODO" not in source


@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_every_topic_and_function_has_a_bilingual_hint(topic):
    hints = [("topic", topic.hint)] + [(f.name, f.hint) for f in topic.functions]
    for name, hint in hints:
        assert hint is not None, f"{topic.id}: {name} has no hint"
        assert "TODO" not in hint.zh + hint.en, f"{topic.id}: {name} hint is still TODO"
        assert CJK.search(hint.zh) and LATIN.search(hint.en), f"{topic.id}: {name} hint must be 中文 then English"


@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.id)
def test_every_function_has_a_hidden_and_some_topic_has_public_specs(topic):
    specs = ROOT / "grader" / "specs" / topic.day
    hidden, public = specs / f"test_{topic.name}.py", specs / f"test_{topic.name}_public.py"
    assert hidden.is_file() and public.is_file()
    marked = set(re.findall(r'@function\(\s*"(\w+)"', hidden.read_text() + public.read_text()))
    missing = {f.name for f in topic.functions} - marked
    assert not missing, f"{topic.id}: no spec for {sorted(missing)}"
    assert "solutions" not in public.read_text() and "import solutions" not in hidden.read_text()

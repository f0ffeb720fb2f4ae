"""The package's shape: no import cycle (imports inside functions count too), commands stand alone,
a short top level, and every rule of issue 12 with one owner."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "grader"
FLAT_LIMIT = 13  # top-level modules besides the subpackages (__init__ included)


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every grader module except specs (pytest files, imported by pytest, not by the grader)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "specs" not in path.relative_to(PACKAGE).parts:
            found[module_name(path)] = path
    return found


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """grader modules that `path` imports anywhere in it (module level or inside functions)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names]
            # `from grader import paths` imports the submodule; the package itself is a target only
            # for a name defined in it (`from grader import __version__`), as `import grader.paths` is.
            targets = names + ([base] if any(n not in known for n in names) else [])
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(path, name, set(mods)) for name, path in mods.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    sys.setrecursionlimit(10_000)
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _package_parents(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Importing `grader.a.b` runs `grader/a/__init__.py` first: count that edge too."""
    full = {k: set(v) for k, v in edges.items()}
    for name, targets in edges.items():
        for t in targets:
            parent = t.rpartition(".")[0]
            if parent in edges and parent != name and parent != "grader":
                full[name].add(parent)
    return full


def test_no_import_cycle():
    assert cycles(_package_parents(graph())) == []


def test_commands_never_import_the_cli_or_each_other():
    bad = []
    for name, targets in graph().items():
        if name.startswith("grader.commands.") and name != "grader.commands.common":
            bad += [f"{name} -> {t}" for t in targets
                    if t == "grader.cli" or (t.startswith("grader.commands.") and t != "grader.commands.common")]
    assert bad == []


def test_top_level_is_short():
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(flat) <= FLAT_LIMIT, flat


def test_from_package_import_submodule_is_an_edge_to_the_submodule_only(tmp_path):
    known = {"grader", "grader.paths", "grader.report"}
    probe = tmp_path / "x.py"
    probe.write_text("from grader import paths\n")
    assert imports_of(probe, "grader.x", known) == {"grader.paths"}
    probe.write_text("from grader import __version__, report\n")
    assert imports_of(probe, "grader.x", known) == {"grader", "grader.report"}


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


if __name__ == "__main__":  # python tests/test_architecture.py: the figures for a note
    g = _package_parents(graph())
    print(f"modules {len(g)}, edges {sum(map(len, g.values()))}, cycles {len(cycles(g))}: {cycles(g)}")

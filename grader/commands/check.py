"""`grade check` (instructors): every solution full marks, every stub zero, every function tested
and hinted, every topic with a public check. One table; exit 0 only when everything holds.

Both trees are graded in one warm process (torch imported once, each run a fork of it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from grader import paths
from grader.commands.common import ConfigError, course_from, find_or_exit
from grader.course import Course, Topic, has_hint
from grader.summary import points

_MARKER = re.compile(r"@(?:\w+\.)*function\(\s*['\"]([A-Za-z_]\w*)['\"]")


@dataclass
class TopicCheck:
    """What `grade check` found for one topic; `problems` is empty when everything holds."""
    topic: Topic
    solution: float = 0.0
    stub: float = 0.0
    tested: int = 0               # course functions with at least one check
    public_checks: int = 0
    hinted: int = 0               # topic + functions with a written hint
    mutants: tuple[int, int, int] | None = None  # (known-wrong variants, failing a public check, losing points)
    problems: list[str] = field(default_factory=list)


def spec_markers(topic: Topic, specs_dir: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Count `@function("name")` markers in the topic's (hidden, public) spec files."""
    hidden, public = {}, {}
    for is_public, counts in ((False, hidden), (True, public)):
        path = paths.spec_file(specs_dir, topic.day, topic.name, is_public)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for name in _MARKER.findall(text):
            counts[name] = counts.get(name, 0) + 1
    return hidden, public


def check_static(topic: Topic, specs_dir: Path) -> TopicCheck:
    """Coverage by spec markers, public checks and hints (no grading)."""
    hidden, public = spec_markers(topic, specs_dir)
    result = TopicCheck(topic)
    names = [f.name for f in topic.functions]
    untested = [n for n in names if not hidden.get(n) and not public.get(n)]
    result.tested = len(names) - len(untested)
    result.public_checks = sum(public.values())
    if untested:
        result.problems.append(f"no check for {_few(untested)}")
    unknown = sorted((set(hidden) | set(public)) - set(names))
    if unknown:
        result.problems.append(f"specs mark unknown function(s) {_few(unknown)}")
    no_public = [n for n in names if not public.get(n)]
    if no_public:
        result.problems.append(f"no public check for {_few(no_public)} (students could not check it before handing in)")
    unhinted = ([] if has_hint(topic.hint) else ["the topic"]) + [f.name for f in topic.functions if not has_hint(f.hint)]
    result.hinted = len(names) + 1 - len(unhinted)
    if unhinted:
        result.problems.append(f"hint missing or TODO for {_few(unhinted)}")
    return result


def add_grades(result: TopicCheck, solution, stub) -> TopicCheck:
    """Fold in the graded topic of the solutions and of the stubs (report.TopicResult each)."""
    result.solution, result.stub = solution.score, stub.score
    short = _by_function(solution, lambda got, full: got < full - 1e-6)
    if short:
        fn, message = short[0]
        result.problems.append(f"solution loses points on {_few([f for f, _ in short])}"
                               + (f": {message}" if message else ""))
    scoring = _by_function(stub, lambda got, full: got > 1e-9)
    if scoring:
        result.problems.append(f"stub scores points on {_few([f for f, _ in scoring])} (it should raise NotImplementedError)")
    if solution.message:
        result.problems.append(f"solutions: {solution.message}")
    return result


def add_mutants(result: TopicCheck, verdicts) -> TopicCheck:
    """Fold in how the specs treated the topic's known-wrong variants (grading.mutants.Verdict each)."""
    from grader.grading import mutants
    result.mutants = mutants.rates(verdicts)
    survivors = [v.mutant.path.name for v in verdicts if not v.lost_points]
    if survivors:
        result.problems.append(f"known-wrong variant(s) keep full marks: {_few(survivors)}")
    collateral = sorted({f for v in verdicts for f in v.collateral})
    if collateral:
        result.problems.append(f"correct function(s) lose points next to a wrong one: {_few(collateral)}")
    return result


def _by_function(topic_result, wrong) -> list[tuple[str, str]]:
    """(function, first failing message) for functions whose (got, full) points are `wrong`."""
    totals: dict[str, list] = {}
    for t in topic_result.tests:
        entry = totals.setdefault(t.function, [0.0, 0.0, ""])
        entry[0] += t.score
        entry[1] += t.max_score
        if t.status != "passed" and not entry[2]:
            entry[2] = t.message
    return [(fn, msg[:160]) for fn, (got, full, msg) in totals.items() if wrong(got, full)]


def _few(names: list[str], limit: int = 4) -> str:
    more = f" +{len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def table_lines(results: list[TopicCheck]) -> list[str]:
    width = max([len(r.topic.id) for r in results] + [5])
    head = (f"{'topic':<{width}}  {'solution':>9}  {'stub':>7}  {'tested':>7}  {'public':>6}  {'hints':>6}  "
            f"{'mutants: public':>15}  {'graded':>6}  ")
    lines = [head + "ok", "-" * (len(head) + 4)]
    for r in results:
        n = len(r.topic.functions)
        lines.append(f"{r.topic.id:<{width}}  {points(r.solution) + '/' + str(r.topic.max_score):>9}  "
                     f"{points(r.stub) + '/' + str(r.topic.max_score):>7}  {f'{r.tested}/{n}':>7}  "
                     f"{r.public_checks:>6}  {f'{r.hinted}/{n + 1}':>6}  {_shares(r.mutants)}  "
                     f"{'yes' if not r.problems else 'NO'}")
    measured = [r.mutants for r in results if r.mutants]
    if measured:
        total = tuple(map(sum, zip(*measured)))
        lines.append(f"{'all':<{width}}  {'':>9}  {'':>7}  {'':>7}  {'':>6}  {'':>6}  {_shares(total)}")
    problems = [f"  {r.topic.id}: {p}" for r in results for p in r.problems]
    if problems:
        lines += ["", f"{len(problems)} problem(s):"] + problems
    else:
        lines += ["", f"All {len(results)} topics hold: solutions full marks, stubs zero, every function "
                      "with a public check and a hint."]
    return lines


def _shares(counts: tuple[int, int, int] | None) -> str:
    """'92% (300/322)' for the public and the graded share, or dashes when not measured."""
    if not counts or not counts[0]:
        return f"{'-':>15}  {'-':>6}"
    n, public, graded = counts
    return f"{f'{100 * public / n:.0f}% ({public}/{n})':>15}  {f'{100 * graded / n:.0f}%':>6}"


def grade_all(course: Course, topics: list[Topic], seed: int, specs_dir: Path, mutants_dir: Path | None):
    """Grade the solutions, the stubs and (when `mutants_dir` is given) every known-wrong variant in
    one warm process: (solutions report, stubs report, verdicts per topic id)."""
    from grader.grading import job, mutants
    from grader.grading.session import warm_session

    def grade(tree, topic, seed_):
        return job.grade(course, tree, [topic], seed=seed_, student="mutant", target="check", quiz_days=[],
                         specs_dir=specs_dir)
    with warm_session():
        reports = [job.grade(course, tree, topics, seed=seed, student=who, target="check", quiz_days=[],
                             specs_dir=specs_dir)
                   for tree, who in ((course.solutions, "solutions"), (course.exercises, "stubs"))]
        verdicts = mutants.grade_mutants(course, topics, mutants_dir, grade) if mutants_dir else {}
    return reports[0], reports[1], verdicts


@click.command(name="check", short_help="Instructors: solutions full, stubs zero, specs and hints complete.")
@click.argument("names", nargs=-1)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random inputs.")
@click.option("--no-mutants", is_flag=True, help="Skip grading the known-wrong variants in tests/mutants/.")
@click.pass_context
def check(ctx, names, seed, no_mutants):
    """Check the course (instructors): solutions full marks, stubs zero, every function with a
    public check and a hint, and how the specs treat the known-wrong variants in tests/mutants/
    (the share failing a public check, i.e. seen by students, and the share losing points).

    \b
    grade check               every topic
    grade check day3          one day
    grade check day3 autograd one topic
    """
    course = course_from(ctx)
    for tree in (course.solutions, course.exercises):
        if not tree.is_dir():
            raise ConfigError(f"{tree} not found; grade check needs the course repository with solutions/ and exercises/")
    topics = list(course.topics)
    if names:
        found = find_or_exit(course, names, max_depth=2)
        topics = [found.topic] if found.topic else list(found.day.topics)
    specs_dir = paths.SPECS
    mutants_dir = course.root / "tests" / "mutants"
    mutants_dir = mutants_dir if mutants_dir.is_dir() and not no_mutants else None
    click.echo(f"Grading the solutions, the stubs{' and the known-wrong variants' if mutants_dir else ''} "
               f"of {len(topics)} topic(s) …")
    solutions, stubs, verdicts = grade_all(course, topics, seed, specs_dir, mutants_dir)
    sol = {t.id: t for d in solutions.days for t in d.topics}
    stub = {t.id: t for d in stubs.days for t in d.topics}
    results = [add_grades(check_static(t, specs_dir), sol[t.id], stub[t.id]) for t in topics]
    results = [add_mutants(r, verdicts[r.topic.id]) if r.topic.id in verdicts else r for r in results]
    click.echo("\n".join(table_lines(results)))
    ctx.exit(0 if not any(r.problems for r in results) else 1)

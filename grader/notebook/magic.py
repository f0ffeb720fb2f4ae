"""`%load_ext grader`, then `%grade day1 tensor_basics`: the IPython face of `check`.

Options as for `grade`: `--seed N`, `--student ID`, `--exercises DIR`, `--solutions`, `--course DIR`.
The magic returns the CheckResult, so Jupyter shows its table and a terminal IPython its summary.
"""
from __future__ import annotations

import shlex

from grader.notebook.api import GradeError, check

_VALUED = {"--seed": "seed", "--student": "student", "--exercises": "exercises", "--course": "course"}


def parse(line: str) -> tuple[list[str], dict]:
    """'day1 tensor_basics --seed 3' -> (['day1', 'tensor_basics'], {'seed': 3}); ValueError says why not."""
    words, options = [], {}
    tokens = shlex.split(line)
    while tokens:
        token = tokens.pop(0)
        name, _, value = token.partition("=")
        if name in _VALUED:
            if not value:
                if not tokens:
                    raise ValueError(f"{name} needs a value")
                value = tokens.pop(0)
            options[_VALUED[name]] = int(value) if name == "--seed" else value
        elif token == "--solutions":
            options["solutions"] = True
        elif token.startswith("-"):
            raise ValueError(f"unknown option {token}; use --seed, --student, --exercises, --solutions or --course")
        else:
            words.append(token)
    return words, options


def grade(line: str):
    """%grade DAY [TOPIC [FUNCTION]] [--seed N] [--student ID] [--exercises DIR] [--solutions]"""
    from IPython.core.error import UsageError
    try:
        words, options = parse(line)
        return check(*words, **options)
    except (GradeError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def load_ipython_extension(ipython) -> None:
    ipython.register_magic_function(grade, magic_kind="line", magic_name="grade")

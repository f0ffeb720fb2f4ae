"""Every location inside the grader package, and the spec-file naming rule, in one place.

Modules that need a path ask here instead of computing it from their own `__file__`, so moving a
module can never quietly change what it points at (the sandbox hides the quiz key by this path).
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SPECS = PACKAGE / "specs"
SPECS_INI = SPECS / "pytest.ini"
QUIZZES = PACKAGE / "quizzes"
QUIZ_KEY = QUIZZES / "key"
SCHEMA = PACKAGE / "schema" / "report.schema.json"
TEMPLATES = PACKAGE / "templates"
STUDENT_README = TEMPLATES / "STUDENT_README.md"

PUBLIC_SUFFIX = "_public"


def spec_file(specs_dir: Path, day: str, name: str, public: bool = False) -> Path:
    """The spec file of topic `day.name`: specs/<day>/test_<name>.py, or test_<name>_public.py."""
    return Path(specs_dir) / day / f"test_{name}{PUBLIC_SUFFIX if public else ''}.py"


def spec_files(topic, specs_dir: Path = SPECS) -> list[Path]:
    """The hidden and public spec files of a topic that exist (hidden ones are absent in a handout)."""
    return [p for p in (spec_file(specs_dir, topic.day, topic.name, public) for public in (False, True))
            if p.is_file()]


def is_spec_name(filename: str) -> bool:
    return filename.startswith("test_") and filename.endswith(".py")


def is_public_spec(path) -> bool:
    """Whether a spec file (or a node id in one) holds public checks."""
    return Path(str(path).split("::", 1)[0]).stem.endswith(PUBLIC_SUFFIX)


def topic_of_spec(path: str) -> str:
    """'day1/test_calculus_public.py::test_x' -> 'day1.calculus'; '?' when it is no spec path."""
    parts = str(path).split("::", 1)[0].replace("\\", "/").split("/")
    if len(parts) < 2 or not is_spec_name(parts[-1]):
        return "?"
    name = parts[-1][len("test_"):].removesuffix(".py").removesuffix(PUBLIC_SUFFIX)
    return f"{parts[-2]}.{name}"

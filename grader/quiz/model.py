"""The quiz model: questions, banks as shipped, the instructor's key entries, verdicts."""
from __future__ import annotations

from dataclasses import dataclass

from grader.course import Text


@dataclass(frozen=True)
class Question:
    """One quiz question; `answer_hash` is sha256 of `salt|id|canonical answer`. A graded bank as
    shipped in a handout has neither `answer_hash` nor `explanation` (both None)."""
    id: str
    kind: str
    points: float
    text: Text
    code: str
    choices: tuple[Text, ...]
    explanation: Text | None
    answer_hash: str | None
    tolerance: float = 0.0
    decimals: int = 0


@dataclass(frozen=True)
class Bank:
    """A day's question bank as shipped (no plain answers). `mode` "graded" is the handout form of
    a graded bank: no hashes, no explanations; answers are only recorded."""
    day: str
    course: str
    title: Text
    questions: tuple[Question, ...]
    mode: str = "practice"

    @property
    def salt(self) -> str:
        return f"{self.course}:{self.day}"

    @property
    def max_score(self) -> float:
        return float(sum(q.points for q in self.questions))

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


@dataclass(frozen=True)
class KeyEntry:
    """The instructor's answer (canonical form) and the snippet that recomputes it."""
    answer: str
    verify: str


@dataclass(frozen=True)
class Result:
    """The verdict on one question: status passed|failed|skipped, and why when it failed."""
    id: str
    status: str
    score: float
    max_score: float
    given: str | None
    message: str = ""

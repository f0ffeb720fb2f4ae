"""Quiz internals: answer normalising, hashing, tolerance, bank/key validation, answers files."""
from __future__ import annotations

import copy

import pytest
import yaml

from grader.quiz.bank import (AnswerError, QuizError, answer_hash, is_correct, load_bank, load_key, normalise,
                         rehash_bank)
from grader.quiz.answers import check_answers, read_answers, write_answers

ZERO = "0" * 64
QUESTIONS = [
    {"id": "pick_one", "kind": "single", "question": {"zh": "选一个", "en": "Pick one"},
     "choices": ["x", {"zh": "乙", "en": "y"}, "z"], "explanation": {"zh": "解释", "en": "Why"}},
    {"id": "pick_many", "kind": "multi", "points": 2, "question": {"zh": "多选", "en": "Pick all"},
     "choices": ["p", "q", "r", "s"], "explanation": {"zh": "解释", "en": "Why"}},
    {"id": "a_number", "kind": "numeric", "decimals": 2, "tolerance": 0.02, "question": {"zh": "数", "en": "Number"},
     "explanation": {"zh": "解释", "en": "Why"}},
    {"id": "a_shape", "kind": "shape", "question": {"zh": "形状", "en": "Shape"},
     "explanation": {"zh": "解释", "en": "Why"}},
]
KEY = {"pick_one": "b", "pick_many": ["a", "c"], "a_number": 1.25, "a_shape": "(3, 1)"}


def write_quiz(tmp_path, questions=None, key=KEY, day="day9"):
    """A small bank + key under tmp_path (hashes filled in by rehash_bank); returns (bank_dir, key_dir)."""
    bank_dir, key_dir = tmp_path / "quizzes", tmp_path / "quizzes" / "key"
    key_dir.mkdir(parents=True)
    qs = copy.deepcopy(questions if questions is not None else QUESTIONS)
    for q in qs:
        q.setdefault("answer_hash", ZERO)
    doc = {"day": day, "course": "test-course", "title": {"zh": "测验", "en": "Quiz"}, "questions": qs}
    (bank_dir / f"{day}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    entries = {qid: {"answer": a, "verify": "answer = None"} for qid, a in key.items()}
    (key_dir / f"{day}.yaml").write_text(yaml.safe_dump({"day": day, "questions": entries}))
    return bank_dir, key_dir


@pytest.fixture
def quiz(tmp_path):
    bank_dir, key_dir = write_quiz(tmp_path)
    rehash_bank("day9", bank_dir, key_dir)
    bank = load_bank("day9", bank_dir)
    return bank, load_key(bank, key_dir)


@pytest.mark.parametrize("qid, raw, canonical", [
    ("pick_one", "b", "b"), ("pick_one", " B ", "b"), ("pick_one", "(b)", "b"), ("pick_one", ["b"], "b"),
    ("pick_many", "c,a", "a,c"), ("pick_many", "A C", "a,c"), ("pick_many", "ac", "a,c"),
    ("pick_many", ["c", "a", "a"], "a,c"), ("pick_many", "a; c", "a,c"),
    ("a_number", "1.25", "1.25"), ("a_number", 1.25, "1.25"), ("a_number", "5/4", "1.25"),
    ("a_number", "tensor(1.2500)", "1.25"), ("a_number", 3, "3.0"), ("a_number", "-0", "0.0"),
    ("a_shape", "(3, 1)", "(3, 1)"), ("a_shape", "(3,1)", "(3, 1)"), ("a_shape", "3,1", "(3, 1)"),
    ("a_shape", "torch.Size([3, 1])", "(3, 1)"), ("a_shape", "[3, 1]", "(3, 1)"), ("a_shape", [3, 1], "(3, 1)"),
    ("a_shape", "3x1", "(3, 1)"), ("a_shape", "(3,)", "(3,)"), ("a_shape", 3, "(3,)"), ("a_shape", "()", "()"),
    ("a_shape", "torch.Size([])", "()"),
])
def test_normalise_accepts_common_spellings(quiz, qid, raw, canonical):
    bank, _ = quiz
    assert normalise(bank.question(qid), raw) == canonical


@pytest.mark.parametrize("qid, raw, words", [
    ("pick_one", "d", "'d' is not a choice"), ("pick_one", "ab", "exactly one"), ("pick_one", "1", "not a choice"),
    ("pick_one", "", "empty"), ("pick_many", "a,e", "'e' is not a choice"), ("pick_many", [], "empty"),
    ("a_number", "twelve", "not a number"), ("a_number", "nan", "finite"), ("a_number", "1e300", "finite"),
    ("a_number", "1/0", "not a number"),
    ("a_number", True, "number"), ("a_shape", "(3, -1)", "'-1' is not a size"), ("a_shape", "3.5", "not a size"),
    ("a_shape", {"a": 1}, "shape"), ("a_shape", "   ", "empty"),
])
def test_normalise_rejects_with_a_reason(quiz, qid, raw, words):
    bank, _ = quiz
    with pytest.raises(AnswerError, match=words):
        normalise(bank.question(qid), raw)


def test_hash_depends_on_salt_question_and_answer():
    base = answer_hash("c:day1", "q", "a")
    assert len(base) == 64 and base == answer_hash("c:day1", "q", "a")
    assert len({base, answer_hash("c:day2", "q", "a"), answer_hash("c:day1", "r", "a"),
                answer_hash("c:day1", "q", "b")}) == 4


def test_key_and_hash_agree_on_numeric_tolerance(quiz):
    bank, key = quiz
    q = bank.question("a_number")  # answer 1.25, tolerance 0.02
    for i in range(-300, 301):
        value = repr(1.25 + i * 0.0001)
        expected = abs(float(value) - 1.25) <= 0.02 + 1e-9
        assert is_correct(bank, q, value, key) == expected == is_correct(bank, q, value, None), value


def test_rehash_fills_hashes_and_keeps_layout(tmp_path):
    bank_dir, key_dir = write_quiz(tmp_path)
    before = (bank_dir / "day9.yaml").read_text()
    assert rehash_bank("day9", bank_dir, key_dir) == ["pick_one", "pick_many", "a_number", "a_shape"]
    after = (bank_dir / "day9.yaml").read_text()
    assert len(after.splitlines()) == len(before.splitlines()) and ZERO not in after
    assert rehash_bank("day9", bank_dir, key_dir) == []


@pytest.mark.parametrize("change, words", [
    (lambda qs: qs.append(dict(qs[0])), "'pick_one' appears twice"),
    (lambda qs: qs[0].update(kind="essay"), "kind must be one of"),
    (lambda qs: qs[0]["question"].pop("zh"), "question must have non-empty 'zh' and 'en'"),
    (lambda qs: qs[0].update(choices=["only"]), "at least 2 choices"),
    (lambda qs: qs[2].update(choices=["x", "y"]), "takes no choices"),
    (lambda qs: qs[3].update(answer_hash="abc"), "sha256"),
    (lambda qs: qs[2].update(tolerance=-1), "tolerance"),
    (lambda qs: qs[2].update(decimals=1.5), "decimals"),
    (lambda qs: qs[1].update(points=0), "points"),
    (lambda qs: qs[1].update(id="Bad-Id"), "'id' must look like"),
    (lambda qs: qs[0].pop("explanation"), "explanation"),
])
def test_bank_validation_names_the_question(tmp_path, change, words):
    qs = copy.deepcopy(QUESTIONS)
    change(qs)
    bank_dir, _ = write_quiz(tmp_path, qs)
    with pytest.raises(QuizError, match=words):
        load_bank("day9", bank_dir)


def test_bank_file_problems(tmp_path):
    bank_dir, _ = write_quiz(tmp_path)
    assert load_bank("day8", bank_dir) is None and load_bank("../day9", bank_dir) is None
    (bank_dir / "day9.yaml").write_text("day: day9\nquestions: [\n")
    with pytest.raises(QuizError, match=r"day9.yaml line \d+: not valid YAML"):
        load_bank("day9", bank_dir)
    (bank_dir / "day9.yaml").write_text("day: day7\nquestions: []\n")
    with pytest.raises(QuizError, match="'day' must be 'day9'"):
        load_bank("day9", bank_dir)


@pytest.mark.parametrize("key, words", [
    ({**KEY, "extra": "a"}, "'extra' is not in the bank"),
    ({**KEY, "pick_one": "z"}, "pick_one: answer 'z'"),
    ({**KEY, "a_number": 1.255}, "at most 2 decimals"),
    ({k: v for k, v in KEY.items() if k != "a_shape"}, "a_shape: missing 'answer'"),
])
def test_key_validation(tmp_path, key, words):
    bank_dir, key_dir = write_quiz(tmp_path, key=key)
    with pytest.raises(QuizError, match=words):
        load_key(load_bank("day9", bank_dir), key_dir)


def test_key_absent_means_none(tmp_path):
    bank_dir, key_dir = write_quiz(tmp_path)
    (key_dir / "day9.yaml").unlink()
    assert load_key(load_bank("day9", bank_dir), key_dir) is None


def test_answers_file_round_trip_and_formats(tmp_path, quiz):
    bank, _ = quiz
    path = tmp_path / "answers" / "day9.yaml"
    write_answers(path, "day9", {"pick_one": "b", "pick_many": "a,c", "a_shape": "(3, 1)"})
    answers, lines = read_answers(path, "day9")
    assert answers == {"pick_one": "b", "pick_many": "a,c", "a_shape": "(3, 1)"}
    assert lines["pick_one"] == 4 and list(path.parent.iterdir()) == [path]
    path.write_text("pick_one: b\na_number: 1.25\n")  # the flat form
    assert read_answers(path, "day9") == ({"pick_one": "b", "a_number": 1.25}, {"pick_one": 1, "a_number": 2})
    path.write_text("")
    assert read_answers(path, "day9") == ({}, {})


@pytest.mark.parametrize("text, words", [
    ("- a\n- b\n", "line 1: expected a mapping"),
    ("day: day9\nanswers:\n  pick_one: [b\n", r"line \d+: not valid YAML"),
    ("day: day3\nanswers: {}\n", "line 1: answers are for 'day3', not 'day9'"),
    ("day: day9\nanswers: 5\n", "line 2: 'answers' must map"),
])
def test_malformed_answers_file_names_the_line(tmp_path, text, words):
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(QuizError, match=words):
        read_answers(path, "day9")


def test_strict_check_names_line_and_id(tmp_path, quiz):
    bank, _ = quiz
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  pick_one: b\n  nope: a\n")
    with pytest.raises(QuizError, match="line 3: unknown question id 'nope'"):
        check_answers(bank, *read_answers(path, "day9"), path)
    path.write_text("answers:\n  pick_one: b\n  a_number: lots\n")
    with pytest.raises(QuizError, match="line 3: question 'a_number': 'lots' is not a number"):
        check_answers(bank, *read_answers(path, "day9"), path)
    path.write_text("answers:\n  pick_one: b\n  a_number:\n")  # blank answers are just unanswered
    check_answers(bank, *read_answers(path, "day9"), path)

"""The shipped quiz banks and the instructor's key: valid, in sync, and true to real torch/pandas."""
from __future__ import annotations

import pytest
import torch

from grader.quiz.bank import (BANK_DIR, LETTERS, available_days, expected_hashes, hash_form, is_correct, load_bank,
                         load_key, normalise)

DAYS = ["day1", "day2", "day3", "day4"]


def _pick(claims: dict) -> list[str]:
    """Letters whose claim is true, for verify snippets."""
    return [letter for letter, true in claims.items() if true]


def _raises(fn, exc: type[BaseException] = Exception) -> bool:
    """Whether fn() raises exc, for verify snippets."""
    try:
        fn()
    except exc:
        return True
    return False


def _cases() -> list[tuple[str, str]]:
    return [(day, q.id) for day in DAYS for q in load_bank(day).questions]


def test_every_day_has_a_bank_with_6_to_10_questions():
    assert available_days() == DAYS
    for day in DAYS:
        bank = load_bank(day)
        assert 6 <= len(bank.questions) <= 10, day
        assert {q.kind for q in bank.questions} == {"single", "multi", "numeric", "shape"}, day


def test_banks_are_bilingual_and_complete():
    for day in DAYS:
        for q in load_bank(day).questions:
            for text in (q.text, q.explanation):
                assert text.zh.strip() and text.en.strip() and text.zh != text.en, (day, q.id)
            if q.kind in ("single", "multi"):
                assert len(q.choices) >= 3, (day, q.id)


def test_key_is_complete_and_bank_hashes_match_it():
    for day in DAYS:
        bank, key = load_bank(day), load_key(load_bank(day))
        assert key is not None and set(key) == {q.id for q in bank.questions}
        hashes = expected_hashes(bank, key)
        stale = [f"{q.id}: {hashes[q.id]}" for q in bank.questions if q.answer_hash != hashes[q.id]]
        assert not stale, f"{day}: run `grade quiz {day} --rehash`; stale: {stale}"


def test_shipped_bank_holds_no_plain_answers_or_verify_code():
    for day in DAYS:
        text = (BANK_DIR / f"{day}.yaml").read_text(encoding="utf-8")
        assert "verify:" not in text and "answer:" not in text.replace("answer_hash:", "")


@pytest.mark.parametrize("day, qid", _cases())
def test_key_answer_is_what_the_code_really_does(day, qid):
    bank = load_bank(day)
    key = load_key(bank)
    q = bank.question(qid)
    namespace = {"pick": _pick, "raises": _raises}
    with torch.random.fork_rng():  # snippets may draw random numbers: leave the global RNG alone
        exec(compile(key[qid].verify, f"<verify {day}.{qid}>", "exec"), namespace)  # noqa: S102 - trusted key
    computed = normalise(q, namespace["answer"])
    if q.kind == "numeric":
        assert is_correct(bank, q, computed, key), f"{qid}: computed {computed}, key {key[qid].answer}"
    else:
        assert computed == key[qid].answer, f"{qid}: computed {computed}, key {key[qid].answer}"
    assert is_correct(bank, q, computed, None), f"{qid}: the computed answer fails the bank's hash"


def _spellings(q, answer: str) -> list[object]:
    """Ways a student may write the key's answer."""
    if q.kind == "single":
        return [answer, answer.upper(), f" {answer} ", f"({answer})", f"{answer})", [answer]]
    if q.kind == "multi":
        letters = answer.split(",")
        return [answer, " ".join(reversed(letters)), "".join(letters).upper(), letters, ", ".join(letters)]
    if q.kind == "numeric":
        v, step = float(answer), q.tolerance
        return [v, answer, f"{v:.{q.decimals + 2}f}", f"tensor({v})", v + step * 0.9, v - step * 0.9]
    dims = [int(p) for p in answer.strip("()").split(",") if p.strip()]
    inner = ", ".join(map(str, dims))
    return [answer, answer.replace(" ", ""), inner, f"torch.Size([{inner}])", f"[{inner}]", dims]


def _wrong(q, answer: str) -> list[object]:
    """Plausible wrong answers next to the key's."""
    if q.kind in ("single", "multi"):
        letters = set(answer.split(","))
        others = [c for c in LETTERS[:len(q.choices)] if c not in letters]
        wrong = [[c] for c in others]
        if q.kind == "multi":
            wrong += [sorted(letters - {min(letters)}), sorted(letters | {others[0]})]
        return wrong
    if q.kind == "numeric":
        off = q.tolerance + 10 ** -q.decimals
        return [float(answer) + off, float(answer) - off, -float(answer) or 1.0]
    dims = [int(p) for p in answer.strip("()").split(",") if p.strip()]
    flipped = list(reversed(dims))
    return [flipped if flipped != dims else dims + [2], dims + [1], dims[:-1] or [2]]


@pytest.mark.parametrize("day", DAYS)
def test_hash_check_accepts_spellings_and_rejects_wrong_answers(day):
    bank = load_bank(day)
    key = load_key(bank)
    for q in bank.questions:
        answer = key[q.id].answer
        for spelling in _spellings(q, answer):
            canonical = normalise(q, spelling)
            assert is_correct(bank, q, canonical, None), (q.id, spelling)
            assert is_correct(bank, q, canonical, key), (q.id, spelling)
        for wrong in _wrong(q, answer):
            canonical = normalise(q, wrong)
            assert not is_correct(bank, q, canonical, None), (q.id, wrong)
            assert not is_correct(bank, q, canonical, key), (q.id, wrong)


def test_numeric_hash_form_is_fixed_decimals():
    bank = load_bank("day4")
    q = bank.question("sigmoid_grad_at_6")
    assert hash_form(q, "0.0025") == "0.0025"
    assert hash_form(bank.question("relu_grad_sum"), "3.0") == "3"

"""Specs are tested too: every solution gets full marks, every untouched stub gets zero."""
import pytest

from grading_helpers import COURSE, ROOT, failing_messages, function_scores, grade_tree


@pytest.fixture(scope="module")
def solutions_report():
    return grade_tree(ROOT / "solutions", COURSE.topics, seed=12345)


@pytest.fixture(scope="module")
def stubs_report():
    return grade_tree(ROOT / "exercises", COURSE.topics, seed=12345)


def test_every_solution_scores_full_marks(solutions_report):
    assert solutions_report.error is None
    assert failing_messages(solutions_report) == []
    assert solutions_report.score == solutions_report.max_score == sum(t.max_score for t in COURSE.topics)


def test_every_stub_scores_zero(stubs_report):
    assert stubs_report.max_score == sum(t.max_score for t in COURSE.topics)
    nonzero = {k: v for k, v in function_scores(stubs_report).items() if v[0] > 0}
    assert nonzero == {}
    assert all("not implemented yet" in t.message for t in stubs_report.tests if t.function != "?")


def test_solutions_pass_with_another_seed_too():
    """Random inputs change with the seed; correct code passes for any of them."""
    report = grade_tree(ROOT / "solutions", COURSE.topics, seed=987654321, student="other")
    assert failing_messages(report) == []

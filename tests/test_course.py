"""course.yaml parsing and validation (pure, no processes)."""
from pathlib import Path

import pytest
import yaml

from grader.course import CourseError, find_root, load_course, parse_course

ROOT = Path(__file__).resolve().parents[1]


def minimal(**topic_overrides) -> dict:
    topic = {"id": "day1.calculus", "title": {"zh": "微积分", "en": "Calculus"}, "file": "day1/calculus.py",
             "functions": {"chain_rule": {"points": 2}}}
    topic.update(topic_overrides)
    return {"format": 1, "days": [{"id": "day1", "title": {"zh": "一", "en": "One"}, "topics": [topic]}]}


def test_bundled_course_loads_with_four_days():
    course = load_course(ROOT)
    assert [d.id for d in course.days] == ["day1", "day2", "day3", "day4"]
    assert course.topic("day3.autograd").function("minimize").points > 0
    assert all(t.max_score == sum(f.points for f in t.functions) for t in course.topics)


def test_minimal_course_parses(tmp_path):
    course = parse_course(minimal(), tmp_path)
    topic = course.topic("day1.calculus")
    assert (topic.day, topic.name, topic.timeout, topic.max_score) == ("day1", "calculus", 5.0, 2)


@pytest.mark.parametrize("change, words", [
    ({"functions": {"chain_rule": {"points": "two"}}}, "points"),
    ({"functions": {"chain_rule": {"points": 2, "colour": 1}}}, "unknown key 'colour'"),
    ({"file": "day1/other.py"}, "must be 'day1/calculus.py'"),
    ({"id": "day2.calculus"}, "day1.<name>"),
    ({"timeout": -1}, "timeout"),
    ({"functions": {}}, "functions is empty"),
    ({"title": "Calculus"}, "title must be a mapping"),
])
def test_invalid_topic_fields_are_named(tmp_path, change, words):
    with pytest.raises(CourseError, match=None) as info:
        parse_course(minimal(**change), tmp_path)
    assert words in str(info.value)


def test_duplicate_topic_ids_are_rejected(tmp_path):
    doc = minimal()
    doc["days"][0]["topics"].append(dict(doc["days"][0]["topics"][0]))
    with pytest.raises(CourseError, match="duplicate topic id 'day1.calculus'"):
        parse_course(doc, tmp_path)


def test_wrong_format_version(tmp_path):
    doc = minimal()
    doc["format"] = 2
    with pytest.raises(CourseError, match="format"):
        parse_course(doc, tmp_path)


def test_yaml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "course.yaml").write_text("format: 1\ndays: [\n  - id: day1\n")
    with pytest.raises(CourseError, match="line"):
        load_course(tmp_path)


def test_missing_course_file(tmp_path):
    with pytest.raises(CourseError, match="not found"):
        load_course(tmp_path)


def test_find_root_searches_upward(tmp_path):
    (tmp_path / "course.yaml").write_text(yaml.safe_dump(minimal()))
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_root(deep) == tmp_path.resolve()


def test_find_root_without_course(tmp_path):
    with pytest.raises(CourseError, match="--course"):
        find_root(tmp_path)

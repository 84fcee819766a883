"""Screening scripts: parsing, answer checks, scores and the agent's override."""

from __future__ import annotations

import copy

import pytest

from callcenter.demo import SCRIPT as DEMO_SCRIPT
from callcenter.screening import (
    Decision,
    QuestionType,
    decide,
    normalize_answers,
    parse_script,
    score,
)
from callcenter.validation import ValidationError


@pytest.fixture
def demo_script() -> dict:
    return copy.deepcopy(DEMO_SCRIPT)


@pytest.fixture
def small_script() -> dict:
    return {
        "version": 1,
        "threshold": 30,
        "questions": [
            {"id": "q_yes", "type": "yes_no", "text": {"en": "Yes?"}, "scores": {"yes": 20}},
            {
                "id": "q_one",
                "type": "single_choice",
                "text": {"en": "One"},
                "required": True,
                "options": [
                    {"id": "a", "text": {"en": "A"}, "score": 10},
                    {"id": "b", "text": {"en": "B"}},
                ],
            },
            {
                "id": "q_many",
                "type": "multiple_choice",
                "text": {"en": "Many"},
                "options": [
                    {"id": "x", "text": {"en": "X"}, "score": 1},
                    {"id": "y", "text": {"en": "Y"}, "score": 2.5},
                ],
            },
            {
                "id": "q_num",
                "type": "number",
                "text": {"en": "How many"},
                "bands": [{"max": 9, "score": 0}, {"min": 10, "score": 7}],
            },
            {"id": "q_free", "type": "text", "text": {"en": "Notes"}},
        ],
    }


def _codes(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return excinfo.value.field_codes


def test_the_demo_script_parses(demo_script):
    script = parse_script(demo_script)
    assert script.threshold == 60
    assert [q.type for q in script.questions] == [
        QuestionType.YES_NO,
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.NUMBER,
        QuestionType.YES_NO,
        QuestionType.TEXT,
    ]
    assert script.question("employees").unit == {"zh": "人", "en": "people"}
    assert script.question("provider").option("unicom").score == 10


def test_a_parsed_script_is_frozen(demo_script):
    script = parse_script(demo_script)
    with pytest.raises(AttributeError):
        script.threshold = 0  # type: ignore[misc]


def test_demo_answers_score_like_the_demo_data(demo_script):
    answers = {
        "has_line": True,  # 15
        "provider": "unicom",  # 10
        "needs": ["static_ip", "sla"],  # 20
        "employees": 150,  # 25
        "decision_maker": False,  # 0
        "remarks": "合约明年3月到期",
    }
    result = score(demo_script, answers)
    assert result.score == 70
    assert result.qualified
    assert result.per_question == {
        "has_line": 15,
        "provider": 10,
        "needs": 20,
        "employees": 25,
        "decision_maker": 0,
        "remarks": 0,
    }
    assert result.missing_required == ()


def test_below_the_threshold_does_not_qualify(demo_script):
    result = score(demo_script, {"has_line": False, "employees": 5})
    assert result.score == 10
    assert not result.qualified


def test_exactly_the_threshold_qualifies(small_script):
    result = score(small_script, {"q_yes": True, "q_one": "a"})
    assert result.score == 30
    assert result.qualified


def test_a_missing_required_answer_blocks_qualification(small_script):
    result = score(small_script, {"q_yes": True, "q_many": ["x", "y"], "q_num": 12})
    assert result.score == 30.5
    assert result.missing_required == ("q_one",)
    assert not result.qualified


def test_unanswered_none_and_blank_text_count_as_not_answered(small_script):
    clean = normalize_answers(small_script, {"q_yes": None, "q_one": "b", "q_free": "  "})
    assert clean == {"q_one": "b"}


def test_number_bands_and_unbounded_ends(small_script):
    assert score(small_script, {"q_one": "b", "q_num": 0}).per_question["q_num"] == 0
    with pytest.raises(ValidationError):  # between the bands
        score(small_script, {"q_one": "b", "q_num": 9.5})
    assert score(small_script, {"q_one": "b", "q_num": 10_000}).per_question["q_num"] == 7


def test_no_answers_scores_zero(demo_script):
    result = score(demo_script, {})
    assert (result.score, result.qualified, dict(result.per_question)) == (0, False, {})


@pytest.mark.parametrize(
    ("answers", "field", "code"),
    [
        ({"has_line": "yes"}, "answers.has_line", "not_a_bool"),
        ({"has_line": 1}, "answers.has_line", "not_a_bool"),
        ({"provider": "nobody"}, "answers.provider", "unknown_option"),
        ({"provider": ["unicom"]}, "answers.provider", "unknown_option"),
        ({"needs": "speed"}, "answers.needs", "not_a_list"),
        ({"needs": ["speed", "warp"]}, "answers.needs", "unknown_option"),
        ({"needs": ["speed", "speed"]}, "answers.needs", "duplicate_option"),
        ({"employees": "12"}, "answers.employees", "not_a_number"),
        ({"employees": True}, "answers.employees", "not_a_number"),
        ({"employees": float("nan")}, "answers.employees", "not_a_number"),
        ({"employees": -1}, "answers.employees", "out_of_range"),
        ({"remarks": 12}, "answers.remarks", "not_text"),
        ({"remarks": "x" * 2001}, "answers.remarks", "too_long"),
        ({"shoe_size": 42}, "answers.shoe_size", "unknown_question"),
    ],
)
def test_bad_answers_are_refused_with_a_code(demo_script, answers, field, code):
    with pytest.raises(ValidationError) as excinfo:
        score(demo_script, answers)
    assert _codes(excinfo) == {field: code}


def test_bad_answers_are_all_reported_at_once(demo_script):
    with pytest.raises(ValidationError) as excinfo:
        score(demo_script, {"has_line": "y", "provider": "x"})
    assert set(_codes(excinfo)) == {"answers.has_line", "answers.provider"}


def _broken(script: dict, path: str, value: object) -> dict:
    target = script
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return script


@pytest.mark.parametrize(
    ("path", "value", "field", "code"),
    [
        ("version", 2, "version", "unsupported"),
        ("threshold", KeyError, "threshold", "required"),
        ("threshold", "sixty", "threshold", "not_a_number"),
        ("questions", [], "questions", "empty"),
        ("questions", "all", "questions", "required"),
        ("questions.0", "q", "questions.0", "not_an_object"),
        ("questions.0.id", "", "questions.0.id", "required"),
        ("questions.1.id", "has_line", "questions.1.id", "duplicate"),
        ("questions.0.type", "essay", "questions.0.type", "unknown_type"),
        ("questions.0.text", "Hello", "questions.0.text", "required"),
        ("questions.0.required", "yes", "questions.0.required", "not_a_bool"),
        ("questions.0.scores", {"maybe": 3}, "questions.0.scores", "invalid"),
        ("questions.0.scores", {"yes": "many"}, "questions.0.scores", "invalid"),
        ("questions.1.options", [], "questions.1.options", "required"),
        ("questions.1.options.1.id", "telecom", "questions.1.options.1.id", "duplicate"),
        ("questions.2.options.0.score", "x", "questions.2.options.0.score", "not_a_number"),
        ("questions.2.options.0.text", {}, "questions.2.options.0.text", "required"),
        ("questions.3.bands.0.max", "lots", "questions.3.bands.0.max", "not_a_number"),
        ("questions.3.bands.0.score", KeyError, "questions.3.bands.0.score", "required"),
        ("questions.3.bands.1.max", 10, "questions.3.bands.1", "min_above_max"),
        ("questions.3.bands.1.min", 19, "questions.3.bands", "overlapping"),
        ("questions.3.unit", "人", "questions.3.unit", "invalid"),
    ],
)
def test_bad_scripts_are_refused_with_a_code(demo_script, path, value, field, code):
    with pytest.raises(ValidationError) as excinfo:
        parse_script(_broken(demo_script, path, value))
    assert _codes(excinfo)[field] == code


def test_a_script_that_is_not_an_object_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        parse_script(["questions"])
    assert _codes(excinfo) == {"script": "not_an_object"}


def test_the_decision_follows_the_score(demo_script):
    decision = decide(demo_script, {"has_line": True, "employees": 150, "decision_maker": True})
    assert decision == Decision(qualified=True, score=60, overridden=False, reason=None)


def test_an_override_needs_a_reason(demo_script):
    for reason in (None, "", "   "):
        with pytest.raises(ValidationError) as excinfo:
            decide(demo_script, {"has_line": False}, override=True, reason=reason)
        assert _codes(excinfo) == {"reason": "override_reason_required"}


def test_an_override_with_a_reason_wins(demo_script):
    decision = decide(
        demo_script, {"has_line": False}, override=True, reason=" 客户老板亲自要求报价 "
    )
    assert decision == Decision(
        qualified=True, score=5, overridden=True, reason="客户老板亲自要求报价"
    )
    answers = {"has_line": True, "employees": 150, "decision_maker": True}
    down = decide(demo_script, answers, override=False, reason="Competitor")
    assert (down.qualified, down.overridden, down.score) == (False, True, 60)


def test_an_override_that_agrees_with_the_score_is_not_an_override(demo_script):
    decision = decide(demo_script, {"has_line": False}, override=False)
    assert decision == Decision(qualified=False, score=5, overridden=False, reason=None)


def test_an_overlong_reason_is_refused(demo_script):
    with pytest.raises(ValidationError) as excinfo:
        decide(demo_script, {}, override=True, reason="x" * 501)
    assert _codes(excinfo) == {"reason": "too_long"}


def test_the_demo_agrees_with_the_screening_module(demo_script):
    from callcenter.demo import _screening_score

    answers = {"has_line": True, "provider": "other", "needs": ["price"], "employees": 42}
    assert score(demo_script, answers).score == _screening_score(demo_script, answers)

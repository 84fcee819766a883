"""Screening scripts: a call list's questionnaire, the score of a lead's answers, the decision.

A script is the JSON dict stored in ``CallList.script`` (the format is described in
:mod:`callcenter.demo`)::

    {"version": 1, "threshold": 60, "questions": [
        {"id": "has_line", "type": "yes_no", "text": {"zh": …, "en": …},
         "scores": {"yes": 20, "no": 0}},
        {"id": …, "type": "single_choice" | "multiple_choice", "text": …,
         "options": [{"id": …, "text": {…}, "score": 10}, …]},
        {"id": …, "type": "number", "text": …, "unit": {…},
         "bands": [{"min": 0, "max": 19, "score": 5}, {"min": 20, "score": 15}]},
        {"id": …, "type": "text", "text": …}]}

A question may also carry ``"required": true``: the lead then only qualifies when it is
answered. :func:`parse_script` turns the dict into frozen dataclasses, or raises a
:class:`~callcenter.validation.ValidationError` whose ``field_codes`` say what is wrong where
(``{"questions.1.options.0.id": "duplicate"}``).

Answers map a question id to a value: ``bool`` for yes/no, an option id for a single choice,
a list of option ids for a multiple choice, a number (inside one of the bands, when the
question has bands) and a string for free text. ``None`` (or blank text) means "not answered".
The score is the sum over the answers (multiple choice: the sum of the chosen options); the lead
qualifies at ``threshold`` or more with every required question answered. The agent may
override the outcome with a reason (:func:`decide`).

Pure functions, Qt-free.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from callcenter.validation import ValidationError

__all__ = [
    "MAX_REASON_LENGTH",
    "Band",
    "Decision",
    "Option",
    "Question",
    "QuestionType",
    "ScoreResult",
    "Script",
    "decide",
    "normalize_answers",
    "parse_script",
    "score",
]

SCRIPT_VERSION = 1
MAX_REASON_LENGTH = 500
MAX_TEXT_ANSWER_LENGTH = 2000


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    NUMBER = "number"
    TEXT = "text"


@dataclass(frozen=True)
class Option:
    id: str
    text: Mapping[str, str]
    score: float = 0.0


@dataclass(frozen=True)
class Band:
    """Numbers from ``min`` to ``max`` inclusive (``None``: unbounded) score ``score``."""

    min: float | None
    max: float | None
    score: float

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: Mapping[str, str]
    required: bool = False
    yes_score: float = 0.0  # yes_no
    no_score: float = 0.0  # yes_no
    options: tuple[Option, ...] = ()  # single_choice, multiple_choice
    bands: tuple[Band, ...] = ()  # number
    unit: Mapping[str, str] | None = None  # number

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Script:
    version: int
    threshold: float
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class ScoreResult:
    score: float
    qualified: bool
    per_question: Mapping[str, float]  # answered question id -> its points
    missing_required: tuple[str, ...]  # ids of required questions without an answer


@dataclass(frozen=True)
class Decision:
    qualified: bool
    score: float
    overridden: bool
    reason: str | None


# --- parsing -----------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _text(value: object) -> Mapping[str, str] | None:
    """A ``{"zh": …, "en": …}`` label: a dict of language -> non-blank string."""
    if not isinstance(value, Mapping) or not value:
        return None
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
        return None
    return dict(value)


def _identifier(value: object) -> str | None:
    if isinstance(value, str) and value.strip() and len(value) <= 64:
        return value
    return None


def parse_script(data: object) -> Script:
    """The script in ``data`` (a JSON dict), checked; ``ValidationError`` lists every problem."""
    errors: dict[str, str] = {}
    if isinstance(data, Script):
        return data
    if not isinstance(data, Mapping):
        raise ValidationError({"script": "not_an_object"})
    version = data.get("version", SCRIPT_VERSION)
    if version != SCRIPT_VERSION or isinstance(version, bool):
        errors["version"] = "unsupported"
    threshold = data.get("threshold")
    if threshold is None:
        errors["threshold"] = "required"
    elif not _is_number(threshold):
        errors["threshold"] = "not_a_number"
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, Sequence) or isinstance(raw_questions, str | bytes):
        errors["questions"] = "required"
    elif not raw_questions:
        errors["questions"] = "empty"
    else:
        seen: set[str] = set()
        for index, raw in enumerate(raw_questions):
            question = _parse_question(raw, f"questions.{index}", errors)
            if question is None:
                continue
            if question.id in seen:
                errors[f"questions.{index}.id"] = "duplicate"
            seen.add(question.id)
            questions.append(question)
    if errors:
        raise ValidationError(errors)
    return Script(version=SCRIPT_VERSION, threshold=float(threshold), questions=tuple(questions))  # type: ignore[arg-type]


def _parse_question(raw: object, where: str, errors: dict[str, str]) -> Question | None:
    if not isinstance(raw, Mapping):
        errors[where] = "not_an_object"
        return None
    before = len(errors)
    question_id = _identifier(raw.get("id"))
    if question_id is None:
        errors[f"{where}.id"] = "required"
    try:
        kind = QuestionType(raw.get("type"))
    except ValueError:
        errors[f"{where}.type"] = "unknown_type"
        kind = None
    text = _text(raw.get("text"))
    if text is None:
        errors[f"{where}.text"] = "required"
    required = raw.get("required", False)
    if not isinstance(required, bool):
        errors[f"{where}.required"] = "not_a_bool"
    extra: dict[str, Any] = {}
    if kind is QuestionType.YES_NO:
        scores = raw.get("scores", {})
        if (
            not isinstance(scores, Mapping)
            or set(scores) - {"yes", "no"}
            or not all(_is_number(v) for v in scores.values())
        ):
            errors[f"{where}.scores"] = "invalid"
        else:
            extra = {
                "yes_score": float(scores.get("yes", 0)),
                "no_score": float(scores.get("no", 0)),
            }
    elif kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        extra = {"options": _parse_options(raw.get("options"), f"{where}.options", errors)}
    elif kind is QuestionType.NUMBER:
        extra = {"bands": _parse_bands(raw.get("bands", []), f"{where}.bands", errors)}
        unit = raw.get("unit")
        if unit is not None:
            extra["unit"] = _text(unit)
            if extra["unit"] is None:
                errors[f"{where}.unit"] = "invalid"
    if len(errors) > before:
        return None
    return Question(id=question_id, type=kind, text=text, required=required, **extra)  # type: ignore[arg-type]


def _parse_options(raw: object, where: str, errors: dict[str, str]) -> tuple[Option, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes) or not raw:
        errors[where] = "required"
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        here = f"{where}.{index}"
        if not isinstance(item, Mapping):
            errors[here] = "not_an_object"
            continue
        option_id = _identifier(item.get("id"))
        text = _text(item.get("text"))
        points = item.get("score", 0)
        if option_id is None:
            errors[f"{here}.id"] = "required"
        elif option_id in seen:
            errors[f"{here}.id"] = "duplicate"
        if text is None:
            errors[f"{here}.text"] = "required"
        if not _is_number(points):
            errors[f"{here}.score"] = "not_a_number"
        if option_id is not None and text is not None and _is_number(points):
            seen.add(option_id)
            options.append(Option(id=option_id, text=text, score=float(points)))
    return tuple(options)


def _parse_bands(raw: object, where: str, errors: dict[str, str]) -> tuple[Band, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes):
        errors[where] = "invalid"
        return ()
    bands: list[Band] = []
    for index, item in enumerate(raw):
        here = f"{where}.{index}"
        if not isinstance(item, Mapping):
            errors[here] = "not_an_object"
            continue
        low, high, points = item.get("min"), item.get("max"), item.get("score")
        bad = False
        for key, value in (("min", low), ("max", high)):
            if value is not None and not _is_number(value):
                errors[f"{here}.{key}"] = "not_a_number"
                bad = True
        if not _is_number(points):
            errors[f"{here}.score"] = "not_a_number" if points is not None else "required"
            bad = True
        if bad:
            continue
        if low is not None and high is not None and low > high:
            errors[here] = "min_above_max"
            continue
        bands.append(
            Band(
                min=None if low is None else float(low),
                max=None if high is None else float(high),
                score=float(points),  # type: ignore[arg-type]
            )
        )
    ordered = sorted(bands, key=lambda b: -math.inf if b.min is None else b.min)
    for first, second in itertools.pairwise(ordered):
        first_max = math.inf if first.max is None else first.max
        second_min = -math.inf if second.min is None else second.min
        if second_min <= first_max:
            errors[where] = "overlapping"
            break
    return tuple(bands)


# --- answers, score, decision ------------------------------------------------------------


def normalize_answers(script: Script | Mapping[str, Any], answers: Mapping[str, Any]) -> dict:
    """``answers`` checked against ``script``: the answered questions only, in script order.

    Raises ``ValidationError`` with ``{"answers.<question id>": code}``: ``unknown_question``,
    ``not_a_bool``, ``unknown_option``, ``not_a_list``, ``duplicate_option``, ``not_a_number``,
    ``out_of_range`` (a number in no band), ``not_text``, ``too_long``.
    """
    script = parse_script(script)
    if not isinstance(answers, Mapping):
        raise ValidationError({"answers": "not_an_object"})
    errors: dict[str, str] = {}
    known = {q.id for q in script.questions}
    for key in answers:
        if key not in known:
            errors[f"answers.{key}"] = "unknown_question"
    clean: dict[str, Any] = {}
    for question in script.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        code, value = _check_answer(question, value)
        if code is not None:
            errors[f"answers.{question.id}"] = code
        elif value is not None:
            clean[question.id] = value
    if errors:
        raise ValidationError(errors)
    return clean


def _check_answer(question: Question, value: Any) -> tuple[str | None, Any]:
    kind = question.type
    if kind is QuestionType.YES_NO:
        return (None, value) if isinstance(value, bool) else ("not_a_bool", None)
    if kind is QuestionType.SINGLE_CHOICE:
        if not isinstance(value, str) or question.option(value) is None:
            return "unknown_option", None
        return None, value
    if kind is QuestionType.MULTIPLE_CHOICE:
        if not isinstance(value, Sequence) or isinstance(value, str | bytes):
            return "not_a_list", None
        if any(not isinstance(v, str) or question.option(v) is None for v in value):
            return "unknown_option", None
        if len(set(value)) != len(value):
            return "duplicate_option", None
        return None, list(value)
    if kind is QuestionType.NUMBER:
        if not _is_number(value):
            return "not_a_number", None
        if question.bands and not any(b.contains(value) for b in question.bands):
            return "out_of_range", None
        return None, value
    # free text
    if not isinstance(value, str):
        return "not_text", None
    if len(value) > MAX_TEXT_ANSWER_LENGTH:
        return "too_long", None
    return None, (value if value.strip() else None)


def _points(question: Question, value: Any) -> float:
    kind = question.type
    if kind is QuestionType.YES_NO:
        return question.yes_score if value else question.no_score
    if kind is QuestionType.SINGLE_CHOICE:
        return question.option(value).score  # type: ignore[union-attr]
    if kind is QuestionType.MULTIPLE_CHOICE:
        return sum((o.score for o in question.options if o.id in set(value)), 0.0)
    if kind is QuestionType.NUMBER:
        band = next((b for b in question.bands if b.contains(value)), None)
        return band.score if band is not None else 0.0
    return 0.0


def score(script: Script | Mapping[str, Any], answers: Mapping[str, Any]) -> ScoreResult:
    """The score of ``answers`` (checked: :func:`normalize_answers`) and whether it qualifies."""
    script = parse_script(script)
    clean = normalize_answers(script, answers)
    per_question: dict[str, float] = {}
    missing: list[str] = []
    for question in script.questions:
        if question.id in clean:
            per_question[question.id] = _points(question, clean[question.id])
        elif question.required:
            missing.append(question.id)
    total = float(sum(per_question.values()))
    return ScoreResult(
        score=total,
        qualified=total >= script.threshold and not missing,
        per_question=per_question,
        missing_required=tuple(missing),
    )


def decide(
    script: Script | Mapping[str, Any],
    answers: Mapping[str, Any],
    *,
    override: bool | None = None,
    reason: str | None = None,
) -> Decision:
    """Qualified or not: the score's verdict, unless the agent overrides it.

    An override that changes the verdict needs a non-blank ``reason`` (else ``ValidationError``
    ``{"reason": "override_reason_required"}``; longer than 500 characters: ``too_long``). An
    "override" that agrees with the score is not one: ``overridden`` stays ``False``.
    """
    result = score(script, answers)
    reason = reason.strip() if isinstance(reason, str) and reason.strip() else None
    if reason is not None and len(reason) > MAX_REASON_LENGTH:
        raise ValidationError({"reason": "too_long"})
    if override is None or override == result.qualified:
        return Decision(
            qualified=result.qualified,
            score=result.score,
            overridden=False,
            reason=reason if override is not None else None,
        )
    if reason is None:
        raise ValidationError({"reason": "override_reason_required"})
    return Decision(qualified=override, score=result.score, overridden=True, reason=reason)

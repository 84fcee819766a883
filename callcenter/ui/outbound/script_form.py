"""A call list's screening script as a form: one input per question, the live score and verdict.

The rules (what a question scores, when a lead qualifies) are :mod:`callcenter.screening`'s;
this widget only turns clicks into the answers dict that ``normalize_answers`` expects and shows
``screening.score`` of them (pure and cheap: run on the GUI thread at each change).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from callcenter import screening
from callcenter.screening import Question, QuestionType, ScoreResult, Script
from callcenter.validation import ValidationError

log = logging.getLogger(__name__)


def _language() -> str:
    return "zh" if QLocale().name().startswith("zh") else "en"


def pick_text(text: Mapping[str, str] | None, language: str | None = None) -> str:
    """The script's text in the agent's language, else English, else any."""
    if not text:
        return ""
    language = language or _language()
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


def _points(value: float) -> str:
    return f"{value:g}"


class _Choice(QWidget):
    """Radio buttons (yes/no, single choice) that can be reset to "not answered"."""

    changed = Signal()

    def __init__(self, choices: list[tuple[Any, str]], clear_tip: str) -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        self.buttons: dict[Any, QRadioButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for value, label in choices:
            button = QRadioButton(label)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(clear_tip)
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)
        self._update_clear()

    def value(self) -> Any:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)
        self._update_clear()
        self.changed.emit()

    def _toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._update_clear()
            self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setVisible(self.value() is not None)


class ScriptForm(QWidget):
    """The questions of one screening script, the live score and the override."""

    #: Any answer or the override changed.
    changed = Signal()
    #: The live verdict: a ``ScoreResult``, or ``None`` (no script, or answers not valid).
    verdictChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptForm")
        self.script: Script | None = None
        self.result: ScoreResult | None = None
        self.inputs: dict[str, QWidget] = {}
        self.question_labels: dict[str, QLabel] = {}

        self.title = QLabel(self.tr("Screening questions"))
        self.title.setObjectName("panelTitle")
        self.message = QLabel()
        self.message.setObjectName("idleText")
        self.message.setWordWrap(True)
        self._questions = QWidget()
        self._rows = QVBoxLayout(self._questions)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(10)
        self.verdict = QLabel()
        self.verdict.setObjectName("scriptVerdict")
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.override = QCheckBox(self.tr("&Override the score's verdict"))
        self.override.setToolTip(
            self.tr("Qualify a lead below the threshold (or turn one down above it) with a reason")
        )
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(screening.MAX_REASON_LENGTH)
        self.override_reason.setPlaceholderText(self.tr("Why? (required for an override)"))
        self.override_reason.setEnabled(False)
        self.override.toggled.connect(self.override_reason.setEnabled)
        self.override.toggled.connect(self._changed)
        self.override_reason.textChanged.connect(self._changed)
        override_row = QHBoxLayout()
        override_row.addWidget(self.override)
        override_row.addWidget(self.override_reason, 1)
        self._override_row = QWidget()
        self._override_row.setLayout(override_row)
        override_row.setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self._questions)
        layout.addWidget(self.verdict)
        layout.addWidget(self._override_row)
        layout.addStretch(1)
        self.set_script(None)

    # -- the script ------------------------------------------------------------------------
    def set_script(self, data: object) -> None:
        """Show the questions of ``data`` (the list's script dict, a ``Script`` or ``None``)."""
        self._clear_questions()
        self.script = None
        if data is not None:
            try:
                self.script = screening.parse_script(data)
            except ValidationError as exc:
                log.warning("the call list's script cannot be read: %s", exc.field_codes)
        has_script = self.script is not None
        if data is None:
            self.message.setText(
                self.tr("This call list has no screening script: just record the outcome.")
            )
        elif not has_script:
            self.message.setText(
                self.tr(
                    "This call list's screening script cannot be read: just record the outcome "
                    "and tell your team lead."
                )
            )
        self.message.setVisible(not has_script)
        self._questions.setVisible(has_script)
        self.verdict.setVisible(has_script)
        self._override_row.setVisible(has_script)
        if self.script is not None:
            for question in self.script.questions:
                self._add_question(question)
        self.override.setChecked(False)
        self.override_reason.clear()
        self._changed()

    @property
    def has_script(self) -> bool:
        return self.script is not None

    def _clear_questions(self) -> None:
        while self._rows.count():
            row = self._rows.takeAt(0).widget()
            if row is not None:
                row.hide()
                row.deleteLater()
        self.inputs.clear()
        self.question_labels.clear()

    def _add_question(self, question: Question) -> None:
        text = pick_text(question.text)
        label = QLabel(f"{text} *" if question.required else text)
        label.setWordWrap(True)
        if question.required:
            label.setToolTip(self.tr("Required: the lead only qualifies when it is answered"))
            label.setObjectName("requiredQuestion")
        clear_tip = self.tr("Not answered")
        kind = question.type
        widget: QWidget
        if kind is QuestionType.YES_NO:
            widget = _Choice([(True, self.tr("Yes")), (False, self.tr("No"))], clear_tip)
            widget.changed.connect(self._changed)
        elif kind is QuestionType.SINGLE_CHOICE:
            widget = _Choice([(o.id, pick_text(o.text)) for o in question.options], clear_tip)
            widget.changed.connect(self._changed)
        elif kind is QuestionType.MULTIPLE_CHOICE:
            widget = QWidget()
            box = QHBoxLayout(widget)
            box.setContentsMargins(0, 0, 0, 0)
            for option in question.options:
                check = QCheckBox(pick_text(option.text))
                check.setProperty("option", option.id)
                check.toggled.connect(self._changed)
                box.addWidget(check)
            box.addStretch(1)
        elif kind is QuestionType.NUMBER:
            widget = QWidget()
            box = QHBoxLayout(widget)
            box.setContentsMargins(0, 0, 0, 0)
            edit = QLineEdit()
            edit.setObjectName("numberAnswer")
            validator = QDoubleValidator(edit)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
            validator.setLocale(QLocale.c())
            edit.setValidator(validator)
            edit.setPlaceholderText(self.tr("not answered"))
            edit.setMaximumWidth(140)
            edit.textChanged.connect(self._changed)
            box.addWidget(edit)
            if question.unit:
                box.addWidget(QLabel(pick_text(question.unit)))
            box.addStretch(1)
        else:
            widget = QLineEdit()
            widget.setMaxLength(screening.MAX_TEXT_ANSWER_LENGTH)
            widget.textChanged.connect(self._changed)
        widget.setObjectName(f"question_{question.id}")
        self.inputs[question.id] = widget
        self.question_labels[question.id] = label
        row = QWidget()
        row.setObjectName(f"row_{question.id}")
        row_layout = QVBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(2)
        row_layout.addWidget(label)
        row_layout.addWidget(widget)
        self._rows.addWidget(row)

    # -- answers ---------------------------------------------------------------------------
    def answers(self) -> dict[str, Any]:
        """The answered questions only, as ``screening.normalize_answers`` expects them."""
        if self.script is None:
            return {}
        answers: dict[str, Any] = {}
        for question in self.script.questions:
            value = self._value(question)
            if value is not None:
                answers[question.id] = value
        return answers

    def _value(self, question: Question) -> Any:
        widget = self.inputs[question.id]
        kind = question.type
        if kind in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
            assert isinstance(widget, _Choice)
            return widget.value()
        if kind is QuestionType.MULTIPLE_CHOICE:
            chosen = [
                check.property("option")
                for check in widget.findChildren(QCheckBox)
                if check.isChecked()
            ]
            return chosen or None
        if kind is QuestionType.NUMBER:
            text = widget.findChild(QLineEdit).text().strip().replace(",", ".")
            if not text:
                return None
            try:
                number = float(text)
            except ValueError:
                return text  # refused by normalize_answers as not_a_number
            if not math.isfinite(number):
                return text
            return int(number) if number.is_integer() else number
        assert isinstance(widget, QLineEdit)
        text = widget.text()
        return text if text.strip() else None

    def override_choice(self) -> bool:
        return self.script is not None and self.override.isChecked()

    def reason(self) -> str | None:
        text = self.override_reason.text().strip()
        return (text or None) if self.override_choice() else None

    def clear(self) -> None:
        """Every question back to "not answered", the override off."""
        self.set_script(self.script)

    # -- the verdict -----------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self._update_verdict()
        self.changed.emit()

    def _update_verdict(self) -> None:
        self.result = None
        if self.script is None:
            self.verdict.clear()
            self.verdictChanged.emit(None)
            return
        try:
            self.result = screening.score(self.script, self.answers())
        except ValidationError as exc:
            self.verdict.setText(self._invalid_text(exc))
            self.verdict.setProperty("verdict", "invalid")
        else:
            self.verdict.setText(self.verdict_text(self.result))
            self.verdict.setProperty("verdict", "yes" if self.result.qualified else "no")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdictChanged.emit(self.result)

    def verdict_text(self, result: ScoreResult) -> str:
        assert self.script is not None
        head = (
            self.tr("Score %1 of threshold %2")
            .replace("%1", _points(result.score))
            .replace("%2", _points(self.script.threshold))
        )
        if result.qualified:
            return head + " — " + self.tr("qualifies")
        if result.missing_required:
            names = ", ".join(self._question_text(qid) for qid in result.missing_required)
            return head + " — " + self.tr("does not qualify (missing: %1)").replace("%1", names)
        return head + " — " + self.tr("does not qualify")

    def _question_text(self, question_id: str) -> str:
        question = self.script.question(question_id) if self.script else None
        return pick_text(question.text) if question else question_id

    def _invalid_text(self, exc: ValidationError) -> str:
        lines = []
        for field, code in exc.field_codes.items():
            name = self._question_text(field.removeprefix("answers."))
            if code == "out_of_range":
                lines.append(self.tr("%1: this number is outside the expected range"))
            elif code == "not_a_number":
                lines.append(self.tr("%1: enter a number"))
            elif code == "too_long":
                lines.append(self.tr("%1: the answer is too long"))
            else:
                lines.append(self.tr("%1: the answer is not valid"))
            lines[-1] = lines[-1].replace("%1", name)
        return "\n".join(lines)


__all__ = ["ScriptForm", "pick_text"]

"""The screening questionnaire of a call list, edited as a list of questions or as JSON.

The editor works on the script's JSON dict itself (the format of
:func:`callcenter.screening.parse_script`): the widgets write into the question being edited
only when the user changes them, so whatever they do not show (other languages, unknown keys)
is kept, and a script that is only looked at comes back unchanged. Checking the script is the
service's business (``call_lists.validate_spec``); :meth:`ScriptEditor.set_problems` shows what
it found.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.screening import QuestionType
from callcenter.ui.outbound.problems import code_text, script_problem_lines
from callcenter.ui.outbound.question_pane import QuestionPane
from callcenter.ui.outbound.script_values import as_float, json_number, unique_id


class ScriptJsonError(ValueError):
    """The JSON tab holds text that is not JSON."""

    code = "invalid_json"


def empty_script() -> dict[str, Any]:
    return {"version": 1, "threshold": 0, "questions": []}


class ScriptEditor(QWidget):
    #: The user changed the script (or switched it on or off).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptEditor")
        self._data: dict[str, Any] = empty_script()
        self._loading = False
        self._current = -1
        self._problem_rows: set[int] = set()

        self.use_script = QCheckBox(self.tr("Screen the leads with a questionnaire"))
        self.use_script.setObjectName("useScript")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("scriptTabs")
        self.tabs.addTab(self._build_structured(), self.tr("Questions"))
        self.json = QPlainTextEdit()
        self.json.setObjectName("scriptJson")
        self.json.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.json.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tabs.addTab(self.json, self.tr("Edit as JSON"))
        self.problems = QLabel()
        self.problems.setObjectName("scriptProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.problems.hide()
        self.json_problem = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.use_script)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)

        self.use_script.toggled.connect(self._use_toggled)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.json.textChanged.connect(self._json_edited)
        self.load(None)

    # -- building ----------------------------------------------------------------------------
    def _build_structured(self) -> QWidget:
        page = QWidget()
        self.threshold = QDoubleSpinBox()
        self.threshold.setObjectName("scriptThreshold")
        self.threshold.setRange(-100000, 100000)
        self.threshold.setDecimals(1)
        self.threshold.setSuffix(self.tr(" points"))
        self.threshold.setToolTip(
            self.tr("A lead qualifies with at least this score and every required answer.")
        )
        self.threshold.valueChanged.connect(self._threshold_edited)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(QLabel(self.tr("Qualifies at:")))
        threshold_row.addWidget(self.threshold)
        threshold_row.addStretch(1)

        self.questions = QListWidget()
        self.questions.setObjectName("scriptQuestions")
        self.questions.setMinimumHeight(90)
        self.questions.setIconSize(QSize(14, 14))
        self.questions.currentRowChanged.connect(self._select_question)
        style = self.style()
        self.add_question_button = QPushButton(self.tr("Add"))
        self.add_question_button.setObjectName("addQuestion")
        self.remove_question_button = QPushButton(self.tr("Remove"))
        self.remove_question_button.setObjectName("removeQuestion")
        self.up_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), "")
        self.up_button.setObjectName("questionUp")
        self.up_button.setToolTip(self.tr("Move the question up"))
        self.down_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "")
        self.down_button.setObjectName("questionDown")
        self.down_button.setToolTip(self.tr("Move the question down"))
        self.add_question_button.clicked.connect(self.add_question)
        self.remove_question_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(+1))
        list_buttons = QVBoxLayout()
        for button in (
            self.add_question_button,
            self.remove_question_button,
            self.up_button,
            self.down_button,
        ):
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.questions, 1)
        top_layout.addLayout(list_buttons)

        self.detail = QuestionPane()
        self.detail.edited.connect(self._edited)
        self.detail.title_changed.connect(self._refresh_title)
        # The pane's widgets, under the names they have always had here.
        self.question_id = self.detail.question_id
        self.question_type = self.detail.question_type
        self.question_texts = self.detail.question_texts
        self.required = self.detail.required
        self.type_pages = self.detail.type_pages
        self.yes_points = self.detail.yes_points
        self.no_points = self.detail.no_points
        self.options = self.detail.options
        self.units = self.detail.units
        self.bands = self.detail.bands

        self.no_question = QLabel(self.tr("Add a question to start."))
        self.no_question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.no_question)
        self.detail_stack.addWidget(self.detail)

        body = QSplitter(Qt.Orientation.Vertical)
        body.setChildrenCollapsible(False)
        body.addWidget(top)
        body.addWidget(self.detail_stack)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 3)
        layout = QVBoxLayout(page)
        layout.addLayout(threshold_row)
        layout.addWidget(body, 1)
        return page

    # -- the script in and out ---------------------------------------------------------------
    def load(self, script: Any) -> None:
        """Show ``script`` (a dict, or ``None`` for no questionnaire)."""
        self._loading = True
        try:
            with QSignalBlocker(self.use_script):
                self.use_script.setChecked(script is not None)
            self._data = copy.deepcopy(script) if isinstance(script, dict) else empty_script()
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentIndex(0)
            self.json_problem = ""
            self._populate(0)
        finally:
            self._loading = False
        self._update_enabled()

    def script(self) -> Any:
        """The edited script: a dict, ``None`` without a questionnaire, or whatever JSON the
        JSON tab holds (the service judges it). ``ScriptJsonError`` when that is not JSON."""
        if not self.use_script.isChecked():
            return None
        if self.tabs.currentIndex() == 1:
            try:
                return json.loads(self.json.toPlainText())
            except ValueError as exc:
                raise ScriptJsonError(str(exc)) from exc
        return copy.deepcopy(self._data)

    def set_problems(self, codes: dict[str, str]) -> None:
        """Show the problems the service found (paths relative to the script)."""
        lines = script_problem_lines(codes)
        if self.json_problem:
            lines.insert(0, self.json_problem)
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        rows = set()
        for path in codes:
            parts = path.split(".")
            if len(parts) >= 2 and parts[0] == "questions" and parts[1].isdigit():
                rows.add(int(parts[1]))
        self._problem_rows = rows
        self._mark_problem_rows()

    # -- structured view ---------------------------------------------------------------------
    @property
    def _questions(self) -> list[Any]:
        questions = self._data.get("questions")
        if not isinstance(questions, list):
            questions = []
            self._data["questions"] = questions
        return questions

    def _populate(self, select: int) -> None:
        loading, self._loading = self._loading, True
        try:
            with QSignalBlocker(self.threshold):
                self.threshold.setValue(as_float(self._data.get("threshold")))
            with QSignalBlocker(self.questions):
                self.questions.clear()
                for index in range(len(self._questions)):
                    item = QListWidgetItem(self._question_title(index))
                    item.setToolTip(item.text())
                    self.questions.addItem(item)
            self._mark_problem_rows()
            select = min(select, len(self._questions) - 1)
            self._current = -1
            self.questions.setCurrentRow(select)
            self._select_question(select)
        finally:
            self._loading = loading
        self._update_enabled()

    def _question_title(self, index: int) -> str:
        question = self._questions[index]
        if not isinstance(question, dict):
            return f"{index + 1}. ?"
        texts = question.get("text") if isinstance(question.get("text"), dict) else {}
        language = "zh" if self.locale().language().name == "Chinese" else "en"
        text = texts.get(language) or next(iter(texts.values()), "") or question.get("id", "")
        kind = self.detail.type_name(question.get("type"))
        return f"{index + 1}. {text} ({kind})"

    def _refresh_title(self) -> None:
        if 0 <= self._current < self.questions.count():
            item = self.questions.item(self._current)
            item.setText(self._question_title(self._current))
            item.setToolTip(item.text())

    def _mark_problem_rows(self) -> None:
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for row in range(self.questions.count()):
            self.questions.item(row).setIcon(warning if row in self._problem_rows else QIcon())

    def _question(self) -> dict[str, Any] | None:
        if 0 <= self._current < len(self._questions):
            question = self._questions[self._current]
            return question if isinstance(question, dict) else None
        return None

    def _select_question(self, row: int) -> None:
        self._current = row
        question = self._question()
        self.detail_stack.setCurrentIndex(1 if question is not None else 0)
        self.detail.show_question(question)
        self._update_enabled()

    def _update_enabled(self) -> None:
        on = self.use_script.isChecked()
        self.tabs.setEnabled(on)
        count = len(self._questions)
        self.remove_question_button.setEnabled(0 <= self._current < count)
        self.up_button.setEnabled(self._current > 0)
        self.down_button.setEnabled(0 <= self._current < count - 1)

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    # -- gestures -> the dict ----------------------------------------------------------------
    def _use_toggled(self, on: bool) -> None:
        self._update_enabled()
        self._edited()

    def _threshold_edited(self, value: float) -> None:
        if self._loading:
            return
        self._data["threshold"] = json_number(value)
        self._edited()

    def add_question(self) -> None:
        taken = {str(q.get("id")) for q in self._questions if isinstance(q, dict)}
        position = len(self._questions) + 1
        question = {
            "id": unique_id("q", taken, position),
            "type": QuestionType.YES_NO.value,
            "text": {},
            "scores": {"yes": 0, "no": 0},
        }
        self._questions.append(question)
        self._populate(len(self._questions) - 1)
        self.question_texts["zh" if self.locale().language().name == "Chinese" else "en"].setFocus()
        self._edited()

    def remove_question(self) -> None:
        if 0 <= self._current < len(self._questions):
            row = self._current
            del self._questions[row]
            self._populate(max(0, row - 1) if row >= len(self._questions) else row)
            self._edited()

    def move_question(self, step: int) -> None:
        row, target = self._current, self._current + step
        if 0 <= row < len(self._questions) and 0 <= target < len(self._questions):
            questions = self._questions
            questions[row], questions[target] = questions[target], questions[row]
            self._populate(target)
            self._edited()

    def add_option(self) -> None:
        self.detail.add_option()

    def add_band(self) -> None:
        self.detail.add_band()

    # -- JSON view ---------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if index == 1:
            with QSignalBlocker(self.json):
                self.json.setPlainText(json.dumps(self._data, ensure_ascii=False, indent=2))
            self.json_problem = ""
            return
        text = self.json.toPlainText()
        try:
            data = json.loads(text)
        except ValueError as exc:
            self._stay_on_json(exc)
            return
        if not isinstance(data, dict):
            self._stay_on_json(None)
            return
        self._data = data
        self.json_problem = ""
        self._populate(max(0, self._current))
        self._edited()

    def _stay_on_json(self, exc: ValueError | None) -> None:
        """The JSON cannot be shown as questions: keep the JSON tab and say why."""
        with QSignalBlocker(self.tabs):
            self.tabs.setCurrentIndex(1)
        if isinstance(exc, json.JSONDecodeError):
            self.json_problem = (
                self.tr("Not valid JSON (line %1, column %2).")
                .replace("%1", str(exc.lineno))
                .replace("%2", str(exc.colno))
            )
        else:
            self.json_problem = code_text("not_an_object")
        self.problems.setText(self.json_problem)
        self.problems.show()

    def _json_edited(self) -> None:
        self.json_problem = ""
        self._edited()

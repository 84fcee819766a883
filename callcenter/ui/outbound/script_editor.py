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
import math
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from callcenter.screening import QuestionType
from callcenter.ui.outbound.problems import code_text, script_problem_lines

#: The languages a question's text is edited in (others are kept untouched).
LANGUAGES = ("zh", "en")
_TYPE_KEYS = ("scores", "options", "bands", "unit")


class ScriptJsonError(ValueError):
    """The JSON tab holds text that is not JSON."""

    code = "invalid_json"


def _number(value: float) -> int | float:
    """Whole numbers as ``int`` so the JSON reads ``15``, not ``15.0``."""
    return int(value) if float(value).is_integer() else value


def _as_float(value: Any, default: float = 0.0) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def _cell_number(text: str) -> int | float | str | None:
    """A table cell as a number; ``None`` when blank; the text itself when it is not one
    (the service then says ``not_a_number`` beside it)."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return text
    return _number(value) if math.isfinite(value) else text


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
        self._type_names = {
            QuestionType.YES_NO.value: self.tr("Yes / no"),
            QuestionType.SINGLE_CHOICE.value: self.tr("Single choice"),
            QuestionType.MULTIPLE_CHOICE.value: self.tr("Multiple choice"),
            QuestionType.NUMBER.value: self.tr("Number"),
            QuestionType.TEXT.value: self.tr("Free text"),
        }

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

        self.detail = QWidget()
        self.detail.setObjectName("questionDetail")
        self.question_id = QLineEdit()
        self.question_id.setObjectName("questionId")
        self.question_id.setToolTip(
            self.tr("Stored with every answer: change it only before the list is called.")
        )
        self.question_type = QComboBox()
        self.question_type.setObjectName("questionType")
        for code, name in self._type_names.items():
            self.question_type.addItem(name, code)
        self.question_texts: dict[str, QLineEdit] = {}
        language_names = {"zh": self.tr("Text (Chinese):"), "en": self.tr("Text (English):")}
        self.required = QCheckBox(self.tr("An answer is required to qualify"))
        self.required.setObjectName("questionRequired")
        form = QFormLayout(self.detail)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("ID:"), self.question_id)
        form.addRow(self.tr("Type:"), self.question_type)
        for language in LANGUAGES:
            edit = QLineEdit()
            edit.setObjectName(f"questionText_{language}")
            edit.textEdited.connect(lambda text, lang=language: self._text_edited(lang, text))
            self.question_texts[language] = edit
            form.addRow(language_names[language], edit)
        form.addRow(self.required)
        self.type_pages = QStackedWidget()
        self.type_pages.addWidget(self._build_yes_no())
        self.type_pages.addWidget(self._build_choices())
        self.type_pages.addWidget(self._build_number())
        free = QLabel(self.tr("A free-text answer scores no points."))
        free.setWordWrap(True)
        free.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.type_pages.addWidget(free)
        form.addRow(self.type_pages)
        self.question_id.textEdited.connect(self._id_edited)
        self.question_type.activated.connect(self._type_chosen)
        self.required.toggled.connect(self._required_toggled)

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

    def _points_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setObjectName(name)
        box.setRange(-100000, 100000)
        box.setDecimals(1)
        box.setSuffix(self.tr(" points"))
        return box

    def _build_yes_no(self) -> QWidget:
        page = QWidget()
        self.yes_points = self._points_box("yesPoints")
        self.no_points = self._points_box("noPoints")
        self.yes_points.valueChanged.connect(lambda v: self._score_edited("yes", v))
        self.no_points.valueChanged.connect(lambda v: self._score_edited("no", v))
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Yes scores:"), self.yes_points)
        form.addRow(self.tr("No scores:"), self.no_points)
        return page

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(110)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    def _build_choices(self) -> QWidget:
        page = QWidget()
        self.options = self._table(
            "questionOptions",
            [self.tr("ID"), self.tr("Chinese"), self.tr("English"), self.tr("Points")],
        )
        self.options.itemChanged.connect(self._option_edited)
        add = QPushButton(self.tr("Add option"))
        add.setObjectName("addOption")
        remove = QPushButton(self.tr("Remove option"))
        add.clicked.connect(self.add_option)
        remove.clicked.connect(lambda: self._remove_rows(self.options, "options"))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Options and their points:")))
        layout.addWidget(self.options, 1)
        layout.addLayout(buttons)
        return page

    def _build_number(self) -> QWidget:
        page = QWidget()
        self.units: dict[str, QLineEdit] = {}
        units = QHBoxLayout()
        for language, hint in (("zh", self.tr("Chinese")), ("en", self.tr("English"))):
            edit = QLineEdit()
            edit.setObjectName(f"unit_{language}")
            edit.setPlaceholderText(hint)
            edit.textEdited.connect(lambda text, lang=language: self._unit_edited(lang, text))
            self.units[language] = edit
            units.addWidget(edit)
        self.bands = self._table(
            "questionBands", [self.tr("From"), self.tr("To"), self.tr("Points")]
        )
        self.bands.setToolTip(self.tr("Leave From or To empty for no limit."))
        self.bands.itemChanged.connect(self._band_edited)
        add = QPushButton(self.tr("Add band"))
        add.setObjectName("addBand")
        remove = QPushButton(self.tr("Remove band"))
        add.clicked.connect(self.add_band)
        remove.clicked.connect(lambda: self._remove_rows(self.bands, "bands"))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Unit:")), 0, 0)
        grid.addLayout(units, 0, 1)
        grid.addWidget(QLabel(self.tr("Points by number:")), 1, 0, 1, 2)
        grid.addWidget(self.bands, 2, 0, 1, 2)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.setRowStretch(2, 1)
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
                self.threshold.setValue(_as_float(self._data.get("threshold")))
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
        kind = self._type_names.get(question.get("type"), str(question.get("type")))
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
        if question is None:
            self._update_enabled()
            return
        loading, self._loading = self._loading, True
        try:
            self.question_id.setText(str(question.get("id", "")))
            kind = question.get("type")
            self.question_type.setCurrentIndex(max(0, self.question_type.findData(kind)))
            texts = question.get("text") if isinstance(question.get("text"), dict) else {}
            for language, edit in self.question_texts.items():
                edit.setText(str(texts.get(language, "")))
            self.required.setChecked(question.get("required") is True)
            self._show_type_page(question)
        finally:
            self._loading = loading
        self._update_enabled()

    def _show_type_page(self, question: dict[str, Any]) -> None:
        kind = question.get("type")
        if kind == QuestionType.YES_NO:
            self.type_pages.setCurrentIndex(0)
            scores = question.get("scores") if isinstance(question.get("scores"), dict) else {}
            self.yes_points.setValue(_as_float(scores.get("yes")))
            self.no_points.setValue(_as_float(scores.get("no")))
        elif kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
            self.type_pages.setCurrentIndex(1)
            options = question.get("options") if isinstance(question.get("options"), list) else []
            self.options.setRowCount(0)
            for option in options:
                option = option if isinstance(option, dict) else {}
                texts = option.get("text") if isinstance(option.get("text"), dict) else {}
                self._append_row(
                    self.options,
                    [
                        _cell_text(option.get("id")),
                        _cell_text(texts.get("zh")),
                        _cell_text(texts.get("en")),
                        _cell_text(option.get("score", 0)),
                    ],
                )
        elif kind == QuestionType.NUMBER:
            self.type_pages.setCurrentIndex(2)
            unit = question.get("unit") if isinstance(question.get("unit"), dict) else {}
            for language, edit in self.units.items():
                edit.setText(str(unit.get(language, "")))
            bands = question.get("bands") if isinstance(question.get("bands"), list) else []
            self.bands.setRowCount(0)
            for band in bands:
                band = band if isinstance(band, dict) else {}
                self._append_row(
                    self.bands,
                    [
                        _cell_text(band.get("min")),
                        _cell_text(band.get("max")),
                        _cell_text(band.get("score")),
                    ],
                )
        else:
            self.type_pages.setCurrentIndex(3)

    def _append_row(self, table: QTableWidget, values: list[str]) -> None:
        with QSignalBlocker(table):
            row = table.rowCount()
            table.insertRow(row)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if table is not self.options or column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)

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
        self._data["threshold"] = _number(value)
        self._edited()

    def _unique_id(self, prefix: str, taken: set[str], start: int) -> str:
        number = start
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def add_question(self) -> None:
        taken = {str(q.get("id")) for q in self._questions if isinstance(q, dict)}
        position = len(self._questions) + 1
        question = {
            "id": self._unique_id("q", taken, position),
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

    def _id_edited(self, text: str) -> None:
        question = self._question()
        if question is not None and not self._loading:
            question["id"] = text.strip()
            self._refresh_title()
            self._edited()

    def _text_edited(self, language: str, text: str) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        texts = question.get("text")
        if not isinstance(texts, dict):
            texts = question["text"] = {}
        if text.strip():
            texts[language] = text
        else:
            texts.pop(language, None)
        self._refresh_title()
        self._edited()

    def _required_toggled(self, on: bool) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        if on:
            question["required"] = True
        else:
            question.pop("required", None)
        self._edited()

    def _type_chosen(self, index: int) -> None:
        question = self._question()
        kind = self.question_type.itemData(index)
        if question is None or question.get("type") == kind:
            return
        before = question.get("type")
        choice = (QuestionType.SINGLE_CHOICE.value, QuestionType.MULTIPLE_CHOICE.value)
        options = question.get("options") if before in choice else None
        for key in _TYPE_KEYS:
            question.pop(key, None)
        question["type"] = kind
        if kind == QuestionType.YES_NO:
            question["scores"] = {"yes": 0, "no": 0}
        elif kind in choice:
            question["options"] = options if isinstance(options, list) else []
        elif kind == QuestionType.NUMBER:
            question["bands"] = []
        loading, self._loading = self._loading, True
        try:
            self._show_type_page(question)
        finally:
            self._loading = loading
        self._refresh_title()
        self._edited()

    def _score_edited(self, answer: str, value: float) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        scores = question.get("scores")
        if not isinstance(scores, dict):
            scores = question["scores"] = {}
        scores[answer] = _number(value)
        self._edited()

    def add_option(self) -> None:
        question = self._question()
        if question is None:
            return
        options = question.setdefault("options", [])
        taken = {str(o.get("id")) for o in options if isinstance(o, dict)}
        option = {"id": self._unique_id("o", taken, len(options) + 1), "text": {}, "score": 0}
        options.append(option)
        self._append_row(self.options, [option["id"], "", "", "0"])
        self.options.setCurrentCell(self.options.rowCount() - 1, 1)
        self._edited()

    def _option_edited(self, item: QTableWidgetItem) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        options = question.get("options")
        if not isinstance(options, list) or item.row() >= len(options):
            return
        option = options[item.row()]
        if not isinstance(option, dict):
            option = options[item.row()] = {}
        text = item.text()
        column = item.column()
        if column == 0:
            option["id"] = text.strip()
        elif column in (1, 2):
            language = "zh" if column == 1 else "en"
            texts = option.get("text")
            if not isinstance(texts, dict):
                texts = option["text"] = {}
            if text.strip():
                texts[language] = text
            else:
                texts.pop(language, None)
        else:
            value = _cell_number(text)
            option["score"] = 0 if value is None else value
        self._edited()

    def add_band(self) -> None:
        question = self._question()
        if question is None:
            return
        bands = question.setdefault("bands", [])
        band = {"min": 0, "max": 0, "score": 0}
        bands.append(band)
        self._append_row(self.bands, ["0", "0", "0"])
        self.bands.setCurrentCell(self.bands.rowCount() - 1, 0)
        self._edited()

    def _band_edited(self, item: QTableWidgetItem) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        bands = question.get("bands")
        if not isinstance(bands, list) or item.row() >= len(bands):
            return
        band = bands[item.row()]
        if not isinstance(band, dict):
            band = bands[item.row()] = {}
        key = ("min", "max", "score")[item.column()]
        value = _cell_number(item.text())
        if value is None:
            band.pop(key, None)
        else:
            band[key] = value
        self._edited()

    def _unit_edited(self, language: str, text: str) -> None:
        question = self._question()
        if question is None or self._loading:
            return
        unit = question.get("unit")
        if not isinstance(unit, dict):
            unit = {}
        if text.strip():
            unit[language] = text
        else:
            unit.pop(language, None)
        if unit:
            question["unit"] = unit
        else:
            question.pop("unit", None)
        self._edited()

    def _remove_rows(self, table: QTableWidget, key: str) -> None:
        question = self._question()
        if question is None or not isinstance(question.get(key), list):
            return
        rows = sorted({i.row() for i in table.selectedIndexes()}, reverse=True)
        if not rows and table.currentRow() >= 0:
            rows = [table.currentRow()]
        for row in rows:
            if row < len(question[key]):
                del question[key][row]
            table.removeRow(row)
        if rows:
            self._edited()

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

"""One question of a screening script, edited in place: its ID, type, texts and what it scores.

The pane writes into the question dict it shows only when the user changes a widget, so keys
it does not show (other languages, unknown keys) are kept. :class:`ScriptEditor` embeds it
beside the list of questions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
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
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter.screening import QuestionType
from callcenter.ui.outbound.script_values import (
    as_float,
    cell_number,
    cell_text,
    child_dict,
    json_number,
    put_text,
    unique_id,
)

#: The languages a question's text is edited in (others are kept untouched).
LANGUAGES = ("zh", "en")
_TYPE_KEYS = ("scores", "options", "bands", "unit")


class QuestionPane(QWidget):
    #: The user changed the question.
    edited = Signal()
    #: The question's ID, text or type changed: what the list of questions shows of it.
    title_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionDetail")
        self._question: dict[str, Any] | None = None
        self._loading = False
        self._type_names = {
            QuestionType.YES_NO.value: self.tr("Yes / no"),
            QuestionType.SINGLE_CHOICE.value: self.tr("Single choice"),
            QuestionType.MULTIPLE_CHOICE.value: self.tr("Multiple choice"),
            QuestionType.NUMBER.value: self.tr("Number"),
            QuestionType.TEXT.value: self.tr("Free text"),
        }

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
        form = QFormLayout(self)
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

    # -- building ----------------------------------------------------------------------------
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

    @staticmethod
    def _row_buttons(
        add: tuple[str, str, Callable[[], object]], remove_text: str, remove: Callable[[], object]
    ) -> QHBoxLayout:
        """An "Add …" (text, object name, slot) and a "Remove …" button under a table."""
        text, name, slot = add
        add_button = QPushButton(text)
        add_button.setObjectName(name)
        add_button.clicked.connect(slot)
        remove_button = QPushButton(remove_text)
        remove_button.clicked.connect(remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add_button)
        buttons.addWidget(remove_button)
        buttons.addStretch(1)
        return buttons

    def _build_choices(self) -> QWidget:
        page = QWidget()
        self.options = self._table(
            "questionOptions",
            [self.tr("ID"), self.tr("Chinese"), self.tr("English"), self.tr("Points")],
        )
        self.options.itemChanged.connect(self._option_edited)
        buttons = self._row_buttons(
            (self.tr("Add option"), "addOption", self.add_option),
            self.tr("Remove option"),
            lambda: self._remove_rows(self.options, "options"),
        )
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
        buttons = self._row_buttons(
            (self.tr("Add band"), "addBand", self.add_band),
            self.tr("Remove band"),
            lambda: self._remove_rows(self.bands, "bands"),
        )
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Unit:")), 0, 0)
        grid.addLayout(units, 0, 1)
        grid.addWidget(QLabel(self.tr("Points by number:")), 1, 0, 1, 2)
        grid.addWidget(self.bands, 2, 0, 1, 2)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.setRowStretch(2, 1)
        return page

    # -- the question in ---------------------------------------------------------------------
    def type_name(self, kind: Any) -> str:
        """What the user calls a question type (the code itself when it is unknown)."""
        return self._type_names.get(kind, str(kind))

    def show_question(self, question: dict[str, Any] | None) -> None:
        """Edit ``question`` (in place) from now on; ``None`` for none."""
        self._question = question
        if question is None:
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

    def _show_type_page(self, question: dict[str, Any]) -> None:
        kind = question.get("type")
        if kind == QuestionType.YES_NO:
            self.type_pages.setCurrentIndex(0)
            scores = question.get("scores") if isinstance(question.get("scores"), dict) else {}
            self.yes_points.setValue(as_float(scores.get("yes")))
            self.no_points.setValue(as_float(scores.get("no")))
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
                        cell_text(option.get("id")),
                        cell_text(texts.get("zh")),
                        cell_text(texts.get("en")),
                        cell_text(option.get("score", 0)),
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
                        cell_text(band.get("min")),
                        cell_text(band.get("max")),
                        cell_text(band.get("score")),
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

    # -- gestures -> the dict ----------------------------------------------------------------
    def _id_edited(self, text: str) -> None:
        question = self._question
        if question is not None and not self._loading:
            question["id"] = text.strip()
            self.title_changed.emit()
            self.edited.emit()

    def _text_edited(self, language: str, text: str) -> None:
        question = self._question
        if question is None or self._loading:
            return
        put_text(child_dict(question, "text"), language, text)
        self.title_changed.emit()
        self.edited.emit()

    def _required_toggled(self, on: bool) -> None:
        question = self._question
        if question is None or self._loading:
            return
        if on:
            question["required"] = True
        else:
            question.pop("required", None)
        self.edited.emit()

    def _type_chosen(self, index: int) -> None:
        question = self._question
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
        self.title_changed.emit()
        self.edited.emit()

    def _score_edited(self, answer: str, value: float) -> None:
        question = self._question
        if question is None or self._loading:
            return
        child_dict(question, "scores")[answer] = json_number(value)
        self.edited.emit()

    def add_option(self) -> None:
        question = self._question
        if question is None:
            return
        options = question.setdefault("options", [])
        taken = {str(o.get("id")) for o in options if isinstance(o, dict)}
        option = {"id": unique_id("o", taken, len(options) + 1), "text": {}, "score": 0}
        options.append(option)
        self._append_row(self.options, [option["id"], "", "", "0"])
        self.options.setCurrentCell(self.options.rowCount() - 1, 1)
        self.edited.emit()

    def _option_edited(self, item: QTableWidgetItem) -> None:
        option = self._edited_row("options", item)
        if option is None:
            return
        text = item.text()
        column = item.column()
        if column == 0:
            option["id"] = text.strip()
        elif column in (1, 2):
            put_text(child_dict(option, "text"), "zh" if column == 1 else "en", text)
        else:
            value = cell_number(text)
            option["score"] = 0 if value is None else value
        self.edited.emit()

    def add_band(self) -> None:
        question = self._question
        if question is None:
            return
        bands = question.setdefault("bands", [])
        band = {"min": 0, "max": 0, "score": 0}
        bands.append(band)
        self._append_row(self.bands, ["0", "0", "0"])
        self.bands.setCurrentCell(self.bands.rowCount() - 1, 0)
        self.edited.emit()

    def _band_edited(self, item: QTableWidgetItem) -> None:
        band = self._edited_row("bands", item)
        if band is None:
            return
        key = ("min", "max", "score")[item.column()]
        value = cell_number(item.text())
        if value is None:
            band.pop(key, None)
        else:
            band[key] = value
        self.edited.emit()

    def _edited_row(self, key: str, item: QTableWidgetItem) -> dict[str, Any] | None:
        """The dict of ``question[key]`` (options, bands) that the edited table cell
        belongs to (made a dict if it was not one); ``None`` while loading or out of range."""
        question = self._question
        if question is None or self._loading:
            return None
        rows = question.get(key)
        if not isinstance(rows, list) or item.row() >= len(rows):
            return None
        if not isinstance(rows[item.row()], dict):
            rows[item.row()] = {}
        return rows[item.row()]

    def _unit_edited(self, language: str, text: str) -> None:
        question = self._question
        if question is None or self._loading:
            return
        unit = question.get("unit")
        if not isinstance(unit, dict):
            unit = {}
        put_text(unit, language, text)
        if unit:
            question["unit"] = unit
        else:
            question.pop("unit", None)
        self.edited.emit()

    def _remove_rows(self, table: QTableWidget, key: str) -> None:
        question = self._question
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
            self.edited.emit()

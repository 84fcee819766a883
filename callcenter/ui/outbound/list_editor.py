"""Creating or editing a call list: its settings, calling window, retries and screening script.

The dialog turns its widgets into a :class:`~callcenter.call_lists.CallListSpec` and asks the
service what is wrong with it (``validate_spec``, pure) on every change; problems appear beside
their fields and keep Save disabled. Loading and saving run on the database worker.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from callcenter.call_lists import (
    MAX_ATTEMPTS_RANGE,
    PRIORITY_RANGE,
    RETRY_MINUTES_RANGE,
    CallListInfo,
    CallListSpec,
    create_call_list,
    get_call_list,
    update_call_list,
    validate_spec,
)
from callcenter.clock import Clock, SystemClock
from callcenter.errors import CallcenterError
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text, show_error
from callcenter.ui.models.call_lists_model import day_name
from callcenter.ui.outbound.problems import code_text
from callcenter.ui.outbound.script_editor import ScriptEditor, ScriptJsonError
from callcenter.validation import StaleRecord, ValidationError

log = logging.getLogger(__name__)

MINUTES_IN_DAY = 24 * 60
#: Where each field's problems are shown (``retry_rules.busy`` → ``retry_rules``).
_FIELDS = (
    "name",
    "description",
    "priority",
    "window",
    "weekdays",
    "retry_rules",
    "max_attempts",
)


def _problem_field(key: str) -> str:
    head = key.split(".", 1)[0]
    if head in ("window_start", "window_end"):
        return "window"
    return head if head in _FIELDS or head == "script" else ""


class ListEditor(QDialog):
    #: The list was saved (a ``CallListInfo``).
    saved = Signal(object)
    #: The list to edit is on screen (at once for a new list).
    loaded = Signal()

    def __init__(
        self,
        context: UiContext,
        list_id: str | None = None,
        *,
        clock: Clock | None = None,
        agent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listEditor")
        self.context = context
        self.clock = clock or SystemClock()
        self.agent_id = agent_id
        self.list_id = list_id
        self.info: CallListInfo | None = None
        self._version: int | None = None
        self._retry_other: dict[str, int] = {}
        self._server_problems: dict[str, str] = {}
        self._saving = False
        self._ready = list_id is None
        self.problems: dict[str, str] = {}
        self.setWindowTitle(self.tr("New call list") if list_id is None else self.tr("Call list"))

        # -- the settings ------------------------------------------------------------------
        self.name = QLineEdit()
        self.name.setObjectName("listName")
        self.name.setPlaceholderText(self.tr("e.g. 2026 Q4 企业宽带"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("listDescription")
        self.description.setMaximumHeight(64)
        self.description.setTabChangesFocus(True)
        self.priority = QSpinBox()
        self.priority.setObjectName("listPriority")
        self.priority.setRange(*PRIORITY_RANGE)
        self.priority.setToolTip(self.tr("Lists with a higher priority are called first."))
        self.active = QCheckBox(self.tr("Active: the dialer offers its leads"))
        self.active.setObjectName("listActive")
        self.active.setChecked(True)

        self.window_start = QTimeEdit()
        self.window_start.setObjectName("windowStart")
        self.window_end = QTimeEdit()
        self.window_end.setObjectName("windowEnd")
        for edit in (self.window_start, self.window_end):
            edit.setDisplayFormat("HH:mm")
        self.window_end.setToolTip(self.tr("00:00 means until midnight."))
        self.window_start.setTime(QTime(9, 0))
        self.window_end.setTime(QTime(21, 0))
        window = QHBoxLayout()
        window.addWidget(self.window_start)
        window.addWidget(QLabel("–"))
        window.addWidget(self.window_end)
        window.addWidget(QLabel(self.tr("callee's local time")))
        window.addStretch(1)

        locale = QLocale()
        self.weekdays: list[QCheckBox] = []
        days = QHBoxLayout()
        for bit in range(7):
            box = QCheckBox(day_name(bit, locale))
            box.setObjectName(f"weekday{bit}")
            box.setToolTip(locale.dayName(bit + 1, QLocale.FormatType.LongFormat))
            box.setChecked(True)
            self.weekdays.append(box)
            days.addWidget(box)
        days.addStretch(1)

        self.retry_no_answer = QSpinBox()
        self.retry_no_answer.setObjectName("retryNoAnswer")
        self.retry_busy = QSpinBox()
        self.retry_busy.setObjectName("retryBusy")
        for box, value in ((self.retry_no_answer, 120), (self.retry_busy, 15)):
            box.setRange(*RETRY_MINUTES_RANGE)
            box.setSuffix(self.tr(" min"))
            box.setValue(value)
        retries = QFormLayout()
        retries.setContentsMargins(0, 0, 0, 0)
        retries.addRow(self.tr("After no answer, retry in:"), self.retry_no_answer)
        retries.addRow(self.tr("After busy, retry in:"), self.retry_busy)
        self.max_attempts = QSpinBox()
        self.max_attempts.setObjectName("maxAttempts")
        self.max_attempts.setRange(*MAX_ATTEMPTS_RANGE)
        self.max_attempts.setValue(5)
        retries.addRow(self.tr("Attempts per lead, at most:"), self.max_attempts)

        self.problem_labels: dict[str, QLabel] = {}
        settings = QFormLayout()
        settings.addRow(self.tr("&Name:"), self._with_problem(self.name, "name"))
        settings.addRow(
            self.tr("Description:"), self._with_problem(self.description, "description")
        )
        settings.addRow(self.tr("Priority:"), self._with_problem(self.priority, "priority"))
        settings.addRow("", self.active)
        settings.addRow(self.tr("Calling window:"), self._with_problem(window, "window"))
        settings.addRow(self.tr("Days:"), self._with_problem(days, "weekdays"))
        retry_box = QWidget()
        retry_box.setLayout(retries)
        settings.addRow(self.tr("Retries:"), self._with_problem(retry_box, "retry_rules"))
        self.problem_labels["max_attempts"] = self.problem_labels["retry_rules"]

        general = QGroupBox(self.tr("Call list"))
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(settings)
        general_layout.addStretch(1)
        self.script_editor = ScriptEditor()
        script_box = QGroupBox(self.tr("Screening script"))
        script_layout = QVBoxLayout(script_box)
        script_layout.addWidget(self.script_editor)

        # -- buttons and messages ----------------------------------------------------------
        self.message = QLabel()
        self.message.setObjectName("listEditorMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveList")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.stale_box: QMessageBox | None = None

        self.body = QWidget()
        columns = QHBoxLayout(self.body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(general, 2)
        columns.addWidget(script_box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1080, 620)

        # -- every change is checked at once -----------------------------------------------
        self.name.textChanged.connect(lambda: self._edited("name"))
        self.description.textChanged.connect(lambda: self._edited("description"))
        self.priority.valueChanged.connect(lambda: self._edited("priority"))
        self.active.toggled.connect(lambda: self._edited("active"))
        self.window_start.timeChanged.connect(lambda: self._edited("window"))
        self.window_end.timeChanged.connect(lambda: self._edited("window"))
        for box in self.weekdays:
            box.toggled.connect(lambda: self._edited("weekdays"))
        self.retry_no_answer.valueChanged.connect(lambda: self._edited("retry_rules"))
        self.retry_busy.valueChanged.connect(lambda: self._edited("retry_rules"))
        self.max_attempts.valueChanged.connect(lambda: self._edited("max_attempts"))
        self.script_editor.changed.connect(lambda: self._edited("script"))

        if list_id is None:
            self.revalidate()
            self.name.setFocus()
        else:
            self.reload()

    def _with_problem(self, content: QWidget | QHBoxLayout | QFormLayout, key: str) -> QWidget:
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if isinstance(content, QWidget):
            layout.addWidget(content)
        else:
            layout.addLayout(content)
        problem = QLabel()
        problem.setObjectName(f"problem_{key}")
        problem.setWordWrap(True)
        problem.setStyleSheet("color: #b00020;")
        problem.hide()
        layout.addWidget(problem)
        self.problem_labels[key] = problem
        return box

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list again (on the worker) and show it; unsaved edits are dropped."""
        db = self.context.database
        if db is None or self.list_id is None:
            return
        list_id = self.list_id
        self._ready = False
        self.body.setEnabled(False)
        self._say(self.tr("Loading…"))
        self.revalidate()
        self.context.tasks.run(
            lambda: get_call_list(db, list_id), self.load_info, self._load_failed, owner=self
        )

    def load_info(self, info: CallListInfo) -> None:
        self.info = info
        self.list_id = info.id
        self._version = info.version
        spec = info.spec
        self.setWindowTitle(self.tr("Call list: %1").replace("%1", spec.name))
        self.name.setText(spec.name)
        self.description.setPlainText(spec.description or "")
        self.priority.setValue(spec.priority)
        self.active.setChecked(spec.active)
        self.window_start.setTime(self._time(spec.window_start_minute))
        self.window_end.setTime(self._time(spec.window_end_minute))
        for bit, box in enumerate(self.weekdays):
            box.setChecked(bool(spec.weekdays & (1 << bit)))
        rules = dict(spec.retry_rules)
        self.retry_no_answer.setValue(int(rules.pop("no_answer", 120)))
        self.retry_busy.setValue(int(rules.pop("busy", 15)))
        self._retry_other = rules
        self.max_attempts.setValue(spec.max_attempts)
        self.script_editor.load(spec.script)
        self._server_problems = {}
        self._ready = True
        self.body.setEnabled(True)
        self._say("")
        self.revalidate()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self._say(error_text(exc))
        if not isinstance(exc, CallcenterError):
            log.error("loading a call list failed", exc_info=exc)

    @staticmethod
    def _time(minute: int) -> QTime:
        minute = minute % MINUTES_IN_DAY  # the end of the day (1440) shows as 00:00
        return QTime(minute // 60, minute % 60)

    # -- widgets -> spec ---------------------------------------------------------------------
    def spec(self) -> CallListSpec:
        """The list as edited. ``ScriptJsonError`` when the JSON tab does not hold JSON."""
        start = self.window_start.time()
        end = self.window_end.time()
        end_minute = end.hour() * 60 + end.minute() or MINUTES_IN_DAY
        weekdays = sum(1 << bit for bit, box in enumerate(self.weekdays) if box.isChecked())
        rules = dict(self._retry_other)
        rules["no_answer"] = self.retry_no_answer.value()
        rules["busy"] = self.retry_busy.value()
        return CallListSpec(
            name=self.name.text(),
            description=self.description.toPlainText().strip() or None,
            priority=self.priority.value(),
            active=self.active.isChecked(),
            window_start_minute=start.hour() * 60 + start.minute(),
            window_end_minute=end_minute,
            weekdays=weekdays,
            retry_rules=rules,
            max_attempts=self.max_attempts.value(),
            script=self.script_editor.script(),
        )

    def _edited(self, field: str) -> None:
        for key in list(self._server_problems):
            if _problem_field(key) == field or (field == "window" and key.startswith("window")):
                del self._server_problems[key]
        if self._server_problems == {} and self.message.text() and not self._saving:
            self._say("")
        self.revalidate()

    def revalidate(self) -> dict[str, str]:
        """Ask the service what is wrong and show it; Save only when nothing is."""
        try:
            problems = validate_spec(self.spec())
        except ScriptJsonError:
            problems = {"script": "invalid_json"}
        problems.update(self._server_problems)
        self.problems = problems
        by_field: dict[str, list[str]] = {}
        other: list[str] = []
        script: dict[str, str] = {}
        for key, code in problems.items():
            field = _problem_field(key)
            if field == "script":
                if key.startswith("script."):
                    script[key[len("script.") :]] = code
                elif code == "invalid_json" or not any(k.startswith("script.") for k in problems):
                    script[""] = code
            elif field:
                by_field.setdefault(field, []).append(code_text(code))
            else:
                other.append(f"{key}: {code_text(code)}")
        for field, label in self.problem_labels.items():
            lines = by_field.get(field, [])
            if field == "retry_rules":
                lines = by_field.get("retry_rules", []) + by_field.get("max_attempts", [])
            elif field == "max_attempts":
                continue
            label.setText("\n".join(dict.fromkeys(lines)))
            label.setVisible(bool(lines))
        if "invalid_json" not in script.values():
            self.script_editor.set_problems(script)
        else:
            self.script_editor.set_problems({"": "invalid_json"})
        if other:
            self._say("\n".join(other))
        self.save_button.setEnabled(not problems and self._ready and not self._saving)
        return problems

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        db = self.context.database
        if db is None or self.revalidate() or not self._ready:
            return
        spec = self.spec()
        now = self.clock.now()
        agent_id = self.agent_id
        list_id, version = self.list_id, self._version
        if list_id is None:

            def job() -> CallListInfo:
                return create_call_list(db, spec, now=now, agent_id=agent_id)
        else:

            def job() -> CallListInfo:
                return update_call_list(
                    db, list_id, spec, expected_version=version, now=now, agent_id=agent_id
                )

        self._saving = True
        self.save_button.setEnabled(False)
        self._say(self.tr("Saving…"))
        self.context.tasks.run(job, self._saved, self._save_failed, owner=self)

    def _saved(self, info: CallListInfo) -> None:
        self._saving = False
        self.info = info
        self.list_id = info.id
        self._version = info.version
        self._say("")
        self.saved.emit(info)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._say("")
        if isinstance(exc, ValidationError):
            self._server_problems = dict(exc.field_codes)
            self.revalidate()
        elif isinstance(exc, StaleRecord):
            self._ask_reload()
            self.revalidate()
        elif isinstance(exc, CallcenterError):
            self._say(error_text(exc))
            self.revalidate()
        else:
            log.error("saving a call list failed", exc_info=exc)
            self.revalidate()
            show_error(self, exc)

    def _ask_reload(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("staleListBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Call list changed"))
        box.setText(self.tr("Someone else changed this list while you were editing it."))
        box.setInformativeText(
            self.tr("Reload it? Your changes will be lost; choose No to keep editing.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda result: self._stale_answered(box, result))
        self.stale_box = box
        self._say(self.tr("Someone else changed this list; reload it before saving."))
        box.open()

    def _stale_answered(self, box: QMessageBox, result: int) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            self.reload()
        box.deleteLater()
        if self.stale_box is box:
            self.stale_box = None

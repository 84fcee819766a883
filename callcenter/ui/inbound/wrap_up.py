"""After the call: disposition, notes and next actions, with the wrap-up clock running."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QElapsedTimer, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.followups import CATEGORIES
from callcenter.ui.labels import Labels


@dataclass(frozen=True)
class WrapUp:
    disposition: str
    notes: str
    complaint: tuple[str, str, str] | None  # category, severity, subject
    callback_at: datetime | None
    callback_notes: str


class WrapUpPanel(QWidget):
    submitted = Signal(object)  # WrapUp

    def __init__(self, dispositions: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUp")
        labels = Labels(self)
        self.title = QLabel(self.tr("Wrap-up"))
        self.title.setObjectName("panelTitle")
        self.clock = QLabel()
        self.clock.setObjectName("wrapUpClock")
        self._elapsed = QElapsedTimer()
        self._limit_s = 30
        self._saving = False  # sent, waiting for the save (see ``set_saving``)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

        box = QGroupBox(self.tr("Disposition"))
        box_layout = QVBoxLayout(box)
        self.dispositions = QButtonGroup(self)
        self.disposition_buttons: dict[str, QRadioButton] = {}
        for number, code in enumerate(dispositions, start=1):
            button = QRadioButton(f"{number}  {labels.code('disposition', code)}")
            button.setProperty("code", code)
            button.setToolTip(f"Alt+{number}")
            QShortcut(QKeySequence(f"Alt+{number}"), self, button.click)
            self.dispositions.addButton(button, number)
            self.disposition_buttons[code] = button
            box_layout.addWidget(button)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What was the call about? (Ctrl+Enter saves)"))
        self.notes.setTabChangesFocus(True)

        self.open_complaint = QCheckBox(self.tr("Open a &complaint"))
        self.complaint_category = QComboBox()
        for code in CATEGORIES:
            self.complaint_category.addItem(labels.code("category", code), code)
        self.complaint_severity = QComboBox()
        for code in ("low", "medium", "high", "critical"):
            self.complaint_severity.addItem(labels.code("severity", code), code)
        self.complaint_severity.setCurrentIndex(1)
        self.complaint_subject = QLineEdit()
        self.complaint_subject.setPlaceholderText(self.tr("Subject of the complaint"))
        complaint_form = QFormLayout()
        complaint_form.addRow(self.tr("Category:"), self.complaint_category)
        complaint_form.addRow(self.tr("Severity:"), self.complaint_severity)
        complaint_form.addRow(self.tr("Subject:"), self.complaint_subject)
        self._complaint_fields = QWidget()
        self._complaint_fields.setLayout(complaint_form)

        self.schedule_callback = QCheckBox(self.tr("Schedule a call&back"))
        self.callback_at = QDateTimeEdit()
        self.callback_at.setCalendarPopup(True)
        self.callback_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.callback_notes = QLineEdit()
        self.callback_notes.setPlaceholderText(self.tr("What to call back about"))
        callback_form = QFormLayout()
        callback_form.addRow(self.tr("When:"), self.callback_at)
        callback_form.addRow(self.tr("About:"), self.callback_notes)
        self._callback_fields = QWidget()
        self._callback_fields.setLayout(callback_form)

        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.save_button = QPushButton(self.tr("Save and finish"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        self.save_button.clicked.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.clock)
        layout.addWidget(box)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.open_complaint)
        layout.addWidget(self._complaint_fields)
        layout.addWidget(self.schedule_callback)
        layout.addWidget(self._callback_fields)
        layout.addWidget(self.problem)
        layout.addWidget(self.save_button)
        self.open_complaint.toggled.connect(self._complaint_fields.setVisible)
        self.schedule_callback.toggled.connect(self._callback_fields.setVisible)

    def start(self, *, limit_seconds: int, suggest_complaint: bool = False) -> None:
        """Reset the form for a call that has just ended and start the wrap-up clock."""
        for button in self.disposition_buttons.values():
            button.setAutoExclusive(False)
            button.setChecked(False)
            button.setAutoExclusive(True)
        self.notes.clear()
        self.open_complaint.setChecked(suggest_complaint)
        self._complaint_fields.setVisible(suggest_complaint)
        self.complaint_subject.clear()
        self.schedule_callback.setChecked(False)
        self._callback_fields.setVisible(False)
        self.callback_at.setDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.callback_notes.clear()
        self.problem.hide()
        self.set_saving(False)
        self._limit_s = limit_seconds
        self._elapsed.start()
        self._ticker.start()
        self._tick()
        self.notes.setFocus()

    def stop(self) -> None:
        self._ticker.stop()

    def elapsed_seconds(self) -> int:
        return int(self._elapsed.elapsed() / 1000) if self._elapsed.isValid() else 0

    def _tick(self) -> None:
        left = self._limit_s - self.elapsed_seconds()
        if left >= 0:
            self.clock.setText(self.tr("%n second(s) left", "", left))
            self.clock.setProperty("overdue", False)
        else:
            self.clock.setText(self.tr("Over time by %n second(s)", "", -left))
            self.clock.setProperty("overdue", True)
        self.clock.style().unpolish(self.clock)
        self.clock.style().polish(self.clock)

    def set_saving(self, saving: bool) -> None:
        """While the wrap-up is being saved it cannot be sent again."""
        self._saving = saving
        self.save_button.setEnabled(not saving)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def submit(self) -> None:
        if self._saving:
            return
        button = self.dispositions.checkedButton()
        if button is None:
            self.show_problem(
                self.tr("Choose a disposition (Alt+1 … Alt+%1).").replace(
                    "%1", str(len(self.disposition_buttons))
                )
            )
            return
        complaint = None
        if self.open_complaint.isChecked():
            subject = self.complaint_subject.text().strip()
            if not subject:
                self.show_problem(self.tr("Enter the subject of the complaint."))
                self.complaint_subject.setFocus()
                return
            complaint = (
                self.complaint_category.currentData(),
                self.complaint_severity.currentData(),
                subject,
            )
        callback_at = None
        if self.schedule_callback.isChecked():
            callback_at = self.callback_at.dateTime().toPython().astimezone(UTC)
            if callback_at <= datetime.now(UTC) + timedelta(seconds=30):
                self.show_problem(self.tr("The callback must be in the future."))
                return
        self.problem.hide()
        self.submitted.emit(
            WrapUp(
                disposition=button.property("code"),
                notes=self.notes.toPlainText().strip(),
                complaint=complaint,
                callback_at=callback_at,
                callback_notes=self.callback_notes.text().strip(),
            )
        )


__all__ = ["WrapUp", "WrapUpPanel"]

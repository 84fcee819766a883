"""The outcome buttons of the preview dialer (Alt+1 … Alt+7), the notes, and the two questions
some outcomes ask first: when to call back, and "never call this number again?"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.clock import Clock
from callcenter.dialer import Outcome

#: The buttons, in the order shown and numbered (Alt+1 …).
OUTCOMES: tuple[Outcome, ...] = (
    Outcome.QUALIFIED,
    Outcome.NOT_INTERESTED,
    Outcome.CALLBACK,
    Outcome.NO_ANSWER,
    Outcome.BUSY,
    Outcome.WRONG_NUMBER,
    Outcome.DO_NOT_CALL,
)


def _to_utc(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def default_callback_time(now: datetime) -> QDateTime:
    """Tomorrow at 10:00 in the agent's (the computer's) local time."""
    tomorrow = now.astimezone() + timedelta(days=1)
    return QDateTime(QDate(tomorrow.year, tomorrow.month, tomorrow.day), QTime(10, 0))


class CallbackPicker(QDialog):
    """When to call back: a local date and time in the future."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackPicker")
        self.setWindowTitle(self.tr("Call back"))
        self._clock = clock
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(default_callback_time(clock.now()))
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Call back on (your local time):")))
        layout.addWidget(self.when)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.callback_at: datetime | None = None

    def accept(self) -> None:
        chosen = _to_utc(self.when.dateTime())
        if chosen <= self._clock.now():
            self.problem.setText(self.tr("The callback must be in the future."))
            self.problem.show()
            return
        self.callback_at = chosen
        super().accept()


class OutcomeBar(QWidget):
    """``outcomeChosen(outcome code, callback_at: aware datetime | None)`` once an outcome is
    chosen and, for a callback or do-not-call, its question answered."""

    outcomeChosen = Signal(str, object)

    def __init__(
        self,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        shortcut_scope: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeBar")
        self._clock = clock
        names = {
            Outcome.QUALIFIED: self.tr("Qualified"),
            Outcome.NOT_INTERESTED: self.tr("Not interested"),
            Outcome.CALLBACK: self.tr("Callback…"),
            Outcome.NO_ANSWER: self.tr("No answer"),
            Outcome.BUSY: self.tr("Busy"),
            Outcome.WRONG_NUMBER: self.tr("Wrong number"),
            Outcome.DO_NOT_CALL: self.tr("Do not call…"),
        }
        tips = {
            Outcome.QUALIFIED: self.tr("The lead qualifies: hand it off to sales"),
            Outcome.NOT_INTERESTED: self.tr("The callee is not interested: close the lead"),
            Outcome.CALLBACK: self.tr("The callee asked to be called back at a set time"),
            Outcome.NO_ANSWER: self.tr("Nobody answered: try again later"),
            Outcome.BUSY: self.tr("The line was busy: try again soon"),
            Outcome.WRONG_NUMBER: self.tr("The number does not belong to this lead"),
            Outcome.DO_NOT_CALL: self.tr("The callee asks never to be called again"),
        }
        scope = shortcut_scope or self
        self.buttons: dict[str, QPushButton] = {}
        self.shortcuts: dict[str, QShortcut] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for number, outcome in enumerate(OUTCOMES, start=1):
            button = QPushButton(names[outcome])
            button.setObjectName(f"outcome_{outcome}")
            keys = QKeySequence(f"Alt+{number}")
            button.setToolTip(
                f"{tips[outcome]} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            button.clicked.connect(lambda _=False, o=outcome: self.choose(o))
            shortcut = QShortcut(keys, scope)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
            self.buttons[outcome] = button
            self.shortcuts[outcome] = shortcut
            row.addWidget(button)
        self.buttons[Outcome.QUALIFIED].setObjectName("qualifiedButton")
        self.buttons[Outcome.DO_NOT_CALL].setObjectName("doNotCallButton")
        self.notes = QLineEdit()
        self.notes.setObjectName("outcomeNotes")
        self.notes.setMaxLength(1000)
        self.notes.setPlaceholderText(
            self.tr("Notes (for the callback, or why the number must not be called)")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notes)
        layout.addLayout(row)
        self.picker: CallbackPicker | None = None
        self.confirm_box: QMessageBox | None = None

    def set_outcomes_enabled(self, outcomes: Iterable[str]) -> None:
        allowed = set(outcomes)
        for outcome, button in self.buttons.items():
            button.setEnabled(outcome in allowed)

    def notes_text(self) -> str | None:
        return self.notes.text().strip() or None

    def clear(self) -> None:
        self.notes.clear()

    def choose(self, outcome: str) -> None:
        """As if the agent pressed ``outcome``'s button (it must be enabled)."""
        if not self.buttons[outcome].isEnabled():
            return
        if outcome == Outcome.CALLBACK:
            self.picker = CallbackPicker(self._clock, self)
            self.picker.accepted.connect(self._callback_picked)
            self.picker.open()
        elif outcome == Outcome.DO_NOT_CALL:
            box = QMessageBox(self)
            box.setObjectName("doNotCallConfirmation")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Do not call"))
            box.setText(self.tr("The number will never be called again by any list."))
            box.setInformativeText(self.tr("Put it on the do-not-call list?"))
            yes = box.addButton(self.tr("Never call again"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.buttonClicked.connect(lambda clicked: self._dnc_answered(clicked is yes))
            self.confirm_box = box
            box.open()
        else:
            self.outcomeChosen.emit(str(outcome), None)

    def _callback_picked(self) -> None:
        picker = self.picker
        if picker is not None and picker.callback_at is not None:
            self.outcomeChosen.emit(str(Outcome.CALLBACK), picker.callback_at)

    def _dnc_answered(self, confirmed: bool) -> None:
        if confirmed:
            self.outcomeChosen.emit(str(Outcome.DO_NOT_CALL), None)


__all__ = ["OUTCOMES", "CallbackPicker", "OutcomeBar", "default_callback_time"]

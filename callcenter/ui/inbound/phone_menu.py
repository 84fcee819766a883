"""The Phone menu (answer, hang up, ready, pause…) and the status-bar words for the agent's
state and the phone's connection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from callcenter.agent_states import PAUSE_REASONS, AgentState
from callcenter.telephony.interface import ConnectionChanged, ConnectionState
from callcenter.ui.inbound.controller import CallController


class PhoneMenu(QObject):
    def __init__(self, window: QMainWindow, *, demo: bool) -> None:
        super().__init__(window)
        menu = window.menuBar().addMenu(self.tr("&Phone"))
        self.menu = menu
        self.answer = self._action(window, self.tr("&Answer"), "F7")
        self.hang_up = self._action(window, self.tr("&Hang up / reject"), "F8")
        self.open_caller = self._action(
            window, self.tr("&Open the caller's customer record"), "Ctrl+O"
        )
        self.ready = self._action(window, self.tr("&Ready"), "F9")
        self.simulate = self._action(window, self.tr("&Simulate an incoming call"), "Ctrl+Shift+R")
        self.simulate.setVisible(demo)
        for action in (self.answer, self.hang_up, self.open_caller):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.ready)
        pause_menu = menu.addMenu(self.tr("&Pause"))
        labels = self.pause_labels()
        self.pause: dict[str, QAction] = {}
        for number, reason in enumerate(PAUSE_REASONS, start=1):
            action = self._action(window, labels.get(reason, reason), f"Ctrl+Shift+{number}")
            pause_menu.addAction(action)
            self.pause[reason] = action
        menu.addSeparator()
        menu.addAction(self.simulate)

    @staticmethod
    def _action(window: QMainWindow, text: str, keys: str) -> QAction:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        return action

    def connect_calls(self, calls: CallController | None, open_caller: Callable[[], None]) -> None:
        """Wire the actions to the inbound desk; without one the menu is disabled."""
        if calls is None:
            self.menu.setEnabled(False)
            return
        self.answer.triggered.connect(calls.answer)
        self.hang_up.triggered.connect(calls.hang_up)
        self.open_caller.triggered.connect(open_caller)
        self.ready.triggered.connect(calls.set_ready)
        for reason, action in self.pause.items():
            action.triggered.connect(lambda _=False, r=reason: calls.pause(r))

    def pause_labels(self) -> dict[str, str]:
        return {
            "break": self.tr("Break"),
            "lunch": self.tr("Lunch"),
            "training": self.tr("Training"),
            "meeting": self.tr("Meeting"),
            "after_call_work": self.tr("After-call work"),
            "other": self.tr("Other"),
        }

    def show_agent_state(
        self, label: QLabel, who: str, state: AgentState, reason: str | None
    ) -> None:
        names = {
            AgentState.OFFLINE: self.tr("Offline"),
            AgentState.READY: self.tr("Ready"),
            AgentState.ON_CALL: self.tr("On call"),
            AgentState.WRAP_UP: self.tr("Wrap-up"),
            AgentState.PAUSED: self.tr("Paused"),
        }
        text = names.get(state, str(state))
        if state == AgentState.PAUSED and reason:
            text += f" ({self.pause_labels().get(reason, reason)})"
        label.setText(self.tr("%1: %2").replace("%1", who).replace("%2", text) if who else text)
        label.setProperty("state", str(state))
        label.style().unpolish(label)
        label.style().polish(label)

    def show_connection(self, label: QLabel, event: ConnectionChanged) -> None:
        names = {
            ConnectionState.CONNECTED: self.tr("Phone: connected"),
            ConnectionState.CONNECTING: self.tr("Phone: connecting…"),
            ConnectionState.DISCONNECTED: self.tr("Phone: not connected"),
            ConnectionState.FAILED: self.tr("Phone: connection failed"),
        }
        label.setText(names.get(event.state, str(event.state)))
        label.setToolTip(event.detail)

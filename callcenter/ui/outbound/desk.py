"""The outbound desk's glue: the dialer page, the call lists, lead imports and the hand-off.

Like ``inbound.controller`` it holds no business rule: it connects the dialer page to the
phone (through the call controller, so a lead's call is logged with the lead and its outcome
ends the wrap-up), opens the lead import dialog, and keeps the hand-off sender running while
the database is open.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from callcenter.agents import AgentInfo
from callcenter.clock import Clock
from callcenter.followups import active_call_lists
from callcenter.handoff import DeliveryReport
from callcenter.handoff_sender import HandoffSender
from callcenter.storage.database import Database
from callcenter.ui.context import UiContext
from callcenter.ui.errors import show_error
from callcenter.ui.inbound.controller import CallController
from callcenter.ui.outbound.dialer_page import DialerPage
from callcenter.ui.outbound.lead_import_dialog import LeadImportDialog
from callcenter.ui.outbound.lists_page import ListsPage

log = logging.getLogger(__name__)


class OutboundDesk(QObject):
    # A passing message for the status bar: (text, milliseconds).
    message = Signal(str, int)
    # Leads were imported or changed state: lead lists may refresh.
    leadsChanged = Signal()
    # The agent asked to see a customer.
    openCustomer = Signal(str)
    # A hand-off round ended (from the sender thread; queued to the GUI thread).
    _delivered = Signal(object)

    def __init__(
        self,
        context: UiContext,
        clock: Clock,
        calls: CallController | None,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.context = context
        self.clock = clock
        self.calls = calls
        self.window = window
        self.sender: HandoffSender | None = None
        self.import_dialog: LeadImportDialog | None = None

        self.dialer_page = DialerPage(context, clock)
        self.dialer_page.set_phone_available(calls is not None)
        self.dialer_page.openCustomer.connect(self.openCustomer)
        self.dialer_page.outcomeRecorded.connect(self._outcome_recorded)
        self.lists_page = ListsPage(context, clock)
        self.lists_page.importLeadsRequested.connect(self.import_leads)
        self.lists_page.listsChanged.connect(self.dialer_page.refresh_lists)
        self.lists_page.statusMessage.connect(lambda text: self.message.emit(text, 8000))
        self._delivered.connect(self._show_delivery)
        if calls is not None:
            self.dialer_page.dialRequested.connect(self._dial)
            calls.leadCallLogged.connect(self._lead_call_logged)
            calls.leadCallEnded.connect(lambda _lead: self.dialer_page.call_ended())
            calls.leadCallAnswered.connect(lambda _lead: self.dialer_page.call_answered())

    # -- life cycle ------------------------------------------------------------------------
    def database_ready(self, db: Database, agent: AgentInfo | None) -> None:
        self.shutdown()  # another database: the old sender goes
        self.dialer_page.set_agent(agent.id if agent else None)
        self.lists_page.agent_id = agent.id if agent else None
        self.sender = HandoffSender(
            db,
            self.clock,
            self.context.settings,
            self.context.secrets,
            on_report=self._delivered.emit,
        )
        self.sender.start()

    def settings_changed(self) -> None:
        if self.sender is not None:
            self.sender.wake()

    def shutdown(self) -> None:
        """The window closes: an import going on is cancelled (it leaves nothing behind), the
        lead on the card goes back, the hand-off sender stops."""
        if self.import_dialog is not None:
            with contextlib.suppress(RuntimeError):  # the dialog is gone already
                self.import_dialog.progress.cancel()
        self.dialer_page.release_held()
        if self.sender is not None:
            self.sender.stop()
            self.sender = None

    # -- calls -----------------------------------------------------------------------------
    def _dial(self, number: str, lead_id: str, _customer_id: object) -> None:
        assert self.calls is not None
        if not self.calls.dial(number, lead_id):
            self.dialer_page.call_refused()

    def _lead_call_logged(self, lead_id: str, row_id: str) -> None:
        self.dialer_page.call_started(row_id, lead_id)

    def _outcome_recorded(self, result: object) -> None:
        if self.calls is not None:
            self.calls.lead_wrapped_up()
        if getattr(result, "handoff_key", None) and self.sender is not None:
            self.sender.wake()
        self.leadsChanged.emit()

    def _show_delivery(self, report: DeliveryReport) -> None:
        if report.delivered:
            self.message.emit(
                self.tr("%n qualified lead(s) handed off to sales.", "", report.delivered), 8000
            )
        if report.failed:
            self.message.emit(
                self.tr(
                    "%n hand-off(s) could not be delivered and were given up: export them "
                    "from Call lists.",
                    "",
                    report.failed,
                ),
                15000,
            )

    # -- lead import -----------------------------------------------------------------------
    def import_leads(self, list_name: str = "") -> None:
        """Pick a file, then open the import dialog (into ``list_name`` when given)."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import leads"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.import_file(Path(path), list_name or None)

    def import_file(self, path: Path, list_name: str | None = None) -> None:
        db = self.context.database
        if db is None:
            return
        self.context.tasks.run(
            lambda: [choice.name for choice in active_call_lists(db)],
            lambda names: self._open_import(path, names, list_name),
            lambda exc: show_error(self.window, exc),
            owner=self,
        )

    def _open_import(self, path: Path, names: list[str], list_name: str | None) -> None:
        dialog = LeadImportDialog(
            self.context, path, list_names=names, default_list=list_name, parent=self.window
        )
        dialog.finished_import.connect(self._imported)
        dialog.open()
        self.import_dialog = dialog

    def _imported(self, result: object) -> None:
        if getattr(result, "imported", 0):
            self.lists_page.refresh()
            self.dialer_page.refresh_lists()
            self.leadsChanged.emit()

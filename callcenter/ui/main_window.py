"""The main window: navigation between the work areas, the status bar, the menus."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from callcenter import APP_NAME, __version__, worklists
from callcenter.agent_states import AgentState
from callcenter.agents import AgentInfo
from callcenter.clock import Clock, SystemClock
from callcenter.logs import current_log_file
from callcenter.resources import resource
from callcenter.settings import config_dir
from callcenter.storage.database import Database
from callcenter.telephony.interface import ConnectionChanged
from callcenter.ui.bridge import TelephonyBridge
from callcenter.ui.context import UiContext
from callcenter.ui.customer.new_customer import NewCustomerDialog
from callcenter.ui.customer.page import CustomerPage
from callcenter.ui.errors import error_text, show_error
from callcenter.ui.import_dialog import ImportDialog
from callcenter.ui.inbound.call_panel import CallPanel
from callcenter.ui.inbound.controller import CallController
from callcenter.ui.inbound.phone_menu import PhoneMenu
from callcenter.ui.outbound.desk import OutboundDesk
from callcenter.ui.pages.worklist_page import WorkListPage
from callcenter.ui.search_box import SearchBox
from callcenter.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: The first work area has painted rows from the database (start-up is over).
    firstScreenPainted = Signal()
    #: The database could not be opened or migrated.
    databaseFailed = Signal(object)

    def __init__(
        self,
        context: UiContext,
        bridge: TelephonyBridge | None = None,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bridge = bridge
        self.clock = clock or SystemClock()
        self.agent: AgentInfo | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Callcenter") + (self.tr(" — demo") if context.demo else ""))
        self.setWindowIcon(QIcon(str(resource("icons/app.svg"))))
        self.resize(1280, 800)
        self._awaiting_first_paint = True

        database = lambda: self.context.database  # noqa: E731 - read at call time
        tasks = context.tasks
        self.calls: CallController | None = None
        self.call_panel = CallPanel(tuple(context.settings.dispositions), demo=context.demo)
        if bridge is not None:
            self.calls = CallController(context, bridge, self.call_panel, self.clock, self)
        self.outbound = OutboundDesk(context, self.clock, self.calls, self)
        self.pages: dict[str, Any] = {
            "inbound": WorkListPage(
                self.tr("Recent calls"),
                lambda n: self.tr("%n call(s)", "", n),
                worklists.RECENT_CALLS,
                tasks,
                database,
            ),
            "dialer": self.outbound.dialer_page,
            "leads": WorkListPage(
                self.tr("Leads"),
                lambda n: self.tr("%n lead(s)", "", n),
                worklists.LEADS,
                tasks,
                database,
            ),
            "lists": self.outbound.lists_page,
            "complaints": WorkListPage(
                self.tr("Complaints"),
                lambda n: self.tr("%n complaint(s)", "", n),
                worklists.COMPLAINTS,
                tasks,
                database,
            ),
            "callbacks": WorkListPage(
                self.tr("Callbacks and return visits"),
                lambda n: self.tr("%n callback(s)", "", n),
                worklists.CALLBACKS,
                tasks,
                database,
            ),
            "team": WorkListPage(
                self.tr("Team"),
                lambda n: self.tr("%n agent(s)", "", n),
                worklists.TEAM,
                tasks,
                database,
            ),
        }
        nav_titles = {
            "inbound": self.tr("Inbound"),
            "dialer": self.tr("Dialer"),
            "leads": self.tr("Leads"),
            "lists": self.tr("Call lists"),
            "complaints": self.tr("Complaints"),
            "callbacks": self.tr("Callbacks"),
            "team": self.tr("Team"),
        }
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(168)
        self.stack = QStackedWidget()
        for number, (key, page) in enumerate(self.pages.items(), start=1):
            item = QListWidgetItem(QIcon(str(resource(f"icons/{key}.svg"))), nav_titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(
                self.tr("Go to %1 (Ctrl+%2)")
                .replace("%1", nav_titles[key])
                .replace("%2", str(number))
            )
            self.nav.addItem(item)
            self.stack.addWidget(page)
            if isinstance(page, WorkListPage):
                page.shown.connect(self._page_shown)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setEnabled(False)
        self.customer_page = CustomerPage(context)
        self.customer_page.backRequested.connect(self._back_from_customer)
        self.customer_page.call_button.setEnabled(bridge is not None)
        self.stack.addWidget(self.customer_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.search = SearchBox(context)
        self.search.customerPicked.connect(self.open_customer)
        self.search.setEnabled(False)
        toolbar = QToolBar(self.tr("Search"))
        toolbar.setObjectName("searchBar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

        self.call_dock = QDockWidget(self.tr("Call"))
        self.call_dock.setObjectName("callDock")
        self.call_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.call_dock.setWidget(self.call_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.call_dock)
        self.outbound.openCustomer.connect(self.open_customer)
        self.outbound.message.connect(self.statusBar().showMessage)
        self.outbound.leadsChanged.connect(self._leads_changed)
        if bridge is not None and self.calls is not None:
            self.calls.agentStateChanged.connect(self._agent_state_changed)
            self.calls.openCustomer.connect(self.open_customer)
            self.calls.newCustomer.connect(self.new_customer)
            self.calls.callLogged.connect(self._call_logged)
            bridge.connectionChanged.connect(self._phone_connection)
            self.customer_page.dialRequested.connect(self.calls.dial)
        else:
            self.call_dock.hide()

        self._build_status_bar()
        self._build_menus(nav_titles)
        self._restore_geometry()

    # -- construction --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.agent_state = QLabel(self.tr("Agent: not signed in"))
        self.agent_state.setObjectName("agentState")
        self.phone_state = QLabel(self.tr("Phone: not connected"))
        self.phone_state.setObjectName("phoneState")
        self.phone_state.setToolTip(self.tr("No phone system is configured yet."))
        self.database_state = QLabel(self.tr("Database: opening…"))
        self.database_state.setObjectName("databaseState")
        for label in (self.agent_state, self.phone_state, self.database_state):
            bar.addPermanentWidget(label)
        if self.context.demo:
            demo = QLabel(self.tr("DEMO"))
            demo.setObjectName("demoBadge")
            demo.setToolTip(self.tr("You are working in the demo database."))
            bar.addPermanentWidget(demo)

    def _build_menus(self, nav_titles: dict[str, str]) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.addAction(self.settings_action)
        self.import_action = QAction(self.tr("&Import customers…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setEnabled(False)
        self.import_action.triggered.connect(self._import_customers)
        file_menu.addAction(self.import_action)
        self.import_leads_action = QAction(self.tr("Import &leads…"), self)
        self.import_leads_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_leads_action.setEnabled(False)
        self.import_leads_action.triggered.connect(lambda: self.outbound.import_leads())
        file_menu.addAction(self.import_leads_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, key in enumerate(self.pages, start=1):
            action = QAction(nav_titles[key], self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.go_to(row))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self._refresh_current)
        self.refresh_action.setEnabled(False)
        view_menu.addAction(self.refresh_action)

        self.phone = PhoneMenu(self, demo=self.context.demo)
        self.phone.connect_calls(self.calls, self._open_caller)
        self.call_panel.simulateRequested.connect(self.phone.simulate.trigger)
        self.search_action = QAction(self.tr("&Search"), self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self._focus_search)
        self.addAction(self.search_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts)
        open_logs = QAction(self.tr("Open the &log folder"), self)
        open_logs.triggered.connect(self._open_log_folder)
        help_menu.addAction(open_logs)
        about = QAction(self.tr("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- calls, customers, agent state -------------------------------------------------------
    def open_customer(self, customer_id: str) -> None:
        if self.stack.currentWidget() is not self.customer_page:
            self._previous_page = self.stack.currentIndex()
        self.customer_page.agent_id = self.agent.id if self.agent else None
        self.stack.setCurrentWidget(self.customer_page)
        self.customer_page.show_customer(customer_id)

    def go_to(self, row: int) -> None:
        """Show the work area in this row of the navigation."""
        self.nav.setCurrentRow(row)
        self._show_page(row)

    def _back_from_customer(self) -> None:
        self.go_to(getattr(self, "_previous_page", 0))

    def _open_caller(self) -> None:
        card = self.call_panel.card
        if card is not None:
            self.open_customer(card.customer_id)

    def new_customer(self, pop: object) -> None:
        dialog = NewCustomerDialog(
            self.context, pop, agent_id=self.agent.id if self.agent else None, parent=self
        )
        dialog.created.connect(lambda profile: self._customer_created(dialog, profile))
        dialog.open()
        self.new_customer_dialog = dialog

    def _customer_created(self, dialog: NewCustomerDialog, profile: object) -> None:
        matched = dialog.pop.e164 if dialog.pop is not None else None
        if self.calls is not None:
            self.calls.customer_created(
                profile.id,  # type: ignore[attr-defined]
                matched,
                complaint=dialog.next_step == "complaint",
            )
        self.statusBar().showMessage(self.tr("Customer saved."), 5000)

    def _import_customers(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import customers"),
            "",
            self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportDialog:
        dialog = ImportDialog(self.context, path, self)
        dialog.finished_import.connect(
            lambda _: self.statusBar().showMessage(dialog.summary.text(), 10000)
        )
        dialog.open()
        dialog.start()
        self.import_dialog = dialog
        return dialog

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _call_logged(self) -> None:
        self.pages["inbound"].refresh_if_loaded()
        self.customer_page.refresh_timeline()  # the call (or its wrap-up) may be theirs

    def _agent_state_changed(self, state: AgentState, reason: str | None, _since: object) -> None:
        who = self.agent.name if self.agent else ""
        self.phone.show_agent_state(self.agent_state, who, state, reason)

    def _phone_connection(self, event: ConnectionChanged) -> None:
        self.phone.show_connection(self.phone_state, event)

    # -- database life cycle ---------------------------------------------------------------
    def database_ready(self, db: Database, agent: AgentInfo | None = None) -> None:
        self.context.database = db
        place = self.tr("demo database") if self.context.demo else db.display_name
        self.database_state.setText(self.tr("Database: %1").replace("%1", place))
        self.database_state.setToolTip(db.display_name)
        self.agent = agent
        if agent is None:
            self.agent_state.setText(self.tr("Agent: not signed in"))
            self.agent_state.setToolTip(self.tr("Set your agent login in the settings."))
        if self.calls is not None:
            self.calls.database_ready(db, agent)
        self.nav.setEnabled(True)
        self.search.setEnabled(True)
        self.import_action.setEnabled(True)
        self.import_leads_action.setEnabled(True)
        self.refresh_action.setEnabled(True)
        self.outbound.database_ready(db, agent)
        self.nav.setCurrentRow(0)
        self._show_page(0)

    def database_failed(self, exc: BaseException) -> None:
        self.database_state.setText(self.tr("Database: unavailable"))
        self.database_state.setToolTip(error_text(exc))
        show_error(self, exc)
        self.databaseFailed.emit(exc)

    # -- behaviour -------------------------------------------------------------------------
    def current_page(self) -> Any:
        """The work area chosen in the navigation (the customer view is not one)."""
        return list(self.pages.values())[max(0, self.nav.currentRow())]

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.current_page()
        if self.context.database is None:
            return
        if isinstance(page, WorkListPage):
            page.ensure_loaded()
        elif page is self.outbound.lists_page:
            page.refresh()

    def _refresh_current(self) -> None:
        if self.stack.currentWidget() is self.customer_page:
            if self.customer_page.view is not None:
                self.customer_page.show_customer(self.customer_page.view.profile.id)
        elif isinstance(page := self.current_page(), WorkListPage):
            page.reload()
        elif page is self.outbound.lists_page:
            page.refresh()
        elif page is self.outbound.dialer_page:
            page.refresh_lists()

    def _leads_changed(self) -> None:
        self.pages["leads"].refresh_if_loaded()

    def _page_shown(self) -> None:
        if self._awaiting_first_paint and self.sender() is self.current_page():
            viewport = self.current_page().table.viewport()
            viewport.installEventFilter(self)
            viewport.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._awaiting_first_paint and event.type() == QEvent.Type.Paint:
            page = self.current_page()
            if isinstance(page, WorkListPage) and watched is page.table.viewport():
                self._awaiting_first_paint = False
                watched.removeEventFilter(self)
                # Emitted once this paint has been delivered.
                QTimer.singleShot(0, self.firstScreenPainted.emit)
        return super().eventFilter(watched, event)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.context.settings, self.context.secrets, self)
        dialog.saved.connect(self._settings_saved)
        dialog.open()

    def _settings_saved(self, needs_restart: bool) -> None:
        self.outbound.settings_changed()
        if needs_restart:
            self.statusBar().showMessage(
                self.tr("Settings saved. Restart the application to apply them."), 10000
            )
        else:
            self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def shortcut_lines(self) -> list[tuple[str, str]]:
        """Every keyboard shortcut with what it does, in the agent's language."""
        native = QKeySequence.SequenceFormat.NativeText
        actions = (
            self.phone.answer,
            self.phone.hang_up,
            self.phone.open_caller,
            self.phone.ready,
            self.search_action,
            self.import_action,
            self.import_leads_action,
            self.refresh_action,
            self.settings_action,
        )
        lines = [(a.shortcut().toString(native), a.text().replace("&", "")) for a in actions]
        lines += [
            ("Ctrl+Shift+1 … 6", self.tr("Pause with a reason")),
            ("Alt+1 … 7", self.tr("Choose the disposition in the wrap-up")),
            ("Ctrl+Enter", self.tr("Save the wrap-up")),
            ("Ctrl+N", self.tr("Next lead (in the dialer)")),
            ("Alt+1 … 7", self.tr("Record the outcome of a lead's call (in the dialer)")),
            ("Ctrl+1 … 7", self.tr("Go to a work area")),
            ("Ctrl+S", self.tr("Save the customer")),
            ("Ctrl+Q", self.tr("Quit")),
        ]
        return lines

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>"
            for k, v in self.shortcut_lines()
        )
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def _open_log_folder(self) -> None:
        log_file = current_log_file()
        if log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About %1").replace("%1", APP_NAME),
            self.tr("%1 %2\nA desktop client for call-center agents and team leads.")
            .replace("%1", APP_NAME)
            .replace("%2", __version__),
        )

    # -- window state ----------------------------------------------------------------------
    def _window_settings(self) -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        stored = self._window_settings().value("main/geometry")
        if stored is not None:
            self.restoreGeometry(stored)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._window_settings().setValue("main/geometry", self.saveGeometry())
        if self.calls is not None:
            self.calls.shutdown()
        self.outbound.shutdown()
        super().closeEvent(event)

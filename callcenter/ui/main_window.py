"""The main window: navigation between the work areas, the status bar, the menus."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from callcenter import APP_NAME, __version__, worklists
from callcenter.logs import current_log_file
from callcenter.resources import resource
from callcenter.settings import config_dir
from callcenter.storage.database import Database
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text, show_error
from callcenter.ui.pages.worklist_page import WorkListPage
from callcenter.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: The first work area has painted rows from the database (start-up is over).
    firstScreenPainted = Signal()
    #: The database could not be opened or migrated.
    databaseFailed = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Callcenter") + (self.tr(" — demo") if context.demo else ""))
        self.setWindowIcon(QIcon(str(resource("icons/app.svg"))))
        self.resize(1280, 800)
        self._awaiting_first_paint = True

        database = lambda: self.context.database  # noqa: E731 - read at call time
        tasks = context.tasks
        self.pages = {
            "inbound": WorkListPage(
                self.tr("Recent calls"),
                lambda n: self.tr("%n call(s)", "", n),
                worklists.RECENT_CALLS,
                tasks,
                database,
            ),
            "leads": WorkListPage(
                self.tr("Leads"),
                lambda n: self.tr("%n lead(s)", "", n),
                worklists.LEADS,
                tasks,
                database,
            ),
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
            "leads": self.tr("Leads"),
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
            page.shown.connect(self._page_shown)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setEnabled(False)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

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
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for number, key in enumerate(self.pages, start=1):
            action = QAction(nav_titles[key], self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.nav.setCurrentRow(row))
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self._refresh_current)
        self.refresh_action.setEnabled(False)
        view_menu.addAction(self.refresh_action)

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

    # -- database life cycle ---------------------------------------------------------------
    def database_ready(self, db: Database) -> None:
        self.context.database = db
        place = self.tr("demo database") if self.context.demo else db.display_name
        self.database_state.setText(self.tr("Database: %1").replace("%1", place))
        self.database_state.setToolTip(db.display_name)
        self.nav.setEnabled(True)
        self.refresh_action.setEnabled(True)
        self.nav.setCurrentRow(0)
        self._show_page(0)

    def database_failed(self, exc: BaseException) -> None:
        self.database_state.setText(self.tr("Database: unavailable"))
        self.database_state.setToolTip(error_text(exc))
        show_error(self, exc)
        self.databaseFailed.emit(exc)

    # -- behaviour -------------------------------------------------------------------------
    def current_page(self) -> WorkListPage:
        page = self.stack.currentWidget()
        assert isinstance(page, WorkListPage)
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        if self.context.database is not None:
            self.current_page().ensure_loaded()

    def _refresh_current(self) -> None:
        self.current_page().reload()

    def _page_shown(self) -> None:
        if self._awaiting_first_paint and self.sender() is self.current_page():
            viewport = self.current_page().table.viewport()
            viewport.installEventFilter(self)
            viewport.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._awaiting_first_paint and event.type() == QEvent.Type.Paint:
            page = self.current_page()
            if watched is page.table.viewport():
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
        if needs_restart:
            self.statusBar().showMessage(
                self.tr("Settings saved. Restart the application to apply them."), 10000
            )
        else:
            self.statusBar().showMessage(self.tr("Settings saved."), 5000)

    def show_shortcuts(self) -> None:
        lines = [
            (
                QKeySequence("Ctrl+1").toString(QKeySequence.SequenceFormat.NativeText)
                + " … "
                + QKeySequence("Ctrl+5").toString(QKeySequence.SequenceFormat.NativeText),
                self.tr("Go to a work area"),
            ),
            (
                self.refresh_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                self.tr("Reload the list"),
            ),
            (
                self.settings_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                self.tr("Settings"),
            ),
            ("Ctrl+Q", self.tr("Quit")),
        ]
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in lines)
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
        super().closeEvent(event)

"""The call lists (campaigns): their settings and progress, and what can be done with them."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.call_lists import CallListInfo, list_call_lists, set_active
from callcenter.clock import Clock
from callcenter.errors import CallcenterError
from callcenter.handoff import export_handoffs
from callcenter.list_progress import all_progress, export_progress
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text, show_error
from callcenter.ui.models.call_lists_model import CallListRow, CallListsModel, join_rows
from callcenter.ui.outbound.list_editor import ListEditor
from callcenter.ui.outbound.list_progress import ListProgressView

log = logging.getLogger(__name__)


class ListsPage(QWidget):
    #: A list was created, edited, paused or resumed.
    listsChanged = Signal()
    #: The user wants to import leads into the named list.
    importLeadsRequested = Signal(str)
    #: A passing message for the status bar.
    statusMessage = Signal(str)
    #: The table shows a fresh load.
    refreshed = Signal()
    #: An export finished (the path written).
    exported = Signal(str)

    def __init__(self, context: UiContext, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listsPage")
        self.context = context
        self.clock = clock
        self.agent_id: str | None = None
        self.editor: ListEditor | None = None
        self._loading = False
        self._selected_id: str | None = None
        #: The latest refresh: an older one read the lists before a change made since.
        self._load_generation = 0
        #: Lists whose pause or resume is on the worker: their button stays off meanwhile.
        self._toggling: set[str] = set()

        self.title = QLabel(self.tr("Call lists"))
        self.title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        self.new_button = QPushButton(self.tr("New list…"))
        self.new_button.setObjectName("newList")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editList")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("pauseList")
        self.import_button = QPushButton(self.tr("Import leads…"))
        self.import_button.setObjectName("importLeads")
        self.export_button = QPushButton(self.tr("Export progress…"))
        self.export_button.setObjectName("exportProgress")
        self.handoff_button = QPushButton(self.tr("Export hand-offs…"))
        self.handoff_button.setObjectName("exportHandoffs")
        self.handoff_button.setToolTip(self.tr("The qualified leads of the selected list"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshLists")

        self.model = CallListsModel(self)
        self.table = QTableView()
        self.table.setObjectName("callListsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.progress_view = ListProgressView()
        self.progress_view.setMinimumHeight(240)

        self.status = QLabel()
        self.status.setObjectName("listsStatus")
        self.status.setWordWrap(True)

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.pause_button, self.import_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.handoff_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.progress_view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([200, 300])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.new_button.clicked.connect(self.new_list)
        self.edit_button.clicked.connect(self.edit_selected)
        self.pause_button.clicked.connect(self.toggle_active)
        self.import_button.clicked.connect(self._import_clicked)
        self.export_button.clicked.connect(self.export_progress)
        self.handoff_button.clicked.connect(self.export_handoffs)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.doubleClicked.connect(lambda index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the lists and their figures again, on the worker."""
        db = self.context.database
        if db is None:
            return
        now = self.clock.now()
        self._loading = True
        self._load_generation += 1
        generation = self._load_generation
        self.count.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)

        def load() -> list[CallListRow]:
            return join_rows(list_call_lists(db), all_progress(db, now=now))

        self.context.report_tasks().run(
            load,
            lambda rows: self._loaded(generation, rows),
            lambda exc: self._load_failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, rows: list[CallListRow]) -> None:
        if generation != self._load_generation:
            return  # a later refresh is on its way, with what changed since this one read
        self._loading = False
        self.refresh_button.setEnabled(True)
        self._set_rows(rows)
        self.count.setText(self.tr("%n list(s)", "", len(rows)))
        self.table.resizeColumnsToContents()
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, 240))
        self.refreshed.emit()

    def _set_rows(self, rows: list[CallListRow]) -> None:
        """Show these rows, keeping the selected list selected (else the first)."""
        keep = self._selected_id
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show_selected()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._load_generation:
            return
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.count.setText(self.tr("Could not load the call lists."))
        self._report(exc)

    # -- selection ---------------------------------------------------------------------------
    def selected(self) -> CallListRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(rows[0].row())

    def select_list(self, list_id: str) -> bool:
        row = self.model.row_of(list_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected()
        self._selected_id = row.id if row else self._selected_id
        self.progress_view.show_progress(row.progress if row else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.pause_button, self.import_button):
            button.setEnabled(row is not None)
        if row is not None and row.id in self._toggling:
            self.pause_button.setEnabled(False)
        self.handoff_button.setEnabled(row is not None)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.pause_button.setText(
            self.tr("Resume") if row is not None and not row.active else self.tr("Pause")
        )
        self.pause_button.setToolTip(
            self.tr("Start calling this list again")
            if row is not None and not row.active
            else self.tr("Stop offering this list's leads to the agents")
        )

    # -- actions -----------------------------------------------------------------------------
    @Slot()
    def new_list(self) -> ListEditor:
        return self._open_editor(None)

    @Slot()
    def edit_selected(self) -> ListEditor | None:
        row = self.selected()
        if row is None:
            return None
        return self._open_editor(row.id)

    def _open_editor(self, list_id: str | None) -> ListEditor:
        editor = ListEditor(
            self.context, list_id, clock=self.clock, agent_id=self.agent_id, parent=self
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._editor_saved)
        self.editor = editor
        editor.open()
        return editor

    def _editor_saved(self, info) -> None:
        self._selected_id = info.id
        self._say(self.tr("Call list “%1” saved.").replace("%1", info.spec.name))
        self.listsChanged.emit()
        self.refresh()

    @Slot()
    def toggle_active(self) -> None:
        row = self.selected()
        db = self.context.database
        if row is None or db is None:
            return
        list_id, active, now = row.id, not row.active, self.clock.now()
        if list_id in self._toggling:
            return
        agent_id = self.agent_id
        self._toggling.add(list_id)
        self._update_buttons()
        self.context.tasks.run(
            lambda: set_active(db, list_id, active, now=now, agent_id=agent_id),
            self._active_set,
            lambda exc: self._toggle_failed(list_id, exc),
            owner=self,
        )

    def _active_set(self, info: CallListInfo) -> None:
        self._toggling.discard(info.id)
        # The figures are refreshed below, slowly: show the list's new state at once.
        rows = [
            CallListRow(info, row.progress) if row.id == info.id else row
            for row in self.model.rows()
        ]
        self._set_rows(rows)
        self._update_buttons()
        text = (
            self.tr("Call list “%1” resumed.")
            if info.spec.active
            else self.tr("Call list “%1” paused.")
        )
        self._say(text.replace("%1", info.spec.name))
        self.listsChanged.emit()
        self.refresh()

    def _toggle_failed(self, list_id: str, exc: BaseException) -> None:
        self._toggling.discard(list_id)
        self._action_failed(exc)

    def _import_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.importLeadsRequested.emit(row.name)

    def _ask_path(self, caption: str, stem: str) -> Path | None:
        """A file to write: ``.xlsx`` or ``.csv``, chosen by the filter when typed without."""
        xlsx = self.tr("Excel workbook (*.xlsx)")
        csv = self.tr("CSV file (*.csv)")
        name, chosen = QFileDialog.getSaveFileName(
            self, caption, str(Path.home() / f"{stem}.xlsx"), f"{xlsx};;{csv}"
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if chosen == csv else ".xlsx"))
        return path

    @Slot()
    def export_progress(self) -> None:
        db = self.context.database
        if db is None:
            return
        path = self._ask_path(self.tr("Export progress"), "call-list-progress")
        if path is None:
            return
        now = self.clock.now()
        list_ids = [row.id for row in self.model.rows()]
        self._say(self.tr("Exporting…"))
        self.context.report_tasks().run(
            lambda: export_progress(db, path, now=now, list_ids=list_ids),
            lambda written: self._exported(
                self.tr("Progress of %n list(s) written to %1.", "", len(list_ids)), written
            ),
            self._action_failed,
            owner=self,
        )

    @Slot()
    def export_handoffs(self) -> None:
        row = self.selected()
        db = self.context.database
        if row is None or db is None:
            return
        path = self._ask_path(self.tr("Export hand-offs"), "handoffs")
        if path is None:
            return
        list_id = row.id
        fmt = path.suffix.lower().lstrip(".")
        self._say(self.tr("Exporting…"))
        self.context.tasks.run(
            lambda: (export_handoffs(db, path, list_id=list_id, fmt=fmt), path),
            lambda result: self._exported(
                self.tr("%n qualified lead(s) written to %1.", "", result[0]), result[1]
            ),
            self._action_failed,
            owner=self,
        )

    def _exported(self, text: str, path: Path) -> None:
        self._say(text.replace("%1", str(path)))
        self.exported.emit(str(path))

    def _action_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self._report(exc)

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, CallcenterError):
            self._say(error_text(exc))
        else:
            log.error("call lists: a background job failed", exc_info=exc)
            show_error(self, exc)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        if text:
            self.statusMessage.emit(text)

"""A work area that shows one work list: a heading, its size, and a lazily filled table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from callcenter.storage.database import Database
from callcenter.ui.models.lazy_table import LazyTableModel
from callcenter.ui.tasks import TaskRunner
from callcenter.worklists import WorkList


class WorkListPage(QWidget):
    #: The first page of rows is on screen.
    shown = Signal()

    def __init__(
        self,
        title: str,
        count_text: Callable[[int], str],
        worklist: WorkList,
        tasks: TaskRunner,
        database: Callable[[], Database | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{worklist.key}")
        self._count_text = count_text
        self.title = QLabel(title)
        self.title.setObjectName("pageTitle")
        self.count = QLabel()
        self.count.setObjectName("pageCount")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload this list (F5)"))

        self.model = LazyTableModel(worklist, tasks, database, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(False)
        # Size columns from the first rows only: measuring every row costs a frame or more.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self._sized = False

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        heading.addStretch(1)
        heading.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.table, 1)

        self.count.setText(self.tr("Loading…"))
        self.model.totalChanged.connect(lambda n: self.count.setText(self._count_text(n)))
        self.model.firstPageLoaded.connect(self._first_page_loaded)
        self.model.loadFailed.connect(self._load_failed)
        self.refresh_button.clicked.connect(self.reload)
        self._loaded_once = False

    def reload(self) -> None:
        self.count.setText(self.tr("Loading…"))
        self.model.reload()

    def refresh_if_loaded(self) -> None:
        """The data changed: reload, unless the list was never shown (it loads when it is)."""
        if self._loaded_once:
            self.reload()

    def ensure_loaded(self) -> None:
        """Load the list the first time the page is shown."""
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    def _first_page_loaded(self) -> None:
        if not self._sized and self.model.rowCount():
            self._sized = True  # a reload keeps the widths the agent sees (or has dragged)
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                if self.table.columnWidth(column) > 320:
                    self.table.setColumnWidth(column, 320)
        self.shown.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self.count.setText(self.tr("Could not load this list."))
        self.count.setToolTip(str(exc))
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

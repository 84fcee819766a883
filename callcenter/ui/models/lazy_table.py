"""A table model that holds only the rows fetched so far and fetches the next page on demand.

Pages are read on the database worker (``TaskRunner``), never on the GUI thread: ``fetchMore``
only asks for a page, and the rows are inserted when it arrives. A ``reload`` bumps a generation
number so pages of a previous load that arrive late are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from callcenter.storage.database import Database
from callcenter.ui.labels import Labels
from callcenter.ui.tasks import TaskRunner
from callcenter.worklists import Page, WorkList

Index = QModelIndex | QPersistentModelIndex


class LazyTableModel(QAbstractTableModel):
    #: The first page of a (re)load has arrived and been inserted.
    firstPageLoaded = Signal()
    #: The total number of rows is known (it is counted in the background).
    totalChanged = Signal(int)
    loadFailed = Signal(object)

    def __init__(
        self,
        worklist: WorkList,
        tasks: TaskRunner,
        database: Callable[[], Database | None],
        *,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._worklist = worklist
        self._tasks = tasks
        self._database = database
        self._page_size = page_size
        self._rows: list[tuple[Any, ...]] = []
        self._cursor: tuple[Any, ...] | None = None
        self._exhausted = True
        self._in_flight = False
        self._generation = 0
        self._total: int | None = None
        self._labels = Labels()
        self._headers = [self._labels.header(c.key) for c in worklist.columns]

    # -- loading -------------------------------------------------------------------------
    @property
    def total(self) -> int | None:
        return self._total

    @property
    def loading(self) -> bool:
        return self._in_flight

    def reload(self) -> None:
        """Forget every row and fetch the first page (and the total) again."""
        db = self._database()
        if db is None:
            return
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._cursor = None
        self._exhausted = False
        self._in_flight = False
        self._total = None
        self.endResetModel()
        generation = self._generation
        # The rows first: on a large table the count takes longer than a page, and the agent
        # needs the rows, not the total, to start working (one worker runs jobs in order).
        self._request_page()
        self._tasks.run(
            lambda: self._worklist.count(db),
            lambda total: self._set_total(generation, total),
            self.loadFailed.emit,
            owner=self,
        )

    def _set_total(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self.totalChanged.emit(total)

    def _request_page(self) -> None:
        db = self._database()
        if db is None or self._in_flight or self._exhausted:
            return
        self._in_flight = True
        generation, cursor, limit = self._generation, self._cursor, self._page_size
        self._tasks.run(
            lambda: self._worklist.fetch(db, cursor, limit),
            lambda page: self._append(generation, page),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _append(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        first = not self._rows
        if page.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._cursor = page.cursor
        self._exhausted = page.cursor is None
        if first:
            self.firstPageLoaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._in_flight = False
            self._exhausted = True
            self.loadFailed.emit(exc)

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._worklist.columns)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._in_flight

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid():
            self._request_page()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._worklist.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._labels.display(column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind == "number":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def row_values(self, row: int) -> Sequence[Any]:
        return self._rows[row]

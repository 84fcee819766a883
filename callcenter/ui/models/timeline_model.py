"""The customer's timeline as a table: open items first, then everything newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from callcenter.customers import TimelineItem, TimelineKind
from callcenter.ui.labels import Labels

Index = QModelIndex | QPersistentModelIndex
OPEN_BACKGROUND = QColor("#fff6e0")


class TimelineModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[TimelineItem] = []
        self._labels = Labels()
        self._headers = [
            self.tr("When"),
            self.tr("Type"),
            self.tr("What"),
            self.tr("Status"),
            self.tr("Details"),
        ]
        self._kinds = {
            TimelineKind.CALL: self.tr("Call"),
            TimelineKind.COMPLAINT: self.tr("Complaint"),
            TimelineKind.CALLBACK: self.tr("Callback"),
            TimelineKind.LEAD: self.tr("Lead"),
            TimelineKind.SATISFACTION: self.tr("Satisfaction"),
        }

    def set_items(self, items: tuple[TimelineItem, ...] | list[TimelineItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> TimelineItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4 and item.detail:
            return item.detail
        if role == Qt.ItemDataRole.BackgroundRole and item.is_open:
            return QBrush(OPEN_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and item.is_open:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, item: TimelineItem, column: int) -> str:
        if column == 0:
            return item.at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return self._kinds.get(item.kind, str(item.kind))
        if column == 2:
            if item.kind == TimelineKind.CALL:
                direction = self._labels.code("direction", item.extra.get("direction"))
                what = self._labels.code("disposition", item.title) if item.title else ""
                return " · ".join(x for x in (direction, what) if x)
            if item.kind == TimelineKind.SATISFACTION:
                return self.tr("Satisfaction %1/5").replace("%1", str(item.extra.get("score", "")))
            return item.title
        if column == 3:
            key = "state" if item.kind == TimelineKind.LEAD else "status"
            return self._labels.code(key, item.status) if item.status else ""
        return (item.detail or "").replace("\n", " ")

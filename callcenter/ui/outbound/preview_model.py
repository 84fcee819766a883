"""The first rows of a file to import, with the columns the import will use highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from callcenter.importing.columns import ColumnMapping
from callcenter.importing.preview import FilePreview

Index = QModelIndex | QPersistentModelIndex

MAPPED_BACKGROUND = QColor("#e3f4e5")  # a column the import reads
PROBLEM_BACKGROUND = QColor("#fdecea")  # a row the import will reject as unreadable


class PreviewModel(QAbstractTableModel):
    """Read-only: the preview's rows, one column per header cell.

    The horizontal header is the file's header text, the vertical header the line number as
    in an editor or Excel. Cells of mapped columns are tinted; cells of ignored columns are
    greyed; unreadable rows are tinted red with their problem in the tool tip.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview: FilePreview | None = None
        self._mapping: ColumnMapping | None = None

    # -- state

    @property
    def preview(self) -> FilePreview | None:
        return self._preview

    @property
    def mapping(self) -> ColumnMapping | None:
        return self._mapping

    def set_preview(
        self, preview: FilePreview | None, mapping: ColumnMapping | None = None
    ) -> None:
        self.beginResetModel()
        self._preview = preview
        self._mapping = mapping if mapping is not None else (preview.mapping if preview else None)
        self.endResetModel()

    def set_mapping(self, mapping: ColumnMapping) -> None:
        if self._preview is None or mapping.headers != self._preview.headers:
            raise ValueError("the mapping was made for another header")
        self._mapping = mapping
        columns = self.columnCount()
        if columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(self.rowCount() - 1, columns - 1),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole],
                )

    # -- Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._preview is None:
            return 0
        return len(self._preview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._preview is None:
            return 0
        return len(self._preview.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._preview is None:
            return None
        row = self._preview.rows[index.row()]
        text = row.values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ⏎ ".join(text.splitlines()) if "\n" in text or "\r" in text else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problem is not None:
                return self.tr("This row cannot be imported (%1).").replace("%1", row.problem)
            return text or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.problem is not None:
                return QBrush(PROBLEM_BACKGROUND)
            if self._mapped(index.column()):
                return QBrush(MAPPED_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not self._mapped(index.column()):
                return QApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            return None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._preview is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._preview.headers):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                text = self._preview.headers[section].strip()
                return text or self.tr("Column %1").replace("%1", str(section + 1))
            return None
        if not 0 <= section < len(self._preview.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self._preview.rows[section].line)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Line %1 of the file").replace(
                "%1", str(self._preview.rows[section].line)
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _mapped(self, column: int) -> bool:
        return self._mapping is not None and self._mapping.field_of(column) is not None

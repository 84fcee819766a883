"""The call lists (campaigns) as a table: settings and progress figures side by side.

A call centre has a handful of lists, and their figures are computed in one query per load
(``list_progress.all_progress``), so the model holds every row at once: frozen
:class:`CallListRow` values built on the worker, swapped in by :meth:`CallListsModel.set_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from callcenter.call_lists import CallListInfo
from callcenter.list_progress import ListProgress

Index = QModelIndex | QPersistentModelIndex

#: Qt's Monday..Sunday (``Qt.DayOfWeek`` 1..7) for the bits 0..6 of ``weekdays``.
_QT_DAYS = (1, 2, 3, 4, 5, 6, 7)
ALL_DAYS = 0b1111111

#: The row's list id, for views and tests.
ListIdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class CallListRow:
    info: CallListInfo
    progress: ListProgress | None

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.spec.name

    @property
    def active(self) -> bool:
        return self.info.spec.active


def join_rows(infos: Sequence[CallListInfo], progress: Sequence[ListProgress]) -> list[CallListRow]:
    """Each list with its figures (``None`` when the figures do not cover it)."""
    by_id = {p.list_id: p for p in progress}
    return [CallListRow(info, by_id.get(info.id)) for info in infos]


def minute_text(minute: int) -> str:
    """Minutes after midnight as ``HH:MM``; the end of the day is ``24:00``."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def day_name(bit: int, locale: QLocale | None = None) -> str:
    """The short local name of weekday ``bit`` (0 = Monday … 6 = Sunday)."""
    return (locale or QLocale()).dayName(_QT_DAYS[bit], QLocale.FormatType.ShortFormat)


def weekdays_text(weekdays: int, locale: QLocale | None = None) -> str:
    """``Mon–Fri``, ``Mon, Wed–Fri``, ``every day`` or ``no day``, in the local language."""
    if weekdays & ALL_DAYS == ALL_DAYS:
        return QCoreApplication.translate("CallLists", "every day")
    runs: list[tuple[int, int]] = []
    for bit in range(7):
        if weekdays & (1 << bit):
            if runs and runs[-1][1] == bit - 1:
                runs[-1] = (runs[-1][0], bit)
            else:
                runs.append((bit, bit))
    if not runs:
        return QCoreApplication.translate("CallLists", "no day")
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(day_name(first, locale))
        elif last == first + 1:
            parts.append(f"{day_name(first, locale)}, {day_name(last, locale)}")
        else:
            parts.append(f"{day_name(first, locale)}–{day_name(last, locale)}")
    return ", ".join(parts)


def window_text(start: int, end: int, weekdays: int, locale: QLocale | None = None) -> str:
    """The calling window as people read it: ``09:00–21:00 Mon–Fri``."""
    return f"{minute_text(start)}–{minute_text(end)} {weekdays_text(weekdays, locale)}"


def percent_text(rate: float | None, locale: QLocale | None = None) -> str:
    """A 0..1 rate as ``37%`` (localised digits); ``–`` when there is nothing to divide."""
    if rate is None:
        return "–"
    return (locale or QLocale()).toString(rate * 100, "f", 0) + "%"


class CallListsModel(QAbstractTableModel):
    COLUMNS = (
        "name",
        "status",
        "priority",
        "window",
        "leads",
        "callable_now",
        "contact_rate",
        "qualification_rate",
        "remaining",
    )
    _NUMERIC = frozenset(
        {"priority", "leads", "callable_now", "contact_rate", "qualification_rate", "remaining"}
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CallListRow] = []
        self._locale = QLocale()
        self._headers = {
            "name": self.tr("Call list"),
            "status": self.tr("Status"),
            "priority": self.tr("Priority"),
            "window": self.tr("Calling window"),
            "leads": self.tr("Leads"),
            "callable_now": self.tr("Callable now"),
            "contact_rate": self.tr("Contacted"),
            "qualification_rate": self.tr("Qualified"),
            "remaining": self.tr("Remaining"),
        }
        self._tooltips = {
            "priority": self.tr("Lists with a higher priority are called first."),
            "window": self.tr("When leads may be called, in the callee's local time."),
            "callable_now": self.tr("Leads the dialer may offer right now."),
            "contact_rate": self.tr("Share of dialled leads that were reached."),
            "qualification_rate": self.tr("Share of reached leads that qualified."),
            "remaining": self.tr("Leads that are not finished yet."),
        }

    # -- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CallListRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> CallListRow:
        return self._rows[row]

    def rows(self) -> list[CallListRow]:
        return list(self._rows)

    def row_of(self, list_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == list_id), None)

    # -- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == ListIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                return row.info.spec.description or row.name
            if key == "window":
                return self._display(row, key)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in self._NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor("#1b7f3b")
        return None

    def _display(self, row: CallListRow, key: str) -> str:
        spec, progress, locale = row.info.spec, row.progress, self._locale
        if key == "name":
            return spec.name
        if key == "status":
            return self.tr("Active") if spec.active else self.tr("Paused")
        if key == "priority":
            return locale.toString(spec.priority)
        if key == "window":
            return window_text(
                spec.window_start_minute, spec.window_end_minute, spec.weekdays, locale
            )
        if key == "leads":
            return locale.toString(row.info.lead_count)
        if progress is None:
            return "–"
        if key == "callable_now":
            return locale.toString(progress.callable_now)
        if key == "contact_rate":
            return percent_text(progress.contact_rate, locale)
        if key == "qualification_rate":
            return percent_text(progress.qualification_rate, locale)
        if key == "remaining":
            return locale.toString(progress.remaining)
        return ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        key = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips.get(key)
        return None

"""The figures of one call list: its leads by state (with bars), attempts, rates, what is left."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcenter.list_progress import ListProgress
from callcenter.ui.labels import Labels
from callcenter.ui.models.call_lists_model import percent_text


class ListProgressView(QWidget):
    """Shows a :class:`ListProgress`; ``show_progress(None)`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listProgressView")
        self._labels = Labels(self)
        self._locale = QLocale()
        self.title = QLabel()
        self.title.setObjectName("listProgressTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)

        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setVerticalSpacing(4)
        for key, label in (
            ("total", self.tr("Leads:")),
            ("callable_now", self.tr("Callable now:")),
            ("remaining", self.tr("Remaining:")),
            ("attempts", self.tr("Attempts:")),
            ("dialled", self.tr("Dialled:")),
            ("contacted", self.tr("Contacted:")),
            ("contact_rate", self.tr("Contact rate:")),
            ("qualified", self.tr("Qualified:")),
            ("qualification_rate", self.tr("Qualification rate:")),
        ):
            value = QLabel()
            value.setObjectName(f"figure_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = value
            form.addRow(label, value)
        self.figures["contact_rate"].setToolTip(self.tr("Contacted leads out of dialled leads."))
        self.figures["qualification_rate"].setToolTip(
            self.tr("Qualified leads out of contacted leads.")
        )

        self.states = QTableWidget(0, 3)
        self.states.setObjectName("leadsByState")
        self.states.setHorizontalHeaderLabels([self.tr("State"), self.tr("Leads"), ""])
        self.states.verticalHeader().hide()
        self.states.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.states.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.states.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.states.setShowGrid(False)
        header = self.states.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.placeholder = QLabel(self.tr("Select a call list to see its progress."))
        self.placeholder.setObjectName("listProgressPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._content = QWidget()
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.title)
        columns = QHBoxLayout()
        columns.addLayout(form)
        columns.addSpacing(24)
        states = QVBoxLayout()
        states.addWidget(QLabel(self.tr("Leads by state:")))
        states.addWidget(self.states, 1)
        columns.addLayout(states, 1)
        content.addLayout(columns, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self._content, 1)
        self.progress: ListProgress | None = None
        self.show_progress(None)

    def show_progress(self, progress: ListProgress | None) -> None:
        self.progress = progress
        self.placeholder.setVisible(progress is None)
        self._content.setVisible(progress is not None)
        if progress is None:
            return
        number = self._locale.toString
        self.title.setText(progress.name)
        for key in (
            "total",
            "callable_now",
            "remaining",
            "attempts",
            "dialled",
            "contacted",
            "qualified",
        ):
            self.figures[key].setText(number(getattr(progress, key)))
        self.figures["contact_rate"].setText(percent_text(progress.contact_rate, self._locale))
        self.figures["qualification_rate"].setText(
            percent_text(progress.qualification_rate, self._locale)
        )
        states = [(state, count) for state, count in progress.by_state.items() if count]
        states.sort(key=lambda item: -item[1])
        self.states.setRowCount(len(states))
        for row, (state, count) in enumerate(states):
            self.states.setItem(row, 0, QTableWidgetItem(self._labels.code("state", state)))
            figure = QTableWidgetItem(number(count))
            figure.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.states.setItem(row, 1, figure)
            bar = QProgressBar()
            bar.setRange(0, max(progress.total, 1))
            bar.setValue(count)
            bar.setFormat("%p%")
            bar.setMaximumHeight(16)
            bar.setMaximumWidth(360)
            self.states.setCellWidget(row, 2, bar)
        self.states.resizeRowsToContents()

    def state_counts(self) -> dict[str, str]:
        """What the state table shows: label -> number (for tests and screen readers)."""
        return {
            self.states.item(row, 0).text(): self.states.item(row, 1).text()
            for row in range(self.states.rowCount())
        }

"""A table header with a field chooser under each column's name (the column-mapping step)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from callcenter.importing.columns import ColumnMapping, Field

_MARGIN = 3


class MappingHeader(QHeaderView):
    """Horizontal header: the file's header text on top, a combo below it (a field or Ignore).

    ``choices`` are ``(label, field or None)`` pairs, ``None`` meaning the column is ignored.
    :meth:`show_mapping` shows a mapping (no signal); a user's choice emits
    ``fieldChosen(column, Field | None)`` and the owner answers with the new mapping.
    """

    fieldChosen = Signal(int, object)

    def __init__(
        self, choices: Sequence[tuple[str, Field | None]], parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mappingHeader")
        self._choices = tuple(choices)
        self._combos: list[QComboBox] = []
        self._recognised: ColumnMapping | None = None
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.sectionResized.connect(self._place)
        self.geometriesChanged.connect(self._place)
        probe = self._new_combo()
        probe.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        font = QFont(probe.font())
        font.setBold(True)
        probe.setFont(font)
        self._combo_size = probe.sizeHint()
        probe.deleteLater()
        self.setMinimumSectionSize(max(self._combo_size.width() + 2 * _MARGIN, 80))

    # -- public

    def combo(self, column: int) -> QComboBox:
        return self._combos[column]

    def combos(self) -> list[QComboBox]:
        return list(self._combos)

    def set_columns(self, count: int, recognised: ColumnMapping | None) -> None:
        """One combo per column; ``recognised`` (the suggested mapping) is marked in bold."""
        for combo in self._combos:
            combo.deleteLater()
        self._combos = []
        self._recognised = recognised
        for column in range(count):
            combo = self._new_combo()
            combo.setObjectName(f"fieldCombo{column}")
            combo.setParent(self.viewport())
            combo.currentIndexChanged.connect(
                lambda index, column=column: self._chosen(column, index)
            )
            combo.show()
            self._combos.append(combo)
        self._place()

    def show_mapping(self, mapping: ColumnMapping) -> None:
        labels = {fld: label for label, fld in self._choices}
        for column, combo in enumerate(self._combos):
            fld = mapping.field_of(column)
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(fld.value if fld else ""), 0))
            combo.blockSignals(False)
            font = QFont(combo.font())
            font.setBold(fld is not None)
            combo.setFont(font)
            recognised = self._recognised.field_of(column) if self._recognised else None
            if recognised is not None:
                combo.setToolTip(
                    self.tr("Recognised from the header as: %1").replace(
                        "%1", labels.get(recognised, str(recognised))
                    )
                )
            else:
                combo.setToolTip(self.tr("Choose what this column holds."))

    def field_of(self, column: int) -> Field | None:
        value = self._combos[column].currentData()
        return Field(value) if value else None

    # -- Qt

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        text = self.fontMetrics().height() + 2 * _MARGIN + 2
        return QSize(hint.width(), text + self._combo_size.height() + 2 * _MARGIN)

    # -- private

    def _new_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        for label, fld in self._choices:
            combo.addItem(label, fld.value if fld is not None else "")
        return combo

    def _chosen(self, column: int, index: int) -> None:
        value = self._combos[column].itemData(index)
        self.fieldChosen.emit(column, Field(value) if value else None)

    def _place(self, *_args: object) -> None:
        height = self._combo_size.height()
        top = self.height() - height - _MARGIN
        for column, combo in enumerate(self._combos):
            if self.isSectionHidden(column):
                combo.hide()
                continue
            x = self.sectionViewportPosition(column)
            width = self.sectionSize(column)
            combo.setGeometry(x + _MARGIN, top, max(width - 2 * _MARGIN, 0), height)
            combo.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

"""Importing customers from a spreadsheet: progress, cancel, and a summary with the report."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.importing.customers import ImportResult, import_customers
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int)


class ImportDialog(QDialog):
    finished_import = Signal(object)  # ImportResult

    def __init__(self, context: UiContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers"))
        self.setMinimumWidth(480)
        self.context = context
        self.path = path
        self.result: ImportResult | None = None
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress)

        self.file_label = QLabel(self.tr("Importing %1").replace("%1", path.name))
        self.file_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importSummary")
        self.report_button = QPushButton(self.tr("Open the report of rejected rows"))
        self.report_button.hide()
        self.report_button.clicked.connect(self._open_report)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.report_button)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        db = self.context.database
        if db is None:
            return
        region = self.context.settings.default_region
        progress, cancel, path = self._progress, self._cancel, self.path
        self.context.tasks.run(
            lambda: import_customers(
                db,
                path,
                default_region=region,
                progress=lambda done, total: progress.changed.emit(done, total or 0),
                cancel=cancel.is_set,
            ),
            self._done,
            self._failed,
            owner=self,
        )

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        self.summary.setText(self.tr("%n row(s) read", "", done))

    def _done(self, result: ImportResult) -> None:
        self.result = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if result.cancelled:
            self.summary.setText(self.tr("Cancelled: nothing was imported."))
        else:
            self.summary.setText(
                self.tr("%1 rows: %2 imported, %3 duplicates, %4 rejected.")
                .replace("%1", str(result.rows))
                .replace("%2", str(result.imported))
                .replace("%3", str(result.duplicates))
                .replace("%4", str(result.invalid))
            )
        self.report_button.setVisible(result.report is not None)
        self._finish()
        self.finished_import.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.summary.setText(error_text(exc))
        self._finish()

    def _finish(self) -> None:
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

    def _cancel_or_close(self) -> None:
        if self.result is None and not self._cancel.is_set() and self.buttons.buttons():
            button = self.buttons.buttons()[0]
            if self.buttons.standardButton(button) == QDialogButtonBox.StandardButton.Cancel:
                self._cancel.set()
                self.summary.setText(self.tr("Cancelling…"))
                return
        self.accept()

    def _open_report(self) -> None:
        if self.result is not None and self.result.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.report)))

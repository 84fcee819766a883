"""Importing customers from a spreadsheet: progress, cancel, and a summary with the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcenter.importing.customers import ImportResult, import_customers
from callcenter.ui.context import UiContext
from callcenter.ui.errors import error_text
from callcenter.ui.import_progress import ImportProgress


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

        self.file_label = QLabel(self.tr("Importing %1").replace("%1", path.name))
        self.file_label.setWordWrap(True)
        self.progress = ImportProgress(context.tasks, self)
        self.progress.finished.connect(self._done)
        self.progress.failed.connect(self._failed)
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
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.report_button)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        db = self.context.database
        if db is None:
            return
        region, path = self.context.settings.default_region, self.path
        self.progress.start(
            lambda progress, cancel: import_customers(
                db, path, default_region=region, progress=progress, cancel=cancel
            )
        )

    def _done(self, result: ImportResult) -> None:
        self.result = result
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
        self.summary.setText(error_text(exc))
        self._finish()

    def _finish(self) -> None:
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

    def _cancel_or_close(self) -> None:
        if self.progress.running:
            self.progress.cancel()
            return
        self.accept()

    def _open_report(self) -> None:
        if self.result is not None and self.result.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.report)))

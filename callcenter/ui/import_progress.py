"""One import running on the worker: a progress bar, a line of status, and cancel.

Any import service with ``progress(done, total)`` and ``cancel()`` callbacks fits
(``import_leads``, ``import_customers``): the caller hands :meth:`ImportProgress.start` a job
that takes the two callbacks. Progress crosses from the worker to the GUI thread by a queued
signal; cancel is a ``threading.Event`` the service asks between batches (it rolls back, so a
cancelled import leaves nothing behind).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from callcenter.importing.pipeline import CancelCallback, ProgressCallback
from callcenter.ui.tasks import TaskRunner

ImportJob = Callable[[ProgressCallback, CancelCallback], Any]


class _Carrier(QObject):
    """Lives on the GUI thread; emitted from the worker, so its slots run queued."""

    changed = Signal(int, int)


class ImportProgress(QWidget):
    finished = Signal(object)  # the job's result (an ImportResult), on the GUI thread
    failed = Signal(object)  # the exception the job raised
    progressed = Signal(int, int)  # rows done, rows expected (0: unknown)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self._tasks = tasks
        self._cancel = threading.Event()
        self._running = False
        self._carrier = _Carrier(self)
        self._carrier.changed.connect(self._show_progress)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgressBar")
        self.bar.setRange(0, 0)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def cancelling(self) -> bool:
        return self._running and self._cancel.is_set()

    def start(self, job: ImportJob) -> None:
        """Run ``job(progress, cancel)`` on the worker."""
        if self._running:
            raise RuntimeError("an import is already running")
        self._running = True
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Reading the file…"))
        carrier, cancel = self._carrier, self._cancel

        def progress(done: int, total: int | None) -> None:
            if shiboken6.isValid(carrier):  # the dialog may be gone: the import goes on
                carrier.changed.emit(done, total or 0)

        self._tasks.run(lambda: job(progress, cancel.is_set), self._done, self._failed, owner=self)

    def cancel(self) -> None:
        if self._running and not self._cancel.is_set():
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    def _show_progress(self, done: int, total: int) -> None:
        if not self._running:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if not self._cancel.is_set():
            locale = QLocale()
            if total > 0:
                self.status.setText(
                    self.tr("%1 of about %2 rows read")
                    .replace("%1", locale.toString(done))
                    .replace("%2", locale.toString(max(total, done)))
                )
            else:
                self.status.setText(self.tr("%n row(s) read", "", done))
        self.progressed.emit(done, total)

    def _done(self, result: Any) -> None:
        self._running = False
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.status.clear()
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.clear()
        self.failed.emit(exc)

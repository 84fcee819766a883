"""Showing errors: expected ones kindly, bugs with the path of the log file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from callcenter.errors import CallcenterError
from callcenter.logs import current_log_file


def error_text(exc: BaseException) -> str:
    """A sentence for the user in their language."""
    if not isinstance(exc, CallcenterError):
        log_file = current_log_file()
        where = str(log_file) if log_file else ""
        return QCoreApplication.translate(
            "Errors",
            "Something went wrong inside the application. Details are in the log file: {0}",
        ).format(where)
    texts = {
        "invalid_phone": QCoreApplication.translate("Errors", "This is not a valid phone number."),
        "database_unavailable": QCoreApplication.translate(
            "Errors", "The database cannot be opened. Check the database settings."
        ),
        "database_newer": QCoreApplication.translate(
            "Errors",
            "The database was written by a newer version of this application. "
            "Please update the application.",
        ),
        "migration_failed": QCoreApplication.translate(
            "Errors", "The database could not be updated. A backup was kept."
        ),
        "hub_unreachable": QCoreApplication.translate(
            "Errors", "The team hub cannot be reached. Your work is kept on this computer."
        ),
        "settings_error": QCoreApplication.translate(
            "Errors", "The settings file cannot be read or written."
        ),
        "stale_record": QCoreApplication.translate(
            "Errors", "Someone else changed this record in the meantime."
        ),
        "not_found": QCoreApplication.translate("Errors", "This record no longer exists."),
        "keyring_unavailable": QCoreApplication.translate(
            "Errors", "No system keyring is available: passwords are asked for each session."
        ),
    }
    return texts.get(exc.code, exc.message)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(parent)
    expected = isinstance(exc, CallcenterError)
    box.setIcon(QMessageBox.Icon.Warning if expected else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Error"))
    box.setText(error_text(exc))
    if isinstance(exc, CallcenterError) and exc.message:
        box.setDetailedText(exc.message)
    box.open()


class ErrorReporter(QObject):
    """Shows errors raised on any thread: ``report`` may be called from a worker."""

    _reported = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._reported.connect(lambda exc: show_error(self._window, exc))

    def report(self, exc: BaseException) -> None:
        self._reported.emit(exc)

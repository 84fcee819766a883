"""Expected errors: each carries a stable ``code`` the UI translates, and an English message.

Anything that is not a ``CallcenterError`` is a bug and is shown with the path of the log file.
"""

from __future__ import annotations


class CallcenterError(Exception):
    """An expected failure a user can understand and act on."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, **details: object) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.details = details

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InvalidPhoneNumber(CallcenterError, ValueError):
    """A phone number that cannot be understood. ``code`` says why (see ``phones.Reason``)."""

    code = "invalid_phone"


class ImportRowRejected(CallcenterError):
    """One row of an imported file was refused; ``details`` holds ``line`` and ``reason``."""

    code = "import_row_rejected"


class DatabaseUnavailable(CallcenterError):
    """The database cannot be opened or reached."""

    code = "database_unavailable"


class MigrationError(CallcenterError):
    """The database schema could not be brought up to date."""

    code = "migration_failed"


class HubUnreachable(CallcenterError):
    """The team hub cannot be reached; work continues locally."""

    code = "hub_unreachable"


class SettingsError(CallcenterError):
    """The settings file cannot be read or written."""

    code = "settings_error"


class KeyringUnavailable(CallcenterError):
    """No OS keyring is available: secrets must be asked for each session."""

    code = "keyring_unavailable"

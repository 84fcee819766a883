"""Keyring backends for tests: one that keeps passwords in a dict, one that always fails.

Use them with ``keyring.set_keyring(...)`` and restore the previous backend afterwards.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A working OS keyring stand-in: passwords live in ``self.passwords``."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError("password not found") from None


class FailingKeyring(KeyringBackend):
    """A keyring that raises ``error`` (a ``KeyringError`` unless told otherwise) on every call.

    Its negative priority keeps keyring's own backend discovery from ever choosing it.
    """

    priority = -10

    def __init__(self, error: Exception | None = None) -> None:
        super().__init__()
        self.error = error if error is not None else KeyringError("the keyring is locked")
        self.calls: list[str] = []

    def _fail(self, action: str) -> None:
        self.calls.append(action)
        raise self.error

    def get_password(self, service: str, username: str) -> str | None:
        self._fail("get")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._fail("set")

    def delete_password(self, service: str, username: str) -> None:
        self._fail("delete")

"""Secrets: the OS keyring when there is one, session memory when not, and never a leak in logs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, KeyringLocked

from callcenter.credentials import SERVICE, Secrets, sip_secret_name
from tests.fakes.memory_keyring import FailingKeyring, MemoryKeyring

SECRET = "hunter2-秘密"

UseKeyring = Callable[[KeyringBackend], KeyringBackend]


@pytest.fixture
def use_keyring() -> Iterator[UseKeyring]:
    """Install a keyring backend for one test and put the previous one back afterwards."""
    previous = keyring.get_keyring()

    def install(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(use_keyring: UseKeyring) -> MemoryKeyring:
    backend = MemoryKeyring()
    use_keyring(backend)
    return backend


class EchoingKeyring(FailingKeyring):
    """A badly behaved backend whose error message repeats the password it was given."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"cannot store {password!r} for {username}")


def test_memory_backend_persists_across_instances(memory_keyring: MemoryKeyring) -> None:
    assert Secrets().available()
    assert Secrets().set("hub-password:a@h:5432/cc", SECRET) is True

    assert Secrets().get("hub-password:a@h:5432/cc") == SECRET
    assert memory_keyring.passwords == {(SERVICE, "hub-password:a@h:5432/cc"): SECRET}


def test_services_are_kept_apart(memory_keyring: MemoryKeyring) -> None:
    Secrets("callcenter-test").set("n", SECRET)

    assert Secrets().get("n") is None
    assert Secrets("callcenter-test").get("n") == SECRET


def test_missing_secret_is_none(memory_keyring: MemoryKeyring) -> None:
    assert Secrets().get("nothing-here") is None


def test_delete_removes_both_places_and_ignores_missing(memory_keyring: MemoryKeyring) -> None:
    secrets = Secrets()
    secrets.set("n", SECRET)

    secrets.delete("n")
    secrets.delete("n")
    secrets.delete("never-set")

    assert secrets.get("n") is None
    assert Secrets().get("n") is None
    assert memory_keyring.passwords == {}


def test_remember_false_keeps_the_secret_for_the_session_only(
    memory_keyring: MemoryKeyring,
) -> None:
    secrets = Secrets()
    secrets.set("n", "old-remembered")

    assert secrets.set("n", SECRET, remember=False) is False

    assert secrets.get("n") == SECRET
    assert Secrets().get("n") is None
    assert memory_keyring.passwords == {}


@pytest.mark.parametrize(
    "backend", [keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()], ids=str
)
def test_without_a_keyring_secrets_live_in_session_memory(
    use_keyring: UseKeyring, backend: KeyringBackend
) -> None:
    use_keyring(backend)
    secrets = Secrets()

    assert secrets.available() is False
    assert secrets.set("n", SECRET) is False
    assert secrets.get("n") == SECRET
    assert Secrets().get("n") is None

    secrets.delete("n")
    assert secrets.get("n") is None


def test_available_is_cached(use_keyring: UseKeyring) -> None:
    use_keyring(keyring.backends.fail.Keyring())
    secrets = Secrets()
    assert secrets.available() is False

    use_keyring(MemoryKeyring())

    assert secrets.available() is False
    assert Secrets().available() is True


def test_a_keyring_that_cannot_be_found_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_get_keyring() -> KeyringBackend:
        raise RuntimeError("D-Bus is not running")

    monkeypatch.setattr(keyring, "get_keyring", broken_get_keyring)

    assert Secrets().available() is False


@pytest.mark.parametrize(
    "error",
    [KeyringError("boom"), KeyringLocked("locked"), RuntimeError("dbus"), OSError(5, "I/O")],
    ids=lambda error: type(error).__name__,
)
def test_a_raising_backend_never_lets_an_exception_escape(
    use_keyring: UseKeyring, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    backend = use_keyring(FailingKeyring(error))
    secrets = Secrets()
    caplog.set_level(logging.DEBUG, logger="callcenter")

    assert secrets.available() is True
    assert secrets.get("n") is None
    assert secrets.available() is False
    assert secrets.set("n", SECRET) is False
    assert secrets.get("n") == SECRET
    secrets.delete("n")
    assert secrets.get("n") is None

    assert isinstance(backend, FailingKeyring)
    assert backend.calls == ["get"]  # after the first failure the keyring is left alone
    assert any(r.levelno == logging.WARNING for r in caplog.records)
    assert SECRET not in caplog.text


def test_each_failing_call_is_caught(
    use_keyring: UseKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    use_keyring(FailingKeyring())

    assert Secrets().set("n", SECRET) is False
    Secrets().delete("n")
    assert Secrets().set("n", SECRET, remember=False) is False

    assert SECRET not in caplog.text


def test_a_secret_echoed_in_a_backend_error_is_not_logged(
    use_keyring: UseKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    use_keyring(EchoingKeyring())
    caplog.set_level(logging.DEBUG)

    assert Secrets().set("sip-password:1001", SECRET) is False

    assert "cannot store" in caplog.text
    assert "sip-password:1001" in caplog.text
    assert SECRET not in caplog.text
    for record in caplog.records:
        assert SECRET not in repr(record.args)


def test_nothing_secret_is_logged_on_success(
    memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = Secrets()

    secrets.set("n", SECRET)
    secrets.get("n")
    secrets.delete("n")

    assert SECRET not in caplog.text


def test_a_secret_needs_a_name(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError):
        Secrets().set("", SECRET)


def test_sip_secret_name() -> None:
    assert sip_secret_name("1001@pbx.example.cn") == "sip-password:1001@pbx.example.cn"

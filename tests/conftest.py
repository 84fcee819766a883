"""Test harness: offscreen Qt, a private config/data/log dir and an in-memory keyring per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "0")
os.environ["NO_PROXY"] = "127.0.0.1,localhost"  # test servers are local, never proxied

import keyring
import pytest
from hypothesis import settings

from tests.fakes.memory_keyring import MemoryKeyring

# CI replays the same examples every run (a landing must not hang on a lucky draw); a developer's
# run draws new ones, and a failure it finds becomes an @example.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    """Every test gets its own settings, data and log folders: nothing leaks between tests."""
    for name in ("CONFIG", "DATA", "LOG"):
        path = tmp_path / f"_{name.lower()}"
        path.mkdir()
        monkeypatch.setenv(f"CALLCENTER_{name}_DIR", str(path))


@pytest.fixture(autouse=True)
def memory_keyring():
    """Headless Linux has no keyring: install an in-memory one and restore the previous after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def receiver():
    """A sales webhook on 127.0.0.1 (``tests.fakes.webhook_receiver.Receiver``)."""
    from tests.fakes.webhook_receiver import Receiver

    server = Receiver().start()
    yield server
    server.stop()

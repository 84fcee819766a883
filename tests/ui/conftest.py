"""Widgets built on a real, migrated SQLite database with a small demo data set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from callcenter.credentials import Secrets
from callcenter.demo import DemoSize, populate_demo
from callcenter.settings import Settings
from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.ui.context import UiContext
from callcenter.ui.main_window import MainWindow
from callcenter.ui.tasks import TaskRunner

SMALL = DemoSize(customers=150, leads=60, complaints=40, callbacks=30)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> str:
    """One migrated demo database per run; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = open_database(path)
    upgrade(db)
    populate_demo(db, size=SMALL)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return str(path)


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Iterator[Database]:
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    yield db
    db.dispose()


def _worker(name: str) -> Iterator[TaskRunner]:
    runner = TaskRunner(f"test-{name}")
    yield runner
    runner.shutdown()


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    yield from _worker("db")


@pytest.fixture
def reports() -> Iterator[TaskRunner]:
    yield from _worker("reports")


@pytest.fixture
def lookups() -> Iterator[TaskRunner]:
    yield from _worker("lookups")


@pytest.fixture
def context(tasks, reports, lookups) -> UiContext:
    return UiContext(
        tasks=tasks,
        settings=Settings(),
        secrets=Secrets(),
        demo=True,
        reports=reports,
        lookups=lookups,
    )


@pytest.fixture
def window(qtbot, context, demo_db) -> MainWindow:
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.firstScreenPainted, timeout=5000):
        win.database_ready(demo_db)
    return win


@pytest.fixture
def phone():
    from tests.fakes.fake_telephony import FakeTelephony

    adapter = FakeTelephony()
    adapter.start()
    yield adapter
    adapter.stop()


@pytest.fixture
def desk(qtbot, context, demo_db, phone):
    """The main window with a phone, the demo database open and agent1 signed in."""
    from callcenter.agents import find_agent
    from callcenter.ui.bridge import TelephonyBridge

    bridge = TelephonyBridge(phone)
    win = MainWindow(context, bridge)
    qtbot.addWidget(win)
    win.show()
    agent = find_agent(demo_db, "agent1")
    with qtbot.waitSignal(win.firstScreenPainted, timeout=5000):
        win.database_ready(demo_db, agent)
    qtbot.waitUntil(lambda: win.calls.ready, timeout=5000)
    yield win
    bridge.close()

"""The lazy table model passes Qt's model checks and never loads on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from callcenter import worklists
from callcenter.ui.models.lazy_table import LazyTableModel


def test_the_model_passes_qtmodeltester(qtbot, qtmodeltester, tasks, demo_db):
    model = LazyTableModel(worklists.COMPLAINTS, tasks, lambda: demo_db, page_size=7)
    with qtbot.waitSignal(model.firstPageLoaded, timeout=10_000):
        model.reload()
    assert model.rowCount() == 7
    qtmodeltester.check(model)


def test_pages_are_read_off_the_gui_thread(qtbot, tasks, demo_db):
    threads = set()

    class Spy:
        key = worklists.LEADS.key
        columns = worklists.LEADS.columns

        def count(self, db):
            threads.add(threading.current_thread())
            return worklists.LEADS.count(db)

        def fetch(self, db, cursor, limit):
            threads.add(threading.current_thread())
            return worklists.LEADS.fetch(db, cursor, limit)

    model = LazyTableModel(Spy(), tasks, lambda: demo_db, page_size=10)
    with qtbot.waitSignal(model.firstPageLoaded, timeout=10_000):
        model.reload()
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 20
    assert threads and threading.main_thread() not in threads


def test_a_reload_drops_pages_of_the_previous_load(qtbot, tasks, demo_db):
    model = LazyTableModel(worklists.LEADS, tasks, lambda: demo_db, page_size=10)
    model.reload()
    model.reload()  # the first load's page arrives after this and must be ignored
    with qtbot.waitSignal(model.firstPageLoaded, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert model.rowCount() == 10


def test_headers_are_words_not_keys(tasks, demo_db):
    model = LazyTableModel(worklists.CALLBACKS, tasks, lambda: demo_db)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Due", "Type", "Customer", "Number", "Agent", "Status", "Notes"]

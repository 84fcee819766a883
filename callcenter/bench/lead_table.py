"""``callcenter bench lead-table``: the Leads table opening on N leads.

Builds the next-lead data set (``bench.next_lead.build``: N leads over eight lists, many
states and zones), opens the real Leads page (``WorkListPage`` over the lazy model) offscreen
and measures, ``opens`` times each: from ``reload()`` to the first rows painted
(``first_rows_ms``), to the total shown in the heading (``count_ms``, counted in the
background while the rows are already visible), and one scroll to the bottom fetching the next
page (``next_page_ms``). Times include the worker round trip and the repaint.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TIMEOUT_S = 30.0


def run(leads: int, opens: int = 20, db_path: str | None = None) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from callcenter import worklists
    from callcenter.bench.next_lead import build
    from callcenter.storage.database import open_database
    from callcenter.storage.migrate import upgrade
    from callcenter.ui.pages.worklist_page import WorkListPage
    from callcenter.ui.tasks import TaskRunner

    folder = None
    if db_path is None:
        folder = tempfile.TemporaryDirectory(prefix="callcenter-bench-")
        db_path = str(Path(folder.name) / "lead-table.sqlite")
    db = open_database(db_path)
    upgrade(db)
    db.engine.dispose()
    build(Path(db_path), leads)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = TaskRunner("bench-db")
    page = WorkListPage("Leads", str, worklists.LEADS, tasks, lambda: db)
    page.resize(1200, 800)
    page.show()
    model = page.model

    def wait(done: Any) -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while not done():
            if time.perf_counter() > deadline:
                raise TimeoutError("the lead table did not load in time")
            app.processEvents()
            time.sleep(0.0002)

    first_rows, counts, next_pages = [], [], []
    try:
        for _ in range(opens + 1):  # the first open warms the caches and is not counted
            started = time.perf_counter()
            page.reload()
            wait(lambda: model.rowCount() > 0)
            page.table.viewport().repaint()
            shown = time.perf_counter()
            wait(lambda: model.total is not None)
            counted = time.perf_counter()
            before = model.rowCount()
            page.table.scrollToBottom()
            fetch = time.perf_counter()
            if model.canFetchMore(page.table.rootIndex()):
                model.fetchMore(page.table.rootIndex())
            wait(lambda b=before: model.rowCount() > b and not model.loading)
            page.table.viewport().repaint()
            fetched = time.perf_counter()
            first_rows.append((shown - started) * 1000)
            counts.append((counted - started) * 1000)
            next_pages.append((fetched - fetch) * 1000)
        first_rows, counts, next_pages = first_rows[1:], counts[1:], next_pages[1:]
        total = model.total
    finally:
        page.close()
        tasks.shutdown()
        db.dispose()
        if folder is not None:
            folder.cleanup()
    return {
        "leads": total,
        "first_rows_p50_ms": round(statistics.median(first_rows), 1),
        "first_rows_max_ms": round(max(first_rows), 1),
        "count_p50_ms": round(statistics.median(counts), 1),
        "next_page_p50_ms": round(statistics.median(next_pages), 1),
    }

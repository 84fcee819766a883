"""``callcenter bench search``: one search box over N customers, a realistic mix of queries."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any


def run(customers: int, queries: int, db_path: str | None, seed: int = 7) -> dict[str, Any]:
    from callcenter.benchdata import build_customers, measure_search, search_queries
    from callcenter.storage.database import open_database
    from callcenter.storage.migrate import upgrade

    folder = None
    if db_path is None:
        folder = tempfile.TemporaryDirectory(prefix="callcenter-bench-")
        db_path = str(Path(folder.name) / "search.sqlite")
    db = open_database(db_path)
    try:
        upgrade(db)
        data = build_customers(db, customers, seed=seed)
        measured = measure_search(db, search_queries(data, queries, seed=seed))
    finally:
        db.dispose()
        if folder is not None:
            folder.cleanup()
    return {
        "customers": data.customers,
        "queries": measured["queries"],
        "p50_ms": round(measured["p50_ms"], 2),
        "p95_ms": round(measured["p95_ms"], 2),
        "max_ms": round(measured["max_ms"], 2),
    }

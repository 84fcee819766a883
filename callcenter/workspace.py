"""Opening the agent's workspace: the database chosen by settings or flags, migrated and ready."""

from __future__ import annotations

import logging
from pathlib import Path

from callcenter.settings import Settings, demo_database_path
from callcenter.storage.database import Database, check_connection, open_database
from callcenter.storage.migrate import upgrade

log = logging.getLogger(__name__)


def database_target(
    settings: Settings,
    *,
    db: str | None = None,
    demo: bool = False,
    hub_password: str | None = None,
) -> str:
    """What to open: ``--db`` wins, then ``--demo``, then the settings."""
    if db:
        return db
    if demo:
        return str(demo_database_path())
    return settings.database_target(hub_password)


def open_workspace(target: str | Path, *, demo: bool = False) -> Database:
    """Open, check and migrate the database (backing it up first); fill the demo if empty.

    Blocking: the UI calls it on its database worker.
    """
    db = open_database(target)
    check_connection(db)
    result = upgrade(db)
    if result.from_revision != result.to_revision:
        log.info(
            "database migrated from %s to %s (backup: %s)",
            result.from_revision,
            result.to_revision,
            result.backup,
        )
    if demo:
        from callcenter.demo import is_populated, populate_demo

        if not is_populated(db):
            summary = populate_demo(db)
            log.info("demo database filled: %s customers", summary.customers)
    return db

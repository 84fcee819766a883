"""Migrations of the leads table on a database with leads in it: 0007 (``abc_rank``) and
0008 (the lighter indexes a big import re-creates), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import Connection, text

from callcenter.customers import load_customer
from callcenter.storage import migrate
from callcenter.storage.database import Database, open_database

STAMP = "2026-11-01 08:00:00.000000"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_database(request, tmp_path):
    """A database at a given revision: ``old_database(revision)``."""
    opened: list[Database] = []

    def at(revision: str) -> Database:
        if request.param == "sqlite":
            db = open_database(tmp_path / "old.sqlite")
        else:
            db = open_database(request.getfixturevalue("pg_database_url"))
        opened.append(db)
        with migrate.migration_connection(db) as conn:
            command.upgrade(migrate.make_config(connection=conn), revision)
        return db

    yield at
    for db in opened:
        db.dispose()


def _old_rows(conn: Connection, customers: dict[str, str | None], leads: dict[str, str | None]):
    """A call list ``l1``; customers id → ABC class; leads id → customer id, as written
    before 0007 (no ``abc_rank``)."""
    conn.execute(
        text(
            "INSERT INTO call_lists (id, created_at, updated_at, version, name, priority,"
            " active, window_start_minute, window_end_minute, weekdays, retry_rules,"
            " max_attempts) VALUES ('l1', :t, :t, 1, 'old list', 0, true, 540, 1260, 127,"
            " '{}', 5)"
        ),
        {"t": STAMP},
    )
    for customer, klass in customers.items():
        conn.execute(
            text(
                "INSERT INTO customers (id, created_at, updated_at, version, name, abc_class,"
                " tags, marketing_consent, do_not_call)"
                " VALUES (:id, :t, :t, 1, 'x', :c, '[]', false, false)"
            ),
            {"id": customer, "t": STAMP, "c": klass},
        )
    for lead, customer in leads.items():
        conn.execute(
            text(
                "INSERT INTO leads (id, created_at, updated_at, version, call_list_id,"
                " customer_id, phone_e164, state, score, attempts)"
                " VALUES (:id, :t, :t, 1, 'l1', :c, '+8613800138000', 'new', 1.0, 0)"
            ),
            {"id": lead, "t": STAMP, "c": customer},
        )


def test_0007_ranks_the_existing_leads_by_their_customers_class(old_database):
    db = old_database("0006")
    with db.engine.begin() as conn:
        _old_rows(
            conn,
            {"ca": "A", "cb": "B", "cc": "C", "cn": None},
            {"la": "ca", "lb": "cb", "lc": "cc", "ln": "cn", "l0": None},
        )

    migrate.upgrade(db)

    with db.engine.connect() as conn:
        ranks = dict(conn.execute(text("SELECT id, abc_rank FROM leads")).all())
    assert ranks == {"la": 3, "lb": 2, "lc": 1, "ln": 0, "l0": 0}


def test_0008_keeps_a_customers_leads_in_its_view_through_the_lighter_index(old_database):
    db = old_database("0007")
    with db.engine.begin() as conn:
        _old_rows(conn, {"ca": "A", "cb": None}, {"la": "ca", "lb": "cb", "l0": None})

    migrate.upgrade(db)

    leads = [i for i in load_customer(db, "ca").timeline if i.kind == "lead"]
    assert [i.title for i in leads] == ["old list"]
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            definitions = dict(
                conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'leads'"
                    " AND type = 'index' AND sql IS NOT NULL"
                ).all()
            )
            plan = " ".join(
                row[3]
                for row in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM leads WHERE customer_id = 'ca'"
                )
            )
            assert "ix_leads_customer_id" in plan
        else:
            definitions = dict(
                conn.exec_driver_sql(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'leads'"
                ).all()
            )
    assert "ix_leads_call_list_id_phone_e164" not in definitions
    assert "customer_id IS NOT NULL" in definitions["ix_leads_customer_id"]

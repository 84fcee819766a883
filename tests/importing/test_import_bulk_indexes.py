"""A big SQLite import re-creates the leads indexes at the end: same schema, same answers,
and a cancel or an error leaves the schema and the data exactly as they were."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Index

from callcenter.importing import leads as leads_module
from callcenter.importing import pipeline
from callcenter.importing.leads import import_leads
from callcenter.storage.database import Database
from callcenter.storage.models import Base
from callcenter.storage.outbound import Lead
from tests.importing.conftest import write_csv

HEADER = ["姓名", "手机", "公司", "城市", "来源", "备注"]


def _rows(count: int, start: int = 0) -> list[list[str]]:
    return [
        [f"客户{i}", f"1380013{i:04d}", "", "北京", "", ""] for i in range(start, start + count)
    ]


def _schema(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).all()


def _dump(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id, call_list_id, phone_e164, name FROM leads ORDER BY id"
        ).all()


def _plan(db: Database, sql: str) -> str:
    with db.engine.connect() as conn:
        return " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.fixture
def small_threshold(monkeypatch):
    """Indexes are deferred from 20 rows on (100 000 rows would make a slow test)."""
    monkeypatch.setattr(pipeline, "DEFER_INDEXES_FROM", 20)


@pytest.fixture
def watched(monkeypatch):
    """The names of the indexes dropped and created, in order."""
    seen: list[tuple[str, str]] = []
    drop, create = Index.drop, Index.create

    def watch_drop(self, bind, checkfirst=False):
        seen.append(("drop", self.name))
        return drop(self, bind, checkfirst)

    def watch_create(self, bind, checkfirst=False):
        seen.append(("create", self.name))
        return create(self, bind, checkfirst)

    monkeypatch.setattr(Index, "drop", watch_drop)
    monkeypatch.setattr(Index, "create", watch_create)
    return seen


def test_a_big_import_recreates_the_indexes_it_dropped(db, tmp_path, small_threshold, watched):
    before = _schema(db)
    result = import_leads(db, write_csv(tmp_path / "l.csv", [HEADER, *_rows(50)]), list_name="A")
    assert result.imported == 50
    dropped = [name for action, name in watched if action == "drop"]
    created = [name for action, name in watched if action == "create"]
    assert dropped and sorted(created) == sorted(dropped)
    # the leads table was read whole for the look-ups: even the number index is deferred
    assert "ix_leads_phone_e164" in dropped
    # the same schema, to the byte, as the migrations built it …
    assert _schema(db) == before
    # … and the same as the models say (what the migrations test checks too)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if "leads" in repr(d)] == []
    assert "ix_leads_call_list_id_state_next_attempt_at" in _plan(
        db, "SELECT id FROM leads WHERE call_list_id = 'x' AND state = 'new'"
    )
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_small_import_keeps_the_indexes(db, tmp_path, watched):
    import_leads(db, write_csv(tmp_path / "l.csv", [HEADER, *_rows(50)]), list_name="A")
    assert watched == []


def test_a_big_table_keeps_its_indexes(db, tmp_path, small_threshold, watched):
    import_leads(db, write_csv(tmp_path / "a.csv", [HEADER, *_rows(200)]), list_name="A")
    watched.clear()
    # 30 rows into a table of 200: re-building its indexes would cost more than it saves
    import_leads(db, write_csv(tmp_path / "b.csv", [HEADER, *_rows(30, 500)]), list_name="B")
    assert watched == []


def test_a_cancelled_big_import_leaves_schema_and_data_as_they_were(
    db, tmp_path, small_threshold, watched
):
    import_leads(db, write_csv(tmp_path / "a.csv", [HEADER, *_rows(40)]), list_name="A")
    schema, data = _schema(db), _dump(db)
    watched.clear()
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 4  # after some batches were inserted without the indexes

    path = write_csv(tmp_path / "b.csv", [HEADER, *_rows(100, 1000)])
    result = import_leads(db, path, list_name="B", batch_size=10, cancel=cancel)
    assert result.cancelled
    assert ("drop", "ix_leads_created_at_id") in watched
    assert not any(action == "create" for action, _name in watched)
    assert _schema(db) == schema
    assert _dump(db) == data


def test_an_error_in_a_big_import_leaves_schema_and_data_as_they_were(
    db, tmp_path, small_threshold, monkeypatch
):
    import_leads(db, write_csv(tmp_path / "a.csv", [HEADER, *_rows(40)]), list_name="A")
    schema, data = _schema(db), _dump(db)
    calls = []
    original = leads_module._LeadImporter.import_batch

    def failing(self, rows):
        calls.append(1)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return original(self, rows)

    monkeypatch.setattr(leads_module._LeadImporter, "import_batch", failing)
    path = write_csv(tmp_path / "b.csv", [HEADER, *_rows(100, 1000)])
    with pytest.raises(sqlite3.OperationalError):
        import_leads(db, path, list_name="B", batch_size=10)
    assert _schema(db) == schema
    assert _dump(db) == data


def test_an_index_the_database_defines_otherwise_is_left_alone(
    db, tmp_path, small_threshold, watched
):
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_leads_customer_id")
        conn.exec_driver_sql("CREATE INDEX ix_leads_customer_id ON leads (customer_id, name)")
    before = _schema(db)
    import_leads(db, write_csv(tmp_path / "l.csv", [HEADER, *_rows(50)]), list_name="A")
    assert ("drop", "ix_leads_customer_id") not in watched
    assert _schema(db) == before


def test_the_deferred_indexes_come_from_the_models(db, tmp_path, small_threshold, watched):
    """Every secondary index of the leads model is deferred, but the number's when the
    import asks the database about numbers: a new index in the models is picked up without
    touching the importer."""
    assert leads_module._LeadImporter.bulk_table is Lead.__table__
    secondary = {i.name for i in Lead.__table__.indexes}
    import_leads(db, write_csv(tmp_path / "a.csv", [HEADER, *_rows(50)]), list_name="A")
    assert {name for action, name in watched if action == "drop"} == secondary
    watched.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(leads_module._Queries, "preload", lambda *_args: frozenset())
        import_leads(db, write_csv(tmp_path / "b.csv", [HEADER, *_rows(60, 100)]), list_name="B")
    assert {name for action, name in watched if action == "drop"} == secondary - {
        "ix_leads_phone_e164"
    }


@pytest.mark.parametrize("preload", [True, False])
def test_look_ups_read_whole_tables_or_ask_in_chunks_alike(db, tmp_path, monkeypatch, preload):
    """Small tables are read whole; big ones are asked in chunks: the same answers."""
    if not preload:
        monkeypatch.setattr(leads_module._Queries, "preload", lambda *_args: frozenset())
    import_leads(db, write_csv(tmp_path / "a.csv", [HEADER, *_rows(30)]), list_name="A")
    rows = [*_rows(10, 25), *_rows(10, 100), ["重复", "138 0013 0100", "", "", "", ""]]
    result = import_leads(db, write_csv(tmp_path / "b.csv", [HEADER, *rows]), list_name="B")
    assert (result.imported, result.duplicates) == (15, 6)  # 5 on list A, 1 twice in the file
    again = import_leads(db, write_csv(tmp_path / "c.csv", [HEADER, *_rows(3, 100)]), list_name="B")
    assert (again.imported, again.duplicates) == (0, 3)

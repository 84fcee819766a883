"""Bench data: valid, consistent, searchable, and a database exactly like a migrated one."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from datetime import UTC, datetime

import phonenumbers
import pytest
from sqlalchemy import text

from callcenter import benchdata
from callcenter.benchdata import BenchData, build_customers, measure_search, search_queries
from callcenter.errors import CallcenterError
from callcenter.search import HitKind, search
from callcenter.storage import migrate
from callcenter.storage.database import Database, open_database

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


@pytest.fixture
def db(any_db: Database) -> Database:
    migrate.upgrade(any_db)
    return any_db


def scalars(db: Database, sql: str, **params: object) -> list:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql), params).scalars())


def schema(path) -> set[tuple]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    finally:
        conn.close()


def definitions(db: Database) -> set[tuple]:
    """Every table, index and trigger with the SQL that defines it."""
    if db.is_sqlite:
        sql = "SELECT type, name, tbl_name, sql FROM sqlite_master"
    else:
        sql = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger"
        )
    with db.engine.connect() as conn:
        return {tuple(row) for row in conn.exec_driver_sql(sql)}


def test_build_customers(db):
    before = definitions(db)

    data = build_customers(db, 2000, now=NOW)

    assert definitions(db) == before

    assert isinstance(data, BenchData)
    assert data.customers == 2000 == scalars(db, "SELECT count(*) FROM customers")[0]
    assert data.phones == scalars(db, "SELECT count(*) FROM customer_phones")[0]
    assert 2000 * 2 - 300 < data.phones < 2000 * 2 + 300  # one to three each, and the shared
    assert data.calls == 1000 == scalars(db, "SELECT count(*) FROM calls")[0]
    assert data.complaints == 20 == scalars(db, "SELECT count(*) FROM complaints")[0]
    assert migrate.check(db).ok, migrate.check(db)  # references, integrity, schema

    # Valid E.164 numbers, most of them Chinese mobiles.
    numbers = scalars(db, "SELECT e164 FROM customer_phones")
    for e164 in random.Random(1).sample(numbers, 500):
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164)), e164
    mobiles = [n for n in numbers if n.startswith("+861")]
    assert len(mobiles) > len(numbers) * 0.6

    # Shared numbers are shared; unknown ones are nowhere; known ones are there.
    assert len(data.shared_numbers) == 2
    for e164 in data.shared_numbers:
        owners = scalars(
            db, "SELECT DISTINCT customer_id FROM customer_phones WHERE e164 = :n", n=e164
        )
        assert len(owners) >= 2, e164
    assert len(data.unknown_numbers) == 1000 == len(set(data.unknown_numbers))
    for e164 in data.unknown_numbers[:200]:
        assert phonenumbers.is_valid_number(phonenumbers.parse(e164)) and e164.startswith("+861")
    in_db = set(numbers) | set(scalars(db, "SELECT remote_e164 FROM calls"))
    assert not in_db & set(data.unknown_numbers)
    assert set(data.known_numbers) <= set(numbers) and len(data.known_numbers) == 1000

    # Every customer has a primary number; calls and complaints point at real rows.
    assert scalars(db, "SELECT count(*) FROM customer_phones WHERE is_primary")[0] == 2000
    assert scalars(
        db, "SELECT count(*) FROM calls WHERE customer_id NOT IN (SELECT id FROM customers)"
    ) == [0]
    assert len(set(data.case_numbers)) == 20


def test_the_data_is_found_by_search(db):
    data = build_customers(db, 2000, now=NOW)

    for e164 in data.known_numbers[:20]:
        assert any(hit.phone == e164 for hit in search(db, e164)), e164
        national = e164[3:] if e164.startswith("+86") else e164
        assert any(hit.phone == e164 for hit in search(db, national)), national
    for name in data.names[:20]:
        assert name in {hit.title for hit in search(db, name)}, name
    for company in data.companies[:10]:
        assert company in {hit.subtitle for hit in search(db, company)}, company
    for case_number in data.case_numbers[:5]:
        hits = search(db, case_number)
        assert (hits[0].kind, hits[0].title) == (HitKind.COMPLAINT, case_number)
    shared = search(db, data.shared_numbers[0])
    assert len(shared) >= 2 and {hit.phone for hit in shared} == {data.shared_numbers[0]}
    assert search(db, data.unknown_numbers[0]) == []


def test_a_bulk_loaded_database_is_exactly_a_migrated_one(tmp_path):
    fresh = tmp_path / "fresh.sqlite"
    migrate.upgrade(open_database(fresh))
    path = tmp_path / "bench.sqlite"
    db = open_database(path)
    migrate.upgrade(db)

    build_customers(db, 500, now=NOW)

    # The same tables, indexes and triggers, defined by the same SQL; WAL as before.
    assert schema(path) == schema(fresh)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        # The search index holds what the triggers would have put there.
        conn.exec_driver_sql(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)"
        )
        docs = conn.exec_driver_sql(
            "SELECT customer_id, name, company, phones FROM customer_search_docs ORDER BY 1"
        ).all()
        expected = conn.exec_driver_sql(
            "SELECT c.id, c.name, c.company, (SELECT group_concat(p.e164, ' ') "
            "FROM customer_phones p WHERE p.customer_id = c.id AND p.deleted_at IS NULL) "
            "FROM customers c WHERE c.deleted_at IS NULL ORDER BY 1"
        ).all()
        assert docs == expected and len(docs) == 500
        assert conn.exec_driver_sql("SELECT count(*) FROM customer_search_config").scalar() == 1
    db.dispose()


def test_the_same_seed_gives_the_same_data(tmp_path, monkeypatch):
    def build(name: str) -> tuple[BenchData, list]:
        db = open_database(tmp_path / name)
        migrate.upgrade(db)
        data = build_customers(db, 300, now=NOW, seed=7)
        rows = scalars(db, "SELECT id || name || coalesce(company, '') FROM customers ORDER BY id")
        rows += scalars(db, "SELECT id || e164 || customer_id FROM customer_phones ORDER BY id")
        db.dispose()
        return dataclass_without_time(data), rows

    first = build("one.sqlite")
    monkeypatch.setattr(benchdata, "_CHILD_FROM", 0)  # the child process makes the same rows
    second = build("two.sqlite")

    assert first == second


def dataclass_without_time(data: BenchData) -> BenchData:
    return BenchData(**{**vars(data), "seconds": 0.0})


def test_build_customers_refuses_a_database_not_ready_for_it(tmp_path, db):
    empty = open_database(tmp_path / "empty.sqlite")
    with pytest.raises(CallcenterError) as caught:
        build_customers(empty, 10)
    assert caught.value.code == "bench_not_migrated"

    build_customers(db, 10, now=NOW)
    with pytest.raises(CallcenterError) as caught:
        build_customers(db, 10, now=NOW)
    assert caught.value.code == "bench_not_empty"
    assert scalars(db, "SELECT count(*) FROM customers") == [10]

    with pytest.raises(ValueError):
        build_customers(db, 10, phones_per_customer=(0, 2))
    memory = open_database("sqlite://")
    with pytest.raises(ValueError):
        build_customers(memory, 10)


def test_search_queries_and_measure_search(sqlite_db):
    migrate.upgrade(sqlite_db)
    data = build_customers(sqlite_db, 1000, now=NOW)

    queries = search_queries(data, 200, seed=3)

    assert len(queries) == 200 and queries == search_queries(data, 200, seed=3)
    assert any(q.isdigit() and len(q) <= 8 for q in queries)  # phone fragments
    assert any(q[:1] in "Cc" and q[1:].isdigit() for q in queries)  # case numbers
    assert any(len(q) <= 2 and not q.isascii() for q in queries)  # short Chinese names
    result = measure_search(sqlite_db, queries[:50], repeat=2)
    assert result["queries"] == 50
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]
    assert result["empty"] < 25


@pytest.mark.parametrize("in_child", [False, True])
def test_a_failed_load_leaves_the_database_as_it_was(tmp_path, monkeypatch, in_child):
    path = tmp_path / "bench.sqlite"
    db = open_database(path)
    migrate.upgrade(db)
    before = schema(path)
    if in_child:
        monkeypatch.setattr(benchdata, "_CHILD_FROM", 0)

    def fail(stage: str, done: int, total: int) -> None:
        if stage == "customers" and done >= 2 * benchdata._BATCH:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        build_customers(db, 3 * benchdata._BATCH, now=NOW, progress=fail)

    assert schema(path) == before  # triggers and indexes are back: the DDL was rolled back
    assert scalars(db, "SELECT count(*) FROM customers") == [0]
    assert scalars(db, "PRAGMA journal_mode") == ["wal"]
    assert multiprocessing.active_children() == []
    assert build_customers(db, 10, now=NOW).customers == 10
    db.dispose()

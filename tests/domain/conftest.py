"""Migrated databases for the services' tests: a SQLite file, and a fresh PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.models import (
    Agent,
    Call,
    Callback,
    CallList,
    Complaint,
    Customer,
    CustomerPhone,
    Lead,
    new_id,
)
from tests.storage.conftest import pg_database_url

__all__ = ["pg_database_url"]  # a fixture, shared with the storage tests


@pytest.fixture
def sqlite_db(tmp_path) -> Iterator[Database]:
    db = open_database(tmp_path / "callcenter.sqlite")
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture
def pg_db(pg_database_url) -> Iterator[Database]:
    db = open_database(pg_database_url)
    upgrade(db)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request) -> Database:
    """The test runs once on a SQLite file and once on a fresh PostgreSQL database."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # 14:30 in China


class Rows:
    """Hand-made records, written straight to the database (one transaction each)."""

    def __init__(self, db: Database, now: datetime = NOW) -> None:
        self.db = db
        self.now = now
        self._cases = 0

    def _add(self, row: Any) -> str:
        row.created_at = row.created_at or self.now
        row.updated_at = row.updated_at or row.created_at
        with self.db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def team_agent(self, name: str = "王芳", login: str | None = None) -> str:
        return self._add(Agent(login=login or f"agent{new_id()[:8]}", name=name))

    def customer(
        self, name: str = "张伟", *numbers: str, deleted: bool = False, **fields: Any
    ) -> str:
        customer_id = self._add(
            Customer(name=name, deleted_at=self.now if deleted else None, **fields)
        )
        for index, e164 in enumerate(numbers):
            self.phone(customer_id, e164, is_primary=index == 0)
        return customer_id

    def phone(self, customer_id: str, e164: str, *, deleted: bool = False, **fields: Any) -> str:
        return self._add(
            CustomerPhone(
                customer_id=customer_id,
                e164=e164,
                deleted_at=self.now if deleted else None,
                **fields,
            )
        )

    def complaint(self, customer_id: str, status: str = "new", **fields: Any) -> str:
        self._cases += 1
        values: dict[str, Any] = {
            "case_number": f"TS-{self._cases:05d}",
            "category": "billing",
            "subject": "账单有误",
            **fields,
        }
        return self._add(Complaint(customer_id=customer_id, status=status, **values))

    def callback(
        self, customer_id: str, due_at: datetime, status: str = "scheduled", **fields: Any
    ) -> str:
        return self._add(Callback(customer_id=customer_id, due_at=due_at, status=status, **fields))

    def call(self, customer_id: str | None, ring_at: datetime, **fields: Any) -> str:
        fields.setdefault("direction", "inbound")
        return self._add(Call(customer_id=customer_id, ring_at=ring_at, **fields))

    def call_list(self, name: str = "春季回访") -> str:
        return self._add(CallList(name=name))

    def lead(self, call_list_id: str, customer_id: str | None, **fields: Any) -> str:
        fields.setdefault("phone_e164", "+8613800138000")
        return self._add(Lead(call_list_id=call_list_id, customer_id=customer_id, **fields))

    def soft_delete(self, model: type, row_id: str) -> None:
        with self.db.session() as session:
            session.get(model, row_id).deleted_at = self.now


@pytest.fixture
def rows(sqlite_db) -> Rows:
    return Rows(sqlite_db)


@pytest.fixture
def any_rows(any_db) -> Rows:
    return Rows(any_db)


@pytest.fixture
def world(sqlite_db):
    """The dialer's test world (``tests.domain.dialer_world.World``) on SQLite."""
    from tests.domain.dialer_world import World

    return World(sqlite_db)


@pytest.fixture
def any_world(any_db):
    """The dialer's test world on SQLite and on PostgreSQL."""
    from tests.domain.dialer_world import World

    return World(any_db)

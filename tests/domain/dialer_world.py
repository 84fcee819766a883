"""The preview dialer's test world: hand-made lists, leads and agents on a real database, and
a dialer on a fixed clock (shared by the dialer's test files; fixtures in ``conftest.py``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from callcenter.dialer import Dialer
from callcenter.storage.database import Database
from callcenter.storage.models import Agent, CallList, Customer, Lead, new_id
from tests.fakes.clock import FakeClock

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # Monday, 14:30 in China, 01:30 in New York
CN = "Asia/Shanghai"


class World:
    """Hand-made lists, leads and agents, written straight to the database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.clock = FakeClock(NOW)
        self.dialer = Dialer(db, self.clock)

    def add(self, row: Any) -> str:
        row.created_at = row.created_at or NOW - timedelta(days=1)
        row.updated_at = row.updated_at or row.created_at
        with self.db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def agent(self) -> str:
        return self.add(Agent(login=f"agent{new_id()[:8]}", name="王芳"))

    def call_list(self, name: str | None = None, **fields: Any) -> str:
        return self.add(CallList(name=name or f"list {new_id()[:8]}", **fields))

    def lead(self, call_list_id: str, **fields: Any) -> str:
        fields.setdefault("phone_e164", f"+86138{_digits()}")
        fields.setdefault("time_zones", CN)
        return self.add(Lead(call_list_id=call_list_id, **fields))

    def customer(self, abc_class: str | None, **fields: Any) -> str:
        return self.add(Customer(name="张伟", abc_class=abc_class, **fields))

    def get(self, model: type, row_id: str) -> Any:
        with self.db.session() as session:
            row = session.get(model, row_id)
            session.expunge(row)
            return row

    def update(self, model: type, row_id: str, **fields: Any) -> None:
        with self.db.session() as session:
            row = session.get(model, row_id)
            for name, value in fields.items():
                setattr(row, name, value)


_counter = iter(range(10_000_000, 99_999_999))


def _digits() -> str:
    return str(next(_counter))

"""The lists each work area shows, read page by page (keyset pagination).

A work list is a query with a fixed, unique order. ``fetch`` returns one page of plain tuples and
a cursor for the next page, so a list of a million rows opens as fast as a list of ten. Column
keys and code values are returned untranslated; the UI turns them into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from callcenter.storage.database import Database
from callcenter.storage.models import (
    Agent,
    Call,
    Callback,
    CallList,
    Complaint,
    Customer,
    Lead,
    Team,
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    #: How the value is shown: text, datetime, code (an enum value), number, phone.
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[tuple[Any, ...]]
    #: The sort key of the last row, to ask for the next page; None when this was the last page.
    cursor: tuple[Any, ...] | None


@dataclass(frozen=True)
class WorkList:
    key: str
    columns: tuple[Column, ...]
    _query: Select[Any]
    #: Sort expressions, the last one unique (the id); NULLs sort last.
    _order: tuple[ColumnElement[Any], ...]
    #: The table whose live rows the list shows one each (its joins never add or drop rows),
    #: so counting need not run the joins.
    _counted: Any
    descending: bool = True

    def count(self, db: Database) -> int:
        table = self._counted
        query = select(func.count()).select_from(table).where(table.deleted_at.is_(None))
        with db.session() as session:
            return int(session.scalar(query))

    def fetch(self, db: Database, cursor: Sequence[Any] | None, limit: int) -> Page:
        direction = (lambda c: c.desc()) if self.descending else (lambda c: c.asc())
        query = self._query.add_columns(*self._order).order_by(
            *(direction(c).nulls_last() for c in self._order)
        )
        if cursor is not None:
            query = query.where(_after(self._order, cursor, self.descending))
        with db.session() as session:
            result = session.execute(query.limit(limit + 1)).all()
        width = len(self.columns)
        more = len(result) > limit
        result = result[:limit]
        rows = [tuple(r[:width]) for r in result]
        next_cursor = tuple(result[-1][width:]) if more and result else None
        return Page(rows=rows, cursor=next_cursor)


def _after(
    order: Sequence[ColumnElement[Any]], cursor: Sequence[Any], descending: bool
) -> ColumnElement[bool]:
    """Rows that sort after ``cursor`` (NULLs last). The last sort key is unique and not NULL."""
    first, rest = order[0], order[1:]
    value = cursor[0]
    beyond = first < value if descending else first > value
    if not rest:
        return beyond
    if value is None:
        return and_(first.is_(None), _after(rest, cursor[1:], descending))
    return or_(beyond, first.is_(None), and_(first == value, _after(rest, cursor[1:], descending)))


def _recent_calls() -> WorkList:
    agent = aliased(Agent)
    query = (
        select(
            Call.ring_at,
            Call.direction,
            Call.remote_e164,
            Customer.name,
            agent.name,
            Call.disposition,
        )
        .outerjoin(Customer, Customer.id == Call.customer_id)
        .outerjoin(agent, agent.id == Call.agent_id)
        .where(Call.deleted_at.is_(None))
    )
    columns = (
        Column("ring_at", "datetime"),
        Column("direction", "code"),
        Column("number", "phone"),
        Column("customer"),
        Column("agent"),
        Column("disposition", "code"),
    )
    return WorkList("calls", columns, query, (Call.ring_at, Call.id), Call)


def _leads() -> WorkList:
    query = (
        select(
            Lead.name,
            Lead.company,
            Lead.phone_e164,
            CallList.name,
            Lead.state,
            Lead.attempts,
            Lead.next_attempt_at,
        )
        .join(CallList, CallList.id == Lead.call_list_id)
        .where(Lead.deleted_at.is_(None))
    )
    columns = (
        Column("name"),
        Column("company"),
        Column("number", "phone"),
        Column("call_list"),
        Column("state", "code"),
        Column("attempts", "number"),
        Column("next_attempt_at", "datetime"),
    )
    return WorkList("leads", columns, query, (Lead.created_at, Lead.id), Lead)


def _complaints() -> WorkList:
    owner = aliased(Agent)
    query = (
        select(
            Complaint.case_number,
            Complaint.subject,
            Customer.name,
            Complaint.category,
            Complaint.severity,
            Complaint.status,
            Complaint.sla_due_at,
            owner.name,
        )
        .outerjoin(Customer, Customer.id == Complaint.customer_id)
        .outerjoin(owner, owner.id == Complaint.owner_id)
        .where(Complaint.deleted_at.is_(None))
    )
    columns = (
        Column("case_number"),
        Column("subject"),
        Column("customer"),
        Column("category", "code"),
        Column("severity", "code"),
        Column("status", "code"),
        Column("sla_due_at", "datetime"),
        Column("owner"),
    )
    return WorkList("complaints", columns, query, (Complaint.created_at, Complaint.id), Complaint)


def _callbacks() -> WorkList:
    agent = aliased(Agent)
    query = (
        select(
            Callback.due_at,
            Callback.kind,
            Customer.name,
            Callback.phone_e164,
            agent.name,
            Callback.status,
            Callback.notes,
        )
        .outerjoin(Customer, Customer.id == Callback.customer_id)
        .outerjoin(agent, agent.id == Callback.agent_id)
        .where(Callback.deleted_at.is_(None))
    )
    columns = (
        Column("due_at", "datetime"),
        Column("kind", "code"),
        Column("customer"),
        Column("number", "phone"),
        Column("agent"),
        Column("status", "code"),
        Column("notes"),
    )
    return WorkList("callbacks", columns, query, (Callback.due_at, Callback.id), Callback)


def _team() -> WorkList:
    query = (
        select(Agent.name, Agent.login, Agent.role, Team.name, Agent.extension, Agent.active)
        .outerjoin(Team, Team.id == Agent.team_id)
        .where(Agent.deleted_at.is_(None))
    )
    columns = (
        Column("name"),
        Column("login"),
        Column("role", "code"),
        Column("team"),
        Column("extension"),
        Column("active", "code"),
    )
    return WorkList("team", columns, query, (Agent.login, Agent.id), Agent, descending=False)


RECENT_CALLS = _recent_calls()
LEADS = _leads()
COMPLAINTS = _complaints()
CALLBACKS = _callbacks()
TEAM = _team()

"""How far each outbound call list has got: leads by state, contact and qualification rates,
what the dialer could still hand out now, and an export of those figures.

Figures of a list count its live (not soft-deleted) leads:

* ``by_state``: every :class:`~callcenter.storage.outbound.LeadState`, 0 when none;
* ``attempts``: the sum of the leads' attempts; ``dialled``: leads tried at least once;
* ``contacted``: leads that reached a person (``qualified``, ``handed_off``,
  ``not_interested``, ``callback``, ``do_not_call``); ``qualified``: ``qualified`` +
  ``handed_off``; ``contact_rate`` = contacted / dialled and ``qualification_rate`` =
  qualified / contacted, ``None`` when the divisor is 0;
* ``remaining``: leads still ``new``/``retry``/``callback`` (callable now or later);
* ``callable_now``: what "Next lead" (:mod:`callcenter.dialer`) could still hand out at
  ``now``: the list is active, the lead is in a dialable state, under the list's attempt limit
  (a ``callback`` is honoured whatever its attempts), its retry time has come, it is not
  reserved (or the reservation expired), its number is not on the do-not-call list, its
  customer is not flagged do-not-call, and the list's calling window is open in every zone of
  its number (:func:`callcenter.calling_window.callable_zone_groups`). An inactive list has 0.

Speed: two grouped queries whatever the number of lists. The live leads are counted by (list,
state, zone group, attempts), with how many of them are due and not reserved at ``now``; the
attempt limit and the calling window (each distinct zone group judged once per list) are then
applied in Python to those few hundred groups. The leads that must not be called (number on
the do-not-call list, customer flagged) are counted by a second query driven by those two short
lists through the indexes on ``leads.phone_e164`` and ``leads.customer_id``, and subtracted.
At a million leads on SQLite the first query reads the whole table once and sorts it (about
2.5 s of CPU for all lists, 0.7 s for a list of 140,000 leads); a partial covering index
``leads(call_list_id, state, time_zones, attempts, next_attempt_at, reserved_by,
reserved_until) WHERE deleted_at IS NULL`` makes it an index-only walk (0.5 s / 0.2 s).
Run it on the database worker.

Export: :func:`export_progress` writes a header row and one row per list as CSV (UTF-8 with a
BOM, so Excel opens Chinese names) or XLSX, chosen by the file's suffix, with every text cell
neutralised against formula injection (as :mod:`callcenter.handoff` does).

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import csv
import logging
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Connection

from callcenter.calling_window import DEFAULT_FALLBACK_ZONE, callable_zone_groups
from callcenter.dialer import DIALABLE_STATES
from callcenter.importing.report import neutralize
from callcenter.storage.database import Database
from callcenter.storage.models import CallList, Customer, DncNumber, Lead, LeadState
from callcenter.validation import NotFound, ValidationError

__all__ = [
    "CONTACTED_STATES",
    "EXPORT_COLUMNS",
    "QUALIFIED_STATES",
    "REMAINING_STATES",
    "ListProgress",
    "all_progress",
    "export_progress",
    "list_progress",
]

log = logging.getLogger(__name__)

CONTACTED_STATES = (
    LeadState.QUALIFIED,
    LeadState.HANDED_OFF,
    LeadState.NOT_INTERESTED,
    LeadState.CALLBACK,
    LeadState.DO_NOT_CALL,
)
QUALIFIED_STATES = (LeadState.QUALIFIED, LeadState.HANDED_OFF)
REMAINING_STATES = tuple(DIALABLE_STATES)

EXPORT_COLUMNS = (
    "list_id",
    "name",
    "total",
    *(f"state_{state.value}" for state in LeadState),
    "attempts",
    "dialled",
    "contacted",
    "qualified",
    "contact_rate",
    "qualification_rate",
    "callable_now",
    "remaining",
)
_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


@dataclass(frozen=True)
class ListProgress:
    list_id: str
    name: str
    total: int
    by_state: Mapping[str, int]  # every LeadState value present, 0 when none
    attempts: int  # sum of attempts
    dialled: int  # leads tried at least once
    contacted: int  # qualified, handed_off, not_interested, callback, do_not_call
    qualified: int  # qualified + handed_off
    contact_rate: float | None  # contacted / dialled, None when nothing dialled
    qualification_rate: float | None  # qualified / contacted, None when no contact
    callable_now: int  # what "Next lead" could still hand out right now
    remaining: int  # leads still in new/retry/callback (callable now or later)


# -- public API --------------------------------------------------------------------------------


def list_progress(
    db: Database,
    list_id: str,
    *,
    now: datetime,
    fallback_zone: str = DEFAULT_FALLBACK_ZONE,
) -> ListProgress:
    """The figures of one list at ``now``; ``NotFound`` for a missing or deleted list."""
    found = _progress(db, [list_id], now, fallback_zone)
    if not found:
        raise NotFound("The call list does not exist.", entity="call_list", id=list_id)
    return found[0]


def all_progress(
    db: Database, *, now: datetime, fallback_zone: str = DEFAULT_FALLBACK_ZONE
) -> list[ListProgress]:
    """One entry per list that is not deleted, highest priority first, then by name."""
    return _progress(db, None, now, fallback_zone)


def export_progress(
    db: Database,
    path: str | Path,
    *,
    now: datetime,
    list_ids: Sequence[str] | None = None,
    fallback_zone: str = DEFAULT_FALLBACK_ZONE,
) -> Path:
    """Write the figures of ``list_ids`` (all lists when ``None``) to ``path``; returns it.

    The format follows the suffix: ``.csv`` (UTF-8 with a BOM) or ``.xlsx``; any other is
    refused with ``ValidationError({"path": "unsupported_format"})``. The file is written
    beside ``path`` and moved into place when complete. ``NotFound`` for a missing list.
    """
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationError({"path": "unsupported_format"})
    if list_ids is None:
        figures = _progress(db, None, now, fallback_zone)
    else:
        wanted = list(dict.fromkeys(list_ids))
        figures = _progress(db, wanted, now, fallback_zone) if wanted else []
        missing = set(wanted) - {item.list_id for item in figures}
        if missing:
            raise NotFound("A call list does not exist.", entity="call_list", id=sorted(missing)[0])
    rows = [[_cell(value) for value in _row(item)] for item in figures]
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if fmt == "csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(EXPORT_COLUMNS)
                writer.writerows(rows)
        else:
            from openpyxl import Workbook
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("progress")
            sheet.append(list(EXPORT_COLUMNS))
            for row in rows:
                sheet.append(
                    [
                        (ILLEGAL_CHARACTERS_RE.sub("", v) or None) if isinstance(v, str) else v
                        for v in row
                    ]  # "" (no rate) as an empty cell
                )
            workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    log.info("exported the progress of %d call list(s) (%s)", len(rows), fmt)
    return path


# -- the figures -------------------------------------------------------------------------------


_LEADS = Lead.__table__
_LISTS = CallList.__table__
_CUSTOMERS = Customer.__table__
_DNC = DncNumber.__table__
_DIALABLE = [str(state) for state in DIALABLE_STATES]


@dataclass(frozen=True)
class _List:
    id: str
    name: str
    priority: int
    active: bool
    window_start_minute: int
    window_end_minute: int
    weekdays: int
    max_attempts: int


class _Key(NamedTuple):
    list_id: str
    state: str
    time_zones: str | None
    attempts: int


def _progress(
    db: Database, list_ids: Sequence[str] | None, now: datetime, fallback_zone: str
) -> list[ListProgress]:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    with db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # Both counts from one snapshot (SQLite's transaction is one already).
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        lists = _lists(conn, list_ids)
        if not lists:
            return []
        ids = None if list_ids is None else [item.id for item in lists]
        counts = _counts(conn, ids, now)
        blocked = _blocked(conn, now)
        conn.rollback()
    found = []
    for item in lists:
        rows = counts.get(item.id, [])
        callable_now = 0
        if item.active:
            open_groups = callable_zone_groups(
                {key.time_zones for key, _leads, _free in rows if key.state in _DIALABLE},
                now,
                item.window_start_minute,
                item.window_end_minute,
                item.weekdays,
                fallback_zone=fallback_zone,
            )
            for key, _leads, free in rows:
                if (
                    key.state in _DIALABLE
                    and (key.state == LeadState.CALLBACK or key.attempts < item.max_attempts)
                    and key.time_zones in open_groups
                ):
                    callable_now += max(0, free - blocked.get(key, 0))
        found.append(_figures(item, rows, callable_now))
    return found


def _lists(conn: Connection, list_ids: Sequence[str] | None) -> list[_List]:
    query = select(
        _LISTS.c.id,
        _LISTS.c.name,
        _LISTS.c.priority,
        _LISTS.c.active,
        _LISTS.c.window_start_minute,
        _LISTS.c.window_end_minute,
        _LISTS.c.weekdays,
        _LISTS.c.max_attempts,
    ).where(_LISTS.c.deleted_at.is_(None))
    if list_ids is not None:
        query = query.where(_LISTS.c.id.in_(list(list_ids)))
    lists = [_List(*row) for row in conn.execute(query)]
    lists.sort(key=lambda item: (-item.priority, item.name.casefold(), item.id))
    return lists


def _counts(
    conn: Connection, list_ids: Sequence[str] | None, now: datetime
) -> dict[str, list[tuple[_Key, int, int]]]:
    """list id -> (key, live leads, those due and not reserved at ``now``)."""
    due_and_free = and_(
        _LEADS.c.state.in_(_DIALABLE),
        or_(_LEADS.c.next_attempt_at.is_(None), _LEADS.c.next_attempt_at <= now),
        or_(_LEADS.c.reserved_by.is_(None), _LEADS.c.reserved_until < now),
    )
    query = (
        select(
            _LEADS.c.call_list_id,
            _LEADS.c.state,
            _LEADS.c.time_zones,
            _LEADS.c.attempts,
            func.count(),
            func.coalesce(func.sum(case((due_and_free, 1), else_=0)), 0),
        )
        .where(_LEADS.c.deleted_at.is_(None))
        # This order, not the index's (list, state, …): for all lists SQLite then reads the
        # table in one pass and sorts, instead of visiting it row by row in index order.
        .group_by(_LEADS.c.time_zones, _LEADS.c.attempts, _LEADS.c.state, _LEADS.c.call_list_id)
    )
    if list_ids is not None:
        query = query.where(_LEADS.c.call_list_id.in_(list(list_ids)))
    found: dict[str, list[tuple[_Key, int, int]]] = {}
    for list_id, state, zones, attempts, leads, free in conn.execute(query):
        key = _Key(list_id, state, zones, int(attempts or 0))
        found.setdefault(list_id, []).append((key, int(leads), int(free)))
    return found


def _blocked(conn: Connection, now: datetime) -> dict[_Key, int]:
    """Leads due and free at ``now`` that must not be called: their number is on the
    do-not-call list or their customer is flagged do-not-call (all lists: the query is
    driven by those two short lists through the indexes on ``leads.phone_e164`` and
    ``leads.customer_id``)."""
    on_dnc = _LEADS.c.phone_e164.in_(select(_DNC.c.e164).where(_DNC.c.deleted_at.is_(None)))
    flagged = _LEADS.c.customer_id.in_(
        select(_CUSTOMERS.c.id).where(_CUSTOMERS.c.do_not_call.is_(True))
    )
    query = (
        select(
            _LEADS.c.call_list_id,
            _LEADS.c.state,
            _LEADS.c.time_zones,
            _LEADS.c.attempts,
            func.count(),
        )
        .where(
            _LEADS.c.deleted_at.is_(None),
            _LEADS.c.state.in_(_DIALABLE),
            or_(_LEADS.c.next_attempt_at.is_(None), _LEADS.c.next_attempt_at <= now),
            or_(_LEADS.c.reserved_by.is_(None), _LEADS.c.reserved_until < now),
            or_(on_dnc, flagged),
        )
        .group_by(_LEADS.c.call_list_id, _LEADS.c.state, _LEADS.c.time_zones, _LEADS.c.attempts)
    )
    return {
        _Key(list_id, state, zones, int(attempts or 0)): int(leads)
        for list_id, state, zones, attempts, leads in conn.execute(query)
    }


def _figures(item: _List, rows: Sequence[tuple[_Key, int, int]], callable_now: int) -> ListProgress:
    by_state = {state.value: 0 for state in LeadState}
    attempts = dialled = 0
    for key, leads, _free in rows:
        by_state[key.state] = by_state.get(key.state, 0) + leads  # an unknown state counts too
        attempts += key.attempts * leads
        if key.attempts > 0:
            dialled += leads
    contacted = sum(by_state[state] for state in CONTACTED_STATES)
    qualified = sum(by_state[state] for state in QUALIFIED_STATES)
    return ListProgress(
        list_id=item.id,
        name=item.name,
        total=sum(by_state.values()),
        by_state=MappingProxyType(by_state),
        attempts=attempts,
        dialled=dialled,
        contacted=contacted,
        qualified=qualified,
        contact_rate=contacted / dialled if dialled else None,
        qualification_rate=qualified / contacted if contacted else None,
        callable_now=callable_now,
        remaining=sum(by_state[state] for state in REMAINING_STATES),
    )


def _cell(value: Any) -> Any:
    """A spreadsheet cell: numbers as they are, text never a formula (see ``handoff``)."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return neutralize(str(value))


def _row(item: ListProgress) -> Iterable[Any]:
    return [
        item.list_id,
        item.name,
        item.total,
        *(item.by_state.get(state.value, 0) for state in LeadState),
        item.attempts,
        item.dialled,
        item.contacted,
        item.qualified,
        None if item.contact_rate is None else round(item.contact_rate, 4),
        None if item.qualification_rate is None else round(item.qualification_rate, 4),
        item.callable_now,
        item.remaining,
    ]

"""Outbound call lists (campaigns): creating, editing, activating and listing them.

A :class:`CallListSpec` is what the editor edits. :func:`validate_spec` checks it without the
database (the editor shows problems while the user types) and returns one code per refused
field; :func:`create_call_list` and :func:`update_call_list` refuse an invalid spec with a
:class:`~callcenter.validation.ValidationError` carrying the same codes, plus ``"name":
"taken"`` when another list (a soft-deleted one included) already has the name, compared
case-insensitively and ignoring surrounding spaces.

Field codes:

* ``name``: ``required``, ``too_long`` (over 200 characters), ``taken``;
* ``description``: ``invalid`` (not text);
* ``priority``: ``invalid`` (not an integer), ``out_of_range`` (``-100..100``);
* ``window_start`` / ``window_end``: ``invalid``, ``out_of_range`` (``0..1440`` minutes);
  ``window_end``: ``not_after_start`` (the window must end after it starts);
* ``weekdays``: ``invalid``, ``out_of_range`` (not a 7-bit mask), ``none`` (no day allowed);
* ``retry_rules``: ``invalid`` (not a mapping), ``unknown_outcome`` (a key other than
  ``no_answer``/``busy``); ``retry_rules.<outcome>``: ``invalid``, ``out_of_range``
  (``1..10080`` minutes);
* ``max_attempts``: ``invalid``, ``out_of_range`` (``1..50``);
* ``script``: ``invalid`` when :func:`callcenter.screening.parse_script` refuses it, with its
  details as ``script.<its field>`` (e.g. ``"script.questions.1.options.0.id": "duplicate"``,
  ``"script.threshold": "required"``); a script that is not a JSON object gives only
  ``"script": "invalid"``.

Edits use optimistic concurrency: the caller passes the ``version`` it showed; when someone
saved the list meanwhile the edit is refused with :class:`~callcenter.validation.StaleRecord`.
An edit that changes nothing writes nothing and keeps the version. Every create, update and
(de)activation writes an audit entry naming the changed fields (never their values).

Name uniqueness under a race: the database's unique constraint on ``call_lists.name`` catches
two identical names (its ``IntegrityError`` becomes ``"name": "taken"``); names differing only
in case or spaces are checked after the row is written, inside the same transaction. On
PostgreSQL the transactions that write names first take one advisory lock, so two desks
creating "Spring" and " spring " at once are serialised and the second sees the first; on
SQLite the first write takes the database's write lock, which does the same.

Qt-free; runs on the database worker and returns frozen dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from callcenter.screening import parse_script
from callcenter.storage.database import Database
from callcenter.storage.models import AuditEntry, CallList, Lead
from callcenter.storage.outbound import ALL_WEEKDAYS
from callcenter.validation import NotFound, StaleRecord, ValidationError

__all__ = [
    "MAX_ATTEMPTS_RANGE",
    "MAX_NAME_LENGTH",
    "PRIORITY_RANGE",
    "RETRY_MINUTES_RANGE",
    "RETRY_OUTCOMES",
    "CallListInfo",
    "CallListSpec",
    "create_call_list",
    "get_call_list",
    "list_call_lists",
    "set_active",
    "update_call_list",
    "validate_spec",
]

log = logging.getLogger(__name__)

MAX_NAME_LENGTH = 200
PRIORITY_RANGE = (-100, 100)
MINUTES_IN_DAY = 24 * 60
RETRY_OUTCOMES = ("no_answer", "busy")
RETRY_MINUTES_RANGE = (1, 7 * 24 * 60)
MAX_ATTEMPTS_RANGE = (1, 50)
# Any constant will do: every transaction that writes call-list names takes this lock first.
_NAME_LOCK_KEY = 0x63616C6C6C697374  # "calllist"


def _default_retry_rules() -> dict[str, int]:
    return {"no_answer": 120, "busy": 15}


@dataclass(frozen=True)
class CallListSpec:
    name: str
    description: str | None = None
    priority: int = 0  # higher is called first
    active: bool = True
    window_start_minute: int = 9 * 60  # callee's local time, minutes after midnight
    window_end_minute: int = 21 * 60
    weekdays: int = ALL_WEEKDAYS  # bit 0 = Monday … bit 6 = Sunday
    retry_rules: Mapping[str, int] = field(default_factory=_default_retry_rules)  # minutes
    max_attempts: int = 5
    script: dict | None = None  # screening questionnaire (screening.parse_script format)


@dataclass(frozen=True)
class CallListInfo:
    id: str
    #: Pass back as ``expected_version`` when saving an edit.
    version: int
    spec: CallListSpec
    #: Live (not soft-deleted) leads of the list.
    lead_count: int
    created_at: datetime
    updated_at: datetime | None = None


# -- public API --------------------------------------------------------------------------------


def validate_spec(spec: CallListSpec) -> dict[str, str]:
    """Field -> code for every refused field of ``spec``; empty when it may be saved.

    Pure: does not look at the database, so ``"name": "taken"`` is only found on saving.
    """
    errors: dict[str, str] = {}

    name = spec.name.strip() if isinstance(spec.name, str) else None
    if not name:
        errors["name"] = "required"
    elif len(name) > MAX_NAME_LENGTH:
        errors["name"] = "too_long"

    if spec.description is not None and not isinstance(spec.description, str):
        errors["description"] = "invalid"

    _check_int(errors, "priority", spec.priority, PRIORITY_RANGE)
    _check_int(errors, "window_start", spec.window_start_minute, (0, MINUTES_IN_DAY))
    _check_int(errors, "window_end", spec.window_end_minute, (0, MINUTES_IN_DAY))
    if (
        "window_start" not in errors
        and "window_end" not in errors
        and spec.window_end_minute <= spec.window_start_minute
    ):
        errors["window_end"] = "not_after_start"

    if _check_int(errors, "weekdays", spec.weekdays, (0, ALL_WEEKDAYS)) and not spec.weekdays:
        errors["weekdays"] = "none"

    rules = spec.retry_rules
    if not isinstance(rules, Mapping):
        errors["retry_rules"] = "invalid"
    else:
        for outcome, minutes in rules.items():
            if outcome not in RETRY_OUTCOMES:
                errors["retry_rules"] = "unknown_outcome"
                continue
            _check_int(errors, f"retry_rules.{outcome}", minutes, RETRY_MINUTES_RANGE)

    _check_int(errors, "max_attempts", spec.max_attempts, MAX_ATTEMPTS_RANGE)

    if spec.script is not None:
        try:
            parse_script(spec.script)
        except ValidationError as exc:
            errors["script"] = "invalid"
            for where, code in exc.field_codes.items():
                if where != "script":  # "not_an_object": the script itself, said above
                    errors[f"script.{where}"] = code
    return errors


def list_call_lists(db: Database, *, include_inactive: bool = True) -> list[CallListInfo]:
    """The lists that are not deleted, highest priority first, then by name."""
    with db.session() as session:
        query = select(CallList).where(CallList.deleted_at.is_(None))
        if not include_inactive:
            query = query.where(CallList.active.is_(True))
        lists = list(session.scalars(query))
        counts: dict[str, int] = {}
        if lists:
            # All leads counted through an index of their list alone (no table read), less
            # the soft-deleted ones, found by one pass over the table (a grouped query would
            # walk that index and read the table row by row: ten times slower at 1M leads).
            every = select(Lead.call_list_id, func.count()).group_by(Lead.call_list_id)
            counts = dict(session.execute(every).all())
            deleted = select(Lead.call_list_id).where(Lead.deleted_at.is_not(None))
            for list_id in session.scalars(deleted):
                counts[list_id] = counts.get(list_id, 0) - 1
        infos = [_info(row, counts.get(row.id, 0)) for row in lists]
    infos.sort(key=lambda info: (-info.spec.priority, info.spec.name.casefold(), info.id))
    return infos


def get_call_list(db: Database, list_id: str) -> CallListInfo:
    """One list; ``NotFound`` when it does not exist or was deleted."""
    with db.session() as session:
        row = _live_list(session, list_id)
        return _info(row, _lead_count(session, list_id))


def create_call_list(
    db: Database, spec: CallListSpec, *, now: datetime, agent_id: str | None = None
) -> CallListInfo:
    """Validate ``spec`` and store a new list with an audit entry.

    Raises ``ValidationError`` (nothing written), including ``"name": "taken"``.
    """
    _check_aware(now)
    clean = _clean(spec)
    try:
        with db.session() as session:
            _lock_names(session)
            row = CallList(created_at=now, updated_at=now)
            _apply(row, clean)
            session.add(row)
            session.flush()  # the first write: on SQLite it takes the write lock
            _check_name_free(session, clean["name"], row.id)
            _audit(
                session,
                "call_list.created",
                row.id,
                agent_id,
                now,
                {"fields": sorted(_FIELDS)},
            )
            session.flush()
            info = _info(row, 0)
    except IntegrityError as exc:
        raise _translate_integrity(exc) from exc
    log.info("call list %s created", info.id)
    return info


def update_call_list(
    db: Database,
    list_id: str,
    spec: CallListSpec,
    *,
    expected_version: int,
    now: datetime,
    agent_id: str | None = None,
) -> CallListInfo:
    """Save an edit made on the list with ``version == expected_version``.

    Raises ``ValidationError`` (nothing written), ``NotFound``, or ``StaleRecord`` when the
    stored version differs (someone saved in between; also detected at the write itself).
    """
    _check_aware(now)
    clean = _clean(spec)
    try:
        with db.session() as session:
            _lock_names(session)
            row = _live_list(session, list_id)
            if row.version != expected_version:
                raise _stale(list_id, expected_version, row.version)
            changed = _apply(row, clean)
            if changed:
                row.updated_at = now
                session.flush()
                if "name" in changed:
                    _check_name_free(session, clean["name"], list_id)
                _audit(session, "call_list.updated", list_id, agent_id, now, {"fields": changed})
                session.flush()
            info = _info(row, _lead_count(session, list_id))
    except StaleDataError as exc:
        raise _stale(list_id, expected_version, None) from exc
    except IntegrityError as exc:
        raise _translate_integrity(exc) from exc
    if changed:
        log.info("call list %s updated: %s", list_id, ", ".join(changed))
    return info


def set_active(
    db: Database, list_id: str, active: bool, *, now: datetime, agent_id: str | None = None
) -> CallListInfo:
    """Start or pause calling the list (whatever its version); a no-op when already so."""
    _check_aware(now)
    active = bool(active)
    try:
        with db.session() as session:
            row = _live_list(session, list_id)
            changed = bool(row.active) != active
            if changed:
                row.active = active
                row.updated_at = now
                action = "call_list.activated" if active else "call_list.deactivated"
                _audit(session, action, list_id, agent_id, now, {"fields": ["active"]})
                session.flush()
            info = _info(row, _lead_count(session, list_id))
    except StaleDataError as exc:
        raise _stale(list_id, None, None) from exc
    if changed:
        log.info("call list %s %s", list_id, "activated" if active else "deactivated")
    return info


# -- validation and writing ----------------------------------------------------------------


_FIELDS = (
    "name",
    "description",
    "priority",
    "active",
    "window_start_minute",
    "window_end_minute",
    "weekdays",
    "retry_rules",
    "max_attempts",
    "script",
)


def _check_int(errors: dict[str, str], key: str, value: object, bounds: tuple[int, int]) -> bool:
    """Record why ``value`` is not an integer within ``bounds``; whether it is."""
    if not isinstance(value, int) or isinstance(value, bool):
        errors[key] = "invalid"
        return False
    if not bounds[0] <= value <= bounds[1]:
        errors[key] = "out_of_range"
        return False
    return True


def _clean(spec: CallListSpec) -> dict[str, Any]:
    errors = validate_spec(spec)
    if errors:
        raise ValidationError(errors)
    description = spec.description.strip() if spec.description else None
    return {
        "name": spec.name.strip(),
        "description": description or None,
        "priority": spec.priority,
        "active": bool(spec.active),
        "window_start_minute": spec.window_start_minute,
        "window_end_minute": spec.window_end_minute,
        "weekdays": spec.weekdays,
        "retry_rules": {key: int(spec.retry_rules[key]) for key in sorted(spec.retry_rules)},
        "max_attempts": spec.max_attempts,
        "script": dict(spec.script) if spec.script is not None else None,
    }


def _apply(row: CallList, clean: Mapping[str, Any]) -> list[str]:
    """Copy the clean spec onto the row; the names of the fields that changed."""
    changed = []
    for name in _FIELDS:
        if getattr(row, name) != clean[name]:
            setattr(row, name, clean[name])
            changed.append(name)
    return changed


def _lock_names(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _NAME_LOCK_KEY})


def _name_key(name: str) -> str:
    return name.strip().casefold()


def _check_name_free(session: Session, name: str, own_id: str) -> None:
    """``ValidationError`` when another list, deleted or not, has the name (any case)."""
    key = _name_key(name)
    rows = session.execute(select(CallList.id, CallList.name).where(CallList.id != own_id))
    if any(_name_key(other) == key for _id, other in rows):
        raise ValidationError({"name": "taken"})


def _translate_integrity(exc: IntegrityError) -> Exception:
    text_ = str(exc.orig).lower()
    if "uq_call_lists_name" in text_ or "call_lists.name" in text_:
        return ValidationError({"name": "taken"})
    return exc


def _audit(
    session: Session,
    action: str,
    list_id: str,
    agent_id: str | None,
    now: datetime,
    details: dict[str, Any],
) -> None:
    session.add(
        AuditEntry(
            agent_id=agent_id,
            action=action,
            entity_type="call_list",
            entity_id=list_id,
            details=details,
            created_at=now,
            updated_at=now,
        )
    )


def _stale(list_id: str, expected: int | None, current: int | None) -> StaleRecord:
    return StaleRecord(
        "The call list was changed by someone else; reload it and edit again.",
        entity="call_list",
        id=list_id,
        expected_version=expected,
        current_version=current,
    )


# -- reading -----------------------------------------------------------------------------------


def _live_list(session: Session, list_id: str) -> CallList:
    row = session.get(CallList, list_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("The call list does not exist.", entity="call_list", id=list_id)
    return row


def _lead_count(session: Session, list_id: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Lead)
            .where(Lead.call_list_id == list_id, Lead.deleted_at.is_(None))
        )
        or 0
    )


def _info(row: CallList, lead_count: int) -> CallListInfo:
    spec = CallListSpec(
        name=row.name,
        description=row.description,
        priority=row.priority,
        active=bool(row.active),
        window_start_minute=row.window_start_minute,
        window_end_minute=row.window_end_minute,
        weekdays=row.weekdays,
        retry_rules=dict(row.retry_rules or {}),
        max_attempts=row.max_attempts,
        script=dict(row.script) if row.script is not None else None,
    )
    return CallListInfo(
        id=row.id,
        version=row.version,
        spec=spec,
        lead_count=lead_count,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")

"""The preview dialer's SQL, built once: SQLAlchemy then only binds values and finds the
compiled form. See :mod:`callcenter.dialer` for what each statement is for and the indexes it
walks.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

from sqlalchemy import Boolean, and_, bindparam, exists, func, or_, select, update

from callcenter.storage.models import (
    Callback,
    CallbackStatus,
    CallList,
    Customer,
    DncNumber,
    Lead,
    LeadState,
)

DIALABLE_STATES = (LeadState.NEW, LeadState.RETRY, LeadState.CALLBACK)

_LEADS = Lead.__table__
_CUSTOMERS = Customer.__table__
_LISTS_T = CallList.__table__
_CALLBACKS = Callback.__table__
_DNC = DncNumber.__table__
_NOW = bindparam("now", type_=_LEADS.c.next_attempt_at.type)
_DIALABLE = [str(state) for state in DIALABLE_STATES]
_AGE = func.coalesce(_LEADS.c.next_attempt_at, _LEADS.c.created_at)
_FREE = or_(_LEADS.c.reserved_by.is_(None), _LEADS.c.reserved_until < _NOW)
_DUE = or_(_LEADS.c.next_attempt_at.is_(None), _LEADS.c.next_attempt_at <= _NOW)
_NOT_ON_DNC = ~exists().where(_DNC.c.e164 == _LEADS.c.phone_e164, _DNC.c.deleted_at.is_(None))
_CUSTOMER_MAY_BE_CALLED = or_(_CUSTOMERS.c.id.is_(None), _CUSTOMERS.c.do_not_call.is_not(True))
# The agent's scheduled callbacks (each statement adds when they are due).
_AGENTS_CALLBACKS = (
    _CALLBACKS.c.agent_id == bindparam("agent_id"),
    _CALLBACKS.c.status == CallbackStatus.SCHEDULED,
    _CALLBACKS.c.deleted_at.is_(None),
)
# Statements are built once: SQLAlchemy then only binds values and finds the compiled form.
_HELD = (
    select(_LEADS.c.id)
    .where(
        _LEADS.c.reserved_by == bindparam("agent_id"),
        _LEADS.c.reserved_until >= _NOW,
        _LEADS.c.deleted_at.is_(None),
        _LEADS.c.state.in_(_DIALABLE),
    )
    .limit(1)
)
_HELD_CALLBACK = (
    select(_CALLBACKS.c.id, _CALLBACKS.c.due_at)
    .where(
        _CALLBACKS.c.lead_id == bindparam("lead_id"),
        *_AGENTS_CALLBACKS,
        _CALLBACKS.c.due_at <= _NOW,
    )
    .order_by(_CALLBACKS.c.due_at)
    .limit(1)
)
_LISTS = select(
    _LISTS_T.c.id,
    _LISTS_T.c.name,
    _LISTS_T.c.priority,
    _LISTS_T.c.window_start_minute,
    _LISTS_T.c.window_end_minute,
    _LISTS_T.c.weekdays,
    _LISTS_T.c.max_attempts,
).where(_LISTS_T.c.active.is_(True), _LISTS_T.c.deleted_at.is_(None))
_SOME_LISTS = _LISTS.where(_LISTS_T.c.id.in_(bindparam("list_ids", expanding=True)))
# The first statement of a request: the lead the agent holds, and whether any of their
# callbacks is due (the callbacks query runs only then).
_START = select(
    _HELD.scalar_subquery().label("held"),
    exists()
    .where(
        *_AGENTS_CALLBACKS,
        _CALLBACKS.c.due_at <= _NOW,
    )
    .label("callbacks_due"),
)
_DUE_CALLBACKS = (
    select(
        _CALLBACKS.c.id,
        _CALLBACKS.c.due_at,
        _LEADS.c.id,
        _LEADS.c.call_list_id,
        _LEADS.c.time_zones,
    )
    .join(_LEADS, _LEADS.c.id == _CALLBACKS.c.lead_id)
    .outerjoin(_CUSTOMERS, _CUSTOMERS.c.id == _LEADS.c.customer_id)
    .where(
        *_AGENTS_CALLBACKS,
        _CALLBACKS.c.due_at <= _NOW,
        _LEADS.c.deleted_at.is_(None),
        _LEADS.c.state == LeadState.CALLBACK,
        _LEADS.c.call_list_id.in_(bindparam("list_ids", expanding=True)),
        _DUE,
        _FREE,
        _CUSTOMER_MAY_BE_CALLED,
        _NOT_ON_DNC,
    )
    .order_by(_CALLBACKS.c.due_at, _CALLBACKS.c.id)
    .limit(bindparam("limit"))
)
_CANDIDATES = (
    select(_LEADS.c.id, _LEADS.c.score, _LEADS.c.abc_rank, _AGE)
    .select_from(_LEADS)
    .outerjoin(_CUSTOMERS, _CUSTOMERS.c.id == _LEADS.c.customer_id)
    .where(
        _LEADS.c.call_list_id == bindparam("list_id"),
        _LEADS.c.deleted_at.is_(None),
        _LEADS.c.state.in_(_DIALABLE),
        or_(_LEADS.c.state == LeadState.CALLBACK, _LEADS.c.attempts < bindparam("max_attempts")),
        _DUE,
        _FREE,
        or_(
            _LEADS.c.time_zones.in_(bindparam("groups", expanding=True)),
            and_(
                bindparam("no_zone_ok", type_=Boolean()),
                or_(_LEADS.c.time_zones.is_(None), _LEADS.c.time_zones == ""),
            ),
        ),
        _CUSTOMER_MAY_BE_CALLED,
        _NOT_ON_DNC,
    )
    .order_by(_LEADS.c.score.desc(), _LEADS.c.abc_rank.desc(), _AGE, _LEADS.c.id)
    .limit(bindparam("limit"))
)
# The same, leaving out the leads the agent skipped in this session.
_CANDIDATES_EXCEPT = _CANDIDATES.where(_LEADS.c.id.not_in(bindparam("exclude", expanding=True)))
_RESERVE = (
    update(_LEADS)
    .where(
        _LEADS.c.id == bindparam("lead_id"),
        _LEADS.c.deleted_at.is_(None),
        _LEADS.c.state.in_(_DIALABLE),
        _DUE,
        _FREE,
    )
    .values(
        reserved_by=bindparam("agent_id"),
        reserved_until=bindparam("until", type_=_LEADS.c.reserved_until.type),
        updated_at=_NOW,
        version=_LEADS.c.version + 1,
    )
)
_CARD = (
    select(
        _LEADS.c.id,
        _LEADS.c.call_list_id,
        _LISTS_T.c.name,
        _LEADS.c.name,
        _LEADS.c.company,
        _LEADS.c.city,
        _LEADS.c.phone_e164,
        _LEADS.c.time_zones,
        _LEADS.c.state,
        _LEADS.c.attempts,
        _LISTS_T.c.max_attempts,
        _LEADS.c.last_outcome,
        _LEADS.c.score,
        _LEADS.c.customer_id,
        _CUSTOMERS.c.abc_class,
        _LISTS_T.c.script,
        _LEADS.c.reserved_until,
    )
    .join(_LISTS_T, _LISTS_T.c.id == _LEADS.c.call_list_id)
    .outerjoin(_CUSTOMERS, _CUSTOMERS.c.id == _LEADS.c.customer_id)
    .where(_LEADS.c.id == bindparam("lead_id"))
)
# The next moments something changes for "Next lead": retry times of leads that may still be
# tried, reservations running out, the agent's callbacks falling due.


def _upcoming(column, *conditions):  # type: ignore[no-untyped-def]
    """The next values of ``column`` after ``:now``, earliest first: one range of an index
    whose last column is ``column`` (no sort)."""
    return (
        select(column).where(column > _NOW, *conditions).order_by(column).limit(bindparam("limit"))
    )


# One list and state at a time: the range of (call_list_id, state, next_attempt_at).
_RETRY_TIMES = _upcoming(
    _LEADS.c.next_attempt_at,
    _LEADS.c.call_list_id == bindparam("list_id"),
    _LEADS.c.state == bindparam("state"),
    _LEADS.c.deleted_at.is_(None),
)
# Every list: through the partial index of the few reserved leads.
_RESERVATION_ENDS = _upcoming(
    _LEADS.c.reserved_until,
    _LEADS.c.reserved_by.is_not(None),
    _LEADS.c.deleted_at.is_(None),
    _LEADS.c.state.in_(_DIALABLE),
)
_CALLBACK_TIMES = _upcoming(_CALLBACKS.c.due_at, *_AGENTS_CALLBACKS)

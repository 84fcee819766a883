"""The preview dialer: "Next lead" hands an agent the best lead they may call now, reserved.

Order of the candidates:

1. the agent's own due callbacks (a scheduled ``Callback`` of theirs on a lead in the
   ``callback`` state, due now), earliest first;
2. then the active lists by priority (highest first); within one priority level, leads by
   score (highest first), the linked customer's ABC class (A, B, C, then none), and the
   oldest ``next_attempt_at`` (or ``created_at`` for a lead never tried).

A lead is never offered when its list or itself is inactive or soft-deleted, its state is not
``new``/``retry``/``callback``, it reached its list's attempt limit (a ``callback`` the callee
asked for is still honoured), its retry time has not come, its number is on the do-not-call
list (any list) or its customer is flagged do-not-call, or the list's calling window is closed
in any of the number's time zones (see ``calling_window``).

Reservation: a candidate is taken by one conditional ``UPDATE … WHERE id = ? AND (reserved_by
IS NULL OR reserved_until < now)``; when another desk won the race (no row updated) the next
candidate is tried. This is atomic on SQLite (one writer at a time) and on PostgreSQL (the
second ``UPDATE`` waits for the first and re-checks its ``WHERE`` on the new row). An expired
reservation is free again. An agent holds at most one lead: asking again while holding one
gives the same lead back (whatever ``list_ids`` says).

Outcomes (``record_outcome``) count one attempt each and clear the reservation: ``no_answer`` /
``busy`` wait the list's ``retry_rules`` minutes (state ``retry``, or ``exhausted`` at
``max_attempts``); ``callback`` waits until ``callback_at`` and schedules a ``Callback`` for
the agent; ``qualified``, ``not_interested``, ``wrong_number`` and ``do_not_call`` end the
lead, and ``do_not_call`` also lists the number. Scheduled callbacks of the lead are marked
done by any outcome. The outcome and ``notes`` also go on the call they came from (its
disposition and notes in the call log), and ``notes`` on the new callback (or become the
do-not-call reason).

Screening (lists with a script): the answers are checked, scored and saved on the call;
``qualified`` needs the script's verdict or the agent's override with a reason, sets the lead's
score and enqueues the hand-off to sales in the same transaction (``callcenter.handoff``; the
delivery later moves the lead to ``handed_off``). Overrides go to the audit log. Details in
:meth:`Dialer.record_outcome`.

When nothing can be called, :meth:`Dialer.next_callable_at` tells when something may be: it
tries the moments when a calling window opens, a retry time or callback comes, or a reservation
runs out, in order, with the same candidate query (at most ``OUTLOOK_TRIES`` of them, up to
``OUTLOOK`` ahead; a few milliseconds each at a million leads).

Speed at a million leads (see ``callcenter bench next-lead``):

* the distinct ``time_zones`` groups are read once and kept for ``GROUPS_TTL`` seconds (a lead
  imported with a zone group never seen before waits at most that long), and judged once per
  minute and calling window; the query then asks for ``time_zones IN (callable groups)``;
* one query per list of the current priority level walks that list's leads through the index
  ``leads(call_list_id, score, abc_rank)`` (migration 0007; ``abc_rank`` is the customer's ABC
  class stored on the lead, kept right by ``storage.outbound``) and stops after ``CANDIDATES``
  callable rows (leads of equal score and class are put in age order by a small sort of just
  that group); lists of equal priority are merged in Python. Nothing sorts a whole list per
  call. The price: a list whose top-ranked leads are mostly not callable now (terminal,
  reserved, out of window) is walked further;
* the first statement asks both for the lead the agent holds and whether any of their
  callbacks is due (``EXISTS``); the callbacks query runs only then — never cached, so a
  callback that just fell due is offered at once;
* a reservation's commit does not wait for the disk (see ``_lease_commit``: a lease lost in a
  power cut only frees the lead); every other write is durable as the database is set up;
* the statements are built once, and one connection serves the whole request.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from callcenter import screening
from callcenter.calling_window import (
    DEFAULT_FALLBACK_ZONE,
    callable_zone_groups,
    opening_times,
    split_zones,
)
from callcenter.clock import Clock
from callcenter.dialer_queries import (
    _CALLBACK_TIMES,
    _CANDIDATES,
    _CANDIDATES_EXCEPT,
    _CARD,
    _DUE_CALLBACKS,
    _HELD_CALLBACK,
    _LISTS,
    _RESERVATION_ENDS,
    _RESERVE,
    _RETRY_TIMES,
    _SOME_LISTS,
    _START,
    DIALABLE_STATES,
)
from callcenter.dnc import add_in_session
from callcenter.handoff import enqueue_handoff
from callcenter.phones import mask
from callcenter.storage.database import Database
from callcenter.storage.models import (
    AuditEntry,
    Call,
    Callback,
    CallbackKind,
    CallbackStatus,
    CallList,
    Lead,
    LeadState,
)
from callcenter.validation import IllegalStateChange, NotFound, ValidationError

__all__ = ["DIALABLE_STATES", "Dialer", "LeadCard", "Outcome", "OutcomeResult"]

log = logging.getLogger(__name__)

DEFAULT_RETRY_MINUTES = {"no_answer": 120, "busy": 15}


class Outcome(StrEnum):
    QUALIFIED = "qualified"
    NOT_INTERESTED = "not_interested"
    CALLBACK = "callback"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CALL = "do_not_call"


# The outcomes that end a lead as not qualified: recorded against a qualifying score, they are
# the agent's override (allowed without a reason).
_NOT_QUALIFIED = frozenset({Outcome.NOT_INTERESTED, Outcome.WRONG_NUMBER, Outcome.DO_NOT_CALL})
OVERRIDE_AUDIT_ACTION = "lead.screening_overridden"

_TERMINAL = {
    Outcome.QUALIFIED: LeadState.QUALIFIED,
    Outcome.NOT_INTERESTED: LeadState.NOT_INTERESTED,
    Outcome.WRONG_NUMBER: LeadState.WRONG_NUMBER,
    Outcome.DO_NOT_CALL: LeadState.DO_NOT_CALL,
}


@dataclass(frozen=True)
class LeadCard:
    """What the agent sees before dialling: a plain, frozen copy of the lead."""

    lead_id: str
    call_list_id: str
    call_list_name: str
    name: str | None
    company: str | None
    city: str | None
    phone_e164: str
    time_zones: tuple[str, ...]
    state: str
    attempts: int
    max_attempts: int
    last_outcome: str | None
    score: float
    customer_id: str | None
    abc_class: str | None
    script: dict | None
    reserved_until: datetime | None
    callback_id: str | None = None  # set when the lead is one of the agent's due callbacks
    callback_due_at: datetime | None = None


@dataclass(frozen=True)
class OutcomeResult:
    """The lead after an outcome was recorded."""

    lead_id: str
    outcome: Outcome
    state: str
    attempts: int
    next_attempt_at: datetime | None
    callback_id: str | None = None  # the callback scheduled by a ``callback`` outcome
    added_to_dnc: bool = False  # ``do_not_call`` put the number on the list (it was not yet)
    score: float | None = None  # the screening score, when the list has a script and it was scored
    handoff_key: str | None = None  # ``qualified``: the idempotency key of the hand-off enqueued
    overridden: bool = False  # the verdict differs from the score's (see ``record_outcome``)


@dataclass(frozen=True)
class _List:
    id: str
    name: str
    priority: int
    window_start_minute: int
    window_end_minute: int
    weekdays: int
    max_attempts: int


@dataclass(frozen=True)
class _Candidate:
    lead_id: str
    sort_key: tuple[Any, ...]
    callback_id: str | None = None
    callback_due_at: datetime | None = None


class Dialer:
    """The preview dialer over one database. Each desk (thread) may have its own instance."""

    GROUPS_TTL = 300.0  # seconds the distinct time-zone groups are kept
    CANDIDATES = 4  # candidates read per list and query
    ROUNDS = 5  # queries per priority level when other desks keep winning the races
    OUTLOOK = timedelta(days=8)  # how far ahead next_callable_at looks
    OUTLOOK_TRIES = 40  # moments next_callable_at tries at most
    OUTLOOK_EVENTS = 20  # retry times per list and state (and so on) it looks at

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        reservation_minutes: int = 15,
        fallback_zone: str = DEFAULT_FALLBACK_ZONE,
    ) -> None:
        if reservation_minutes <= 0:
            raise ValueError("reservation_minutes must be positive")
        self._db = db
        self._clock = clock
        self._reservation = timedelta(minutes=reservation_minutes)
        self._fallback_zone = fallback_zone
        self._groups: tuple[str | None, ...] = ()
        self._groups_read_at: float | None = None
        self._callable: dict[tuple[Any, ...], frozenset[str | None]] = {}

    # -- next lead ------------------------------------------------------------------------

    def next_lead(
        self,
        agent_id: str,
        *,
        list_ids: Sequence[str] | None = None,
        exclude: Collection[str] = (),
    ) -> LeadCard | None:
        """Reserve and return the best lead ``agent_id`` may call now, ``None`` when none.

        ``exclude``: leads the agent skipped (released without an outcome) that should not come
        straight back to them; due callbacks are offered even so.
        """
        now = self._clock.now()
        with self._db.engine.connect() as conn:
            held_id, callbacks_due = conn.execute(_START, {"agent_id": agent_id, "now": now}).one()
            if held_id is not None:
                held = self._held_lead(conn, held_id, agent_id, now)
                conn.rollback()
                return held
            lists = self._active_lists(conn, list_ids)
            if not lists:
                conn.rollback()
                return None
            callable_groups = {item.id: self._callable_groups(conn, item, now) for item in lists}
            callbacks = []
            if callbacks_due:
                callbacks = self._due_callbacks(conn, agent_id, now, lists, callable_groups)
            conn.rollback()  # end the read; each reservation is a transaction of its own
            for candidate in callbacks:
                card = self._try_reserve(conn, candidate, agent_id, now)
                if card is not None:
                    return card

            levels: dict[int, list[_List]] = {}
            for item in lists:
                levels.setdefault(item.priority, []).append(item)
            for priority in sorted(levels, reverse=True):
                level = [item for item in levels[priority] if callable_groups[item.id]]
                for _round in range(self.ROUNDS):
                    candidates = self._level_candidates(conn, level, now, callable_groups, exclude)
                    conn.rollback()
                    if not candidates:
                        break
                    for candidate in candidates:
                        card = self._try_reserve(conn, candidate, agent_id, now)
                        if card is not None:
                            return card
                    # Every candidate went to another desk meanwhile: read the level again.
        return None

    def next_callable_at(
        self, agent_id: str, *, list_ids: Sequence[str] | None = None
    ) -> datetime | None:
        """When "Next lead" may next find a lead for ``agent_id`` (after now, within
        ``OUTLOOK``), ``None`` when not in that time or not known for sure (more than
        ``OUTLOOK_TRIES`` moments to try, or past what the ``OUTLOOK_EVENTS`` first retry
        times of a list cover). Reads only; for the agent who just got no lead ("the next one
        from 14:00"): an answer is never later than the truth.

        Something becomes callable only when a calling window opens, a retry time or one of the
        agent's callbacks comes, or a reservation runs out. Those moments (the ones at which
        some window is open) are tried in order with the very query ``next_lead`` runs, so the
        answer follows every rule of ``next_lead`` (attempts, do-not-call, states, zones).
        """
        now = self._clock.now()
        until = now + self.OUTLOOK
        with self._db.engine.connect() as conn:
            lists = self._active_lists(conn, list_ids)
            if not lists:
                conn.rollback()
                return None
            groups = self._zone_groups(conn)
            windows = {(i.window_start_minute, i.window_end_minute, i.weekdays) for i in lists}
            fallback = self._fallback_zone
            openings = {
                moment
                for window in windows
                for group in groups
                for moment in opening_times(
                    split_zones(group), now, until, *window, fallback_zone=fallback
                )
            }

            def open_somewhere(moment: datetime) -> bool:
                return any(
                    callable_zone_groups(groups, moment, *window, fallback_zone=fallback)
                    for window in windows
                )

            events, horizon = self._coming_events(conn, agent_id, lists, now)
            horizon = min(horizon, until)
            moments = sorted(openings | {m for m in events if m <= until and open_somewhere(m)})
            for tries, moment in enumerate(moments):
                # past what the event queries fully cover, or the tries: not known, say so
                if moment > horizon or tries == self.OUTLOOK_TRIES:
                    break
                if self._offers_at(conn, agent_id, lists, moment):
                    conn.rollback()
                    return moment
            conn.rollback()
        return None

    def _coming_events(
        self, conn: Connection, agent_id: str, lists: list[_List], now: datetime
    ) -> tuple[set[datetime], datetime]:
        """The next retry times of the lists' leads, reservation ends and the agent's
        callbacks after ``now``, and up to when that is all of them (a query cut short at
        ``OUTLOOK_EVENTS`` rows covers only up to its last row)."""
        limit = self.OUTLOOK_EVENTS
        found: set[datetime] = set()
        horizon = datetime.max.replace(tzinfo=UTC)

        def take(rows: Any, shift: timedelta = timedelta(0)) -> None:
            nonlocal horizon
            moments = [row + shift for row in rows]  # aware UTC: the columns' type
            found.update(moments)
            if len(moments) == limit:
                horizon = min(horizon, moments[-1])

        for item in lists:
            for state in DIALABLE_STATES:
                retries = {"list_id": item.id, "state": state, "now": now, "limit": limit}
                take(conn.scalars(_RETRY_TIMES, retries))
        # a reservation is free once its end has passed
        take(conn.scalars(_RESERVATION_ENDS, {"now": now, "limit": limit}), _JUST_AFTER)
        callbacks = {"agent_id": agent_id, "now": now, "limit": limit}
        take(conn.scalars(_CALLBACK_TIMES, callbacks))
        return found, horizon

    def _offers_at(self, conn: Connection, agent_id: str, lists: list[_List], at: datetime) -> bool:
        """Whether ``next_lead`` would find a lead for ``agent_id`` at ``at``, as things are."""
        callable_groups = {item.id: self._callable_groups(conn, item, at) for item in lists}
        if self._due_callbacks(conn, agent_id, at, lists, callable_groups):
            return True
        level = [item for item in lists if callable_groups[item.id]]
        return bool(level) and bool(self._level_candidates(conn, level, at, callable_groups))

    def extend(self, lead_id: str, agent_id: str) -> bool:
        """Keep the agent's reservation alive (a long call, a card left open): it runs for the
        full reservation time from now. ``False`` when the agent no longer holds the lead."""
        now = self._clock.now()
        with self._db.engine.begin() as conn:
            result = conn.execute(
                update(Lead)
                .where(Lead.id == lead_id, Lead.reserved_by == agent_id)
                .values(reserved_until=now + self._reservation)
            )
        return result.rowcount == 1

    def release(self, lead_id: str, agent_id: str) -> None:
        """Give a reserved lead back without an outcome (the agent skipped it)."""
        with self._db.engine.begin() as conn:
            result = conn.execute(
                update(Lead)
                .where(Lead.id == lead_id, Lead.reserved_by == agent_id)
                .values(
                    reserved_by=None,
                    reserved_until=None,
                    updated_at=self._clock.now(),
                    version=Lead.version + 1,
                )
            )
            if result.rowcount != 1:
                self._refuse(conn, lead_id, agent_id, "release")

    # -- outcomes -------------------------------------------------------------------------

    def record_outcome(
        self,
        lead_id: str,
        agent_id: str,
        outcome: Outcome | str,
        *,
        callback_at: datetime | None = None,
        notes: str | None = None,
        answers: Mapping[str, Any] | None = None,
        override: bool | None = None,
        override_reason: str | None = None,
        call_id: str | None = None,
    ) -> OutcomeResult:
        """Apply the outcome of the call to the lead the agent holds, and release it.

        Screening, when the lead's list has a script: ``answers`` (question id → answer) are
        checked (:func:`screening.normalize_answers`), scored and saved on the call — the
        ``calls`` row ``call_id`` when it belongs to this lead (its ``lead_id`` is this lead or
        empty, its number the lead's, its agent this one; an empty ``lead_id`` is then set),
        else this agent's newest call of the lead, if any. ``qualified`` needs the script's
        verdict (:func:`screening.decide`): the score reaches the threshold, or the agent
        overrides it (``override=True``) with an ``override_reason``; the lead's ``score``
        becomes the screening score and its hand-off is enqueued in the same transaction.
        ``not_interested``, ``wrong_number`` or ``do_not_call`` with answers that qualify is the
        agent's override the other way: allowed, reason optional. An override is written to the
        audit log (action ``lead.screening_overridden``, entity ``lead``, details ``{"qualified",
        "score", "threshold", "reason", "outcome", "call_id"}``) and, for ``qualified``, into the
        hand-off's ``screening.override``. Without a script, ``qualified`` needs no answers and
        ``answers`` must be empty.

        Raises ``ValidationError`` (``outcome`` invalid or ``not_qualified``; ``callback_at``
        required, naive or not in the future; ``answers.<question id>`` codes; ``answers``
        ``no_script``; ``reason`` ``override_reason_required`` or ``too_long``), ``NotFound``
        and ``IllegalStateChange`` (the agent does not hold the lead, or it is no longer
        dialable). When it raises, nothing changed: the lead stays reserved for the agent.
        """
        try:
            outcome = Outcome(outcome)
        except ValueError:
            raise ValidationError({"outcome": "invalid"}) from None
        now = self._clock.now()
        if outcome is Outcome.CALLBACK:
            if callback_at is None:
                raise ValidationError({"callback_at": "required"})
            if callback_at.tzinfo is None:
                raise ValidationError({"callback_at": "naive"})
            if callback_at <= now:
                raise ValidationError({"callback_at": "not_in_future"})

        with self._db.session() as session:
            # The first statement writes: on SQLite the transaction takes the write lock at
            # once, so a concurrent desk cannot invalidate what is read below.
            released = session.execute(
                update(Lead)
                .where(Lead.id == lead_id, Lead.reserved_by == agent_id)
                .values(reserved_by=None, reserved_until=None, version=Lead.version + 1)
                .execution_options(synchronize_session=False)
            )
            if released.rowcount != 1:
                self._refuse(session.connection(), lead_id, agent_id, "record_outcome")
            lead = session.get(Lead, lead_id)
            assert lead is not None
            if lead.state not in DIALABLE_STATES:
                raise IllegalStateChange(
                    f"Lead {lead_id} is {lead.state}: no outcome can be recorded.",
                    **{"from": lead.state, "to": str(outcome)},
                )
            call_list = session.get(CallList, lead.call_list_id)
            assert call_list is not None
            screened = _screen(call_list.script, outcome, answers, override, override_reason)

            lead.attempts += 1
            lead.last_outcome = outcome
            lead.updated_at = now
            callback_id = None
            added_to_dnc = False
            key = None
            if outcome in (Outcome.NO_ANSWER, Outcome.BUSY):
                rules = {**DEFAULT_RETRY_MINUTES, **(call_list.retry_rules or {})}
                lead.next_attempt_at = now + timedelta(minutes=int(rules[outcome]))
                exhausted = lead.attempts >= call_list.max_attempts
                lead.state = LeadState.EXHAUSTED if exhausted else LeadState.RETRY
            elif outcome is Outcome.CALLBACK:
                assert callback_at is not None
                lead.state = LeadState.CALLBACK
                lead.next_attempt_at = callback_at
            else:
                lead.state = _TERMINAL[outcome]
                lead.next_attempt_at = None
                if outcome is Outcome.QUALIFIED:
                    lead.qualified_at = now
                    if screened is not None:
                        lead.score = screened.decision.score

            # The callbacks this call answered are done.
            for done in session.scalars(
                select(Callback).where(
                    Callback.lead_id == lead_id,
                    Callback.status == CallbackStatus.SCHEDULED,
                    Callback.deleted_at.is_(None),
                )
            ):
                done.status = CallbackStatus.DONE
                done.done_at = now
                done.outcome = outcome
                done.updated_at = now
            if outcome is Outcome.CALLBACK:
                assert callback_at is not None
                callback = Callback(
                    kind=CallbackKind.CALLBACK,
                    lead_id=lead_id,
                    customer_id=lead.customer_id,
                    agent_id=agent_id,
                    phone_e164=lead.phone_e164,
                    due_at=callback_at,
                    status=CallbackStatus.SCHEDULED,
                    notes=notes,
                    created_at=now,
                    updated_at=now,
                )
                session.add(callback)
                session.flush()
                callback_id = callback.id
            if outcome is Outcome.DO_NOT_CALL:
                added_to_dnc = add_in_session(
                    session,
                    lead.phone_e164,
                    reason=notes,
                    source="dialer",
                    agent_id=agent_id,
                    now=now,
                )
            answers_given = screened.answers if screened is not None else None
            saved_on = _record_on_call(
                session, lead, agent_id, call_id, outcome, notes, answers_given, now
            )
            override_note = None
            if screened is not None and screened.decision.overridden:
                override_note = {
                    "qualified": screened.decision.qualified,
                    "score": screened.decision.score,
                    "threshold": screened.threshold,
                    "reason": screened.decision.reason,
                }
                session.add(
                    AuditEntry(
                        agent_id=agent_id,
                        action=OVERRIDE_AUDIT_ACTION,
                        entity_type="lead",
                        entity_id=lead_id,
                        details={**override_note, "outcome": str(outcome), "call_id": saved_on},
                        created_at=now,
                        updated_at=now,
                    )
                )
            session.flush()
            if outcome is Outcome.QUALIFIED:
                key = enqueue_handoff(
                    session,
                    lead_id,
                    now=now,
                    answers=screened.answers if screened is not None else None,
                    override=override_note,
                )
            log.info(
                "lead %s (%s): %s by agent %s → %s%s",
                lead_id,
                mask(lead.phone_e164),
                outcome,
                agent_id,
                lead.state,
                " (screening overridden)" if override_note is not None else "",
            )
            return OutcomeResult(
                lead_id=lead_id,
                outcome=outcome,
                state=lead.state,
                attempts=lead.attempts,
                next_attempt_at=lead.next_attempt_at,
                callback_id=callback_id,
                added_to_dnc=added_to_dnc,
                score=screened.decision.score if screened is not None else None,
                handoff_key=key,
                overridden=override_note is not None,
            )

    # -- internals ------------------------------------------------------------------------

    def _refuse(self, conn: Connection, lead_id: str, agent_id: str, action: str) -> None:
        row = conn.execute(
            select(Lead.reserved_by).where(Lead.id == lead_id, Lead.deleted_at.is_(None))
        ).first()
        if row is None:
            raise NotFound(f"Lead {lead_id} does not exist.", lead_id=lead_id)
        raise IllegalStateChange(
            f"Agent {agent_id} does not hold lead {lead_id}: cannot {action}.",
            code="lead_not_reserved",
            lead_id=lead_id,
            action=action,
        )

    def _active_lists(self, conn: Connection, list_ids: Sequence[str] | None) -> list[_List]:
        if list_ids is None:
            rows = conn.execute(_LISTS)
        else:
            rows = conn.execute(_SOME_LISTS, {"list_ids": list(list_ids)})
        return [_List(*row) for row in rows]

    def _zone_groups(self, conn: Connection) -> tuple[str | None, ...]:
        stamp = time.monotonic()
        if self._groups_read_at is None or stamp - self._groups_read_at > self.GROUPS_TTL:
            query = select(Lead.time_zones).distinct().where(Lead.deleted_at.is_(None))
            self._groups = tuple(conn.scalars(query))
            self._groups_read_at = stamp
            self._callable.clear()
        return self._groups

    def _callable_groups(
        self, conn: Connection, item: _List, now: datetime
    ) -> frozenset[str | None]:
        groups = self._zone_groups(conn)
        key = (
            now.replace(second=0, microsecond=0),
            item.window_start_minute,
            item.window_end_minute,
            item.weekdays,
        )
        found = self._callable.get(key)
        if found is None:
            if len(self._callable) > 256:
                self._callable.clear()
            found = self._callable[key] = frozenset(
                callable_zone_groups(
                    groups,
                    now,
                    item.window_start_minute,
                    item.window_end_minute,
                    item.weekdays,
                    fallback_zone=self._fallback_zone,
                )
            )
        return found

    def _level_candidates(
        self,
        conn: Connection,
        level: list[_List],
        now: datetime,
        callable_groups: dict[str, frozenset[str | None]],
        exclude: Collection[str] = (),
    ) -> list[_Candidate]:
        found: list[_Candidate] = []
        statement, skipped = (_CANDIDATES_EXCEPT, sorted(exclude)) if exclude else (_CANDIDATES, [])
        for item in level:
            groups = callable_groups[item.id]
            rows = conn.execute(
                statement,
                {
                    "exclude": skipped,
                    "now": now,
                    "list_id": item.id,
                    "max_attempts": item.max_attempts,
                    "groups": sorted(group for group in groups if group),
                    "no_zone_ok": None in groups or "" in groups,
                    "limit": self.CANDIDATES,
                },
            )
            for lead_id, score, rank, when in rows:
                found.append(_Candidate(lead_id, (-score, -rank, when, lead_id)))
        found.sort(key=lambda candidate: candidate.sort_key)
        return found

    def _due_callbacks(
        self,
        conn: Connection,
        agent_id: str,
        now: datetime,
        lists: list[_List],
        callable_groups: dict[str, frozenset[str | None]],
    ) -> list[_Candidate]:
        by_id = {item.id: item for item in lists}
        rows = conn.execute(
            _DUE_CALLBACKS,
            {"now": now, "agent_id": agent_id, "list_ids": list(by_id), "limit": 20},
        )
        found = []
        for callback_id, due_at, lead_id, list_id, zones in rows:
            groups = callable_groups[list_id]
            known = zones in self._groups
            if (
                zones in groups
                or (not zones and (None in groups or "" in groups))
                or (not known and self._zone_allows(zones, by_id[list_id], now))
            ):
                found.append(_Candidate(lead_id, (due_at,), callback_id, due_at))
        return found

    def _zone_allows(self, zones: str | None, item: _List, now: datetime) -> bool:
        # A zone group newer than the cached ones: judged on its own.
        return bool(
            callable_zone_groups(
                [zones],
                now,
                item.window_start_minute,
                item.window_end_minute,
                item.weekdays,
                fallback_zone=self._fallback_zone,
            )
        )

    def _try_reserve(
        self, conn: Connection, candidate: _Candidate, agent_id: str, now: datetime
    ) -> LeadCard | None:
        until = now + self._reservation
        with _lease_commit(conn, sqlite=self._db.is_sqlite), conn.begin():
            if not self._db.is_sqlite:
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            result = conn.execute(
                _RESERVE,
                {"lead_id": candidate.lead_id, "agent_id": agent_id, "now": now, "until": until},
            )
            if result.rowcount != 1:
                return None
            card = self._card(conn, candidate.lead_id)
        assert card is not None
        if candidate.callback_id is not None:
            card = _with_callback(card, candidate.callback_id, candidate.callback_due_at)
        log.info("lead %s reserved for agent %s until %s", card.lead_id, agent_id, until)
        return card

    def _held_lead(
        self, conn: Connection, lead_id: str, agent_id: str, now: datetime
    ) -> LeadCard | None:
        card = self._card(conn, lead_id)
        callback = conn.execute(
            _HELD_CALLBACK, {"lead_id": lead_id, "agent_id": agent_id, "now": now}
        ).first()
        if card is not None and callback is not None:
            card = _with_callback(card, callback[0], callback[1])
        return card

    def _card(self, conn: Connection, lead_id: str) -> LeadCard | None:
        row = conn.execute(_CARD, {"lead_id": lead_id}).first()
        if row is None:
            return None
        values = list(row)
        values[7] = split_zones(values[7])
        return LeadCard(*values)


@dataclass(frozen=True)
class _Screened:
    decision: screening.Decision
    threshold: float
    answers: dict[str, Any] | None  # normalised; ``None`` when none were given


def _screen(
    script: Mapping[str, Any] | None,
    outcome: Outcome,
    answers: Mapping[str, Any] | None,
    override: bool | None,
    reason: str | None,
) -> _Screened | None:
    """The screening verdict of an outcome, ``None`` when there is nothing to screen.

    Raises ``ValidationError`` before anything is written: bad answers, ``qualified`` that the
    script does not back (``outcome: not_qualified``), an override without a reason.
    """
    if not script:
        if answers:
            raise ValidationError({"answers": "no_script"})
        return None
    if answers is None and outcome is not Outcome.QUALIFIED:
        return None
    parsed = screening.parse_script(script)
    clean = screening.normalize_answers(parsed, answers or {})
    if outcome is Outcome.QUALIFIED:
        decision = screening.decide(parsed, clean, override=override, reason=reason)
        if not decision.qualified:
            raise ValidationError({"outcome": "not_qualified"})
    else:
        # The outcome is the verdict: not qualified. Against a qualifying score, that is an
        # override the agent may make without giving a reason.
        result = screening.score(parsed, clean)
        reason = reason.strip() if isinstance(reason, str) and reason.strip() else None
        if reason is not None and len(reason) > screening.MAX_REASON_LENGTH:
            raise ValidationError({"reason": "too_long"})
        overridden = outcome in _NOT_QUALIFIED and result.qualified
        decision = screening.Decision(
            qualified=False,
            score=result.score,
            overridden=overridden,
            reason=reason if overridden else None,
        )
    return _Screened(decision, parsed.threshold, clean if answers is not None else None)


def _record_on_call(
    session: Session,
    lead: Lead,
    agent_id: str,
    call_id: str | None,
    outcome: Outcome,
    notes: str | None,
    answers: dict[str, Any] | None,
    now: datetime,
) -> str | None:
    """Put the outcome, the notes and the answers on the call they were given in, so the call
    log and the customer's timeline show what came of it; the call's id, ``None`` when none.

    Only the call named by ``call_id`` gets the outcome and the notes (and only if it has no
    disposition yet). Without it, the answers go on this agent's newest call of the lead, as
    before, but its disposition is left alone: that call may be an earlier attempt's, or one
    whose outcome was never recorded, and must not take today's result.
    """
    call, named = None, False
    if call_id is not None:
        call = session.get(Call, call_id)
        named = True
        if (
            call is None
            or call.deleted_at is not None
            or call.lead_id not in (None, lead.id)
            or call.agent_id not in (None, agent_id)
            or call.remote_e164 not in (None, lead.phone_e164)
        ):
            log.warning("call %s is not a call of lead %s: answers go elsewhere", call_id, lead.id)
            call, named = None, False
    if call is None:
        if answers is None:
            return None  # nothing for an unnamed call
        call = session.scalars(
            select(Call)
            .where(Call.lead_id == lead.id, Call.agent_id == agent_id, Call.deleted_at.is_(None))
            .order_by(Call.ring_at.desc(), Call.id.desc())
            .limit(1)
        ).first()
    if call is None:
        log.info("lead %s: no call to keep the outcome on", lead.id)
        return None
    if call.lead_id is None:
        call.lead_id = lead.id
    if named and call.disposition is None:
        call.disposition = str(outcome)
        if notes and not call.notes:
            call.notes = notes
    if answers is not None:
        call.answers = answers
    call.updated_at = now
    return call.id


@contextmanager
def _lease_commit(conn: Connection, *, sqlite: bool) -> Iterator[None]:
    """A reservation's commit does not wait for the disk (SQLite: ``synchronous=NORMAL``).

    A reservation is a lease of a few minutes: in WAL mode it survives a crash of the app, and
    only a power cut or an OS crash right after it can lose it — the lead is then simply free
    again. It is never reordered after a later durable commit. PostgreSQL gets the same with
    ``SET LOCAL synchronous_commit TO OFF`` in the transaction. Every other write keeps the
    database's setting. On SQLite the reservation's commit does not run the WAL's automatic
    checkpoint either (``wal_autocheckpoint=0``; copying the log into a large database file
    took ~0.8 s at a million leads): the next ordinary commit does. (SQLite refuses these
    pragmas inside a transaction: they are set on the driver's connection between
    transactions, and the connection's own values put back after.)
    """
    if not sqlite:
        yield
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    synchronous = int(raw.execute("PRAGMA synchronous").fetchone()[0])
    autocheckpoint = int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA wal_autocheckpoint=0")
    try:
        yield
    finally:
        try:
            raw.execute(f"PRAGMA synchronous={synchronous}")
            raw.execute(f"PRAGMA wal_autocheckpoint={autocheckpoint}")
        except Exception:
            conn.invalidate()  # never hand a connection on with the weaker settings
            raise


def _with_callback(card: LeadCard, callback_id: str, due_at: datetime | None) -> LeadCard:
    return replace(card, callback_id=callback_id, callback_due_at=due_at)


_JUST_AFTER = timedelta(seconds=1)

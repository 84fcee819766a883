"""The agent's state (Ready, On call, Wrap-up, Paused…) and how long each stretch lasted.

:class:`AgentStateTracker` is the one place that decides which state changes are allowed, and
logs every stretch of time as an ``agent_states`` row: a change closes the open row
(``ended_at``, ``seconds``) and opens the next one in the same transaction. Offline time is not
logged (there is no open row while signed out). The in-memory state changes only once the
transaction has committed.

Transitions (anything else raises :class:`~callcenter.validation.IllegalStateChange`)::

    OFFLINE  --sign_in-->            READY
    READY    --pause(reason)-->      PAUSED        PAUSED --pause(other reason)--> PAUSED
    PAUSED   --set_ready-->          READY
    READY or PAUSED --call_started-->  ON_CALL     (an inbound call may ring while paused)
    WRAP_UP  --call_started-->       ON_CALL       (the next call ends the wrap-up)
    ON_CALL  --call_ended()-->       WRAP_UP
    ON_CALL  --call_ended(wrap_up=False)--> the state after the call
    WRAP_UP  --wrap_up_done-->       the state after the call
    WRAP_UP  --set_ready / pause-->  READY / PAUSED (ends the wrap-up at once)
    any but ON_CALL --sign_out-->    OFFLINE       (sign_out while offline does nothing)

"The state after the call" is the state the call interrupted (READY, or PAUSED with its
reason), unless the agent chose otherwise during the call or wrap-up: ``pause(reason)`` or
``request_pause_after_call(reason)`` while on the call ("pause after this call"), or
``set_ready()`` while on the call, which makes it READY.

Crash recovery: a row left open by a crash (the app died before closing it) is closed when the
tracker is built, with ``ended_at`` = now. The stretch then includes the time the app was not
running; an audit entry ``agent_state.recovered`` names the row so reports can leave it out.
The tracker itself starts OFFLINE.

Qt-free; runs on the database worker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from callcenter.clock import Clock
from callcenter.storage.database import Database
from callcenter.storage.models import Agent, AgentStateEntry, AuditEntry
from callcenter.validation import IllegalStateChange, NotFound, ValidationError

__all__ = ["PAUSE_REASONS", "AgentState", "AgentStateTracker", "StateSpan"]

log = logging.getLogger(__name__)


class AgentState(StrEnum):
    OFFLINE = "offline"
    READY = "ready"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    PAUSED = "paused"


PAUSE_REASONS: tuple[str, ...] = (
    "break",
    "lunch",
    "training",
    "meeting",
    "after_call_work",
    "other",
)


@dataclass(frozen=True, slots=True)
class StateSpan:
    state: AgentState
    reason: str | None
    started_at: datetime
    #: ``None`` while the stretch is still going on.
    ended_at: datetime | None
    #: Its length; for the stretch going on, up to now.
    seconds: float
    call_id: str | None = None


class AgentStateTracker:
    """One agent's state on this desk. Build it on the database worker at start-up."""

    def __init__(self, db: Database, clock: Clock, agent_id: str) -> None:
        self._db = db
        self._clock = clock
        self.agent_id = agent_id
        self._state = AgentState.OFFLINE
        self._reason: str | None = None
        self._call_id: str | None = None
        self._since = clock.now()
        self._open_row: str | None = None
        # Where the agent goes when the current call (and its wrap-up) is over.
        self._after_call: tuple[AgentState, str | None] | None = None
        self._recover()

    # -- what the status bar shows -----------------------------------------------------------

    @property
    def state(self) -> AgentState:
        return self._state

    @property
    def reason(self) -> str | None:
        """The pause reason while PAUSED, else ``None``."""
        return self._reason

    @property
    def since(self) -> datetime:
        return self._since

    @property
    def call_id(self) -> str | None:
        """The call row of ON_CALL / WRAP_UP."""
        return self._call_id

    @property
    def pending_pause(self) -> str | None:
        """The pause reason the agent will be in after the current call, if any."""
        if self._state in (AgentState.ON_CALL, AgentState.WRAP_UP) and self._after_call:
            target, reason = self._after_call
            return reason if target is AgentState.PAUSED else None
        return None

    # -- the agent's buttons ------------------------------------------------------------------

    def sign_in(self) -> AgentState:
        self._require("sign_in", AgentState.READY, AgentState.OFFLINE)
        return self._switch(AgentState.READY)

    def sign_out(self) -> AgentState:
        if self._state is AgentState.OFFLINE:
            return self._state
        self._require("sign_out", AgentState.OFFLINE, *_SIGNED_IN_IDLE)
        self._after_call = None
        return self._switch(AgentState.OFFLINE)

    def set_ready(self) -> AgentState:
        if self._state is AgentState.READY:
            return self._state
        if self._state is AgentState.ON_CALL:
            self._after_call = (AgentState.READY, None)
            return self._state
        self._require("set_ready", AgentState.READY, AgentState.PAUSED, AgentState.WRAP_UP)
        self._after_call = None
        return self._switch(AgentState.READY)

    def pause(self, reason: str) -> AgentState:
        """Pause now; while on a call, pause when the call (and its wrap-up) is over."""
        _check_reason(reason)
        if self._state is AgentState.ON_CALL:
            self._after_call = (AgentState.PAUSED, reason)
            return self._state
        if self._state is AgentState.PAUSED and self._reason == reason:
            return self._state
        self._require("pause", AgentState.PAUSED, *_SIGNED_IN_IDLE)
        self._after_call = None
        return self._switch(AgentState.PAUSED, reason=reason)

    def request_pause_after_call(self, reason: str) -> None:
        """Pause after this call: wrap_up_done (or call_ended without wrap-up) pauses."""
        _check_reason(reason)
        self._require("pause_after_call", AgentState.PAUSED, AgentState.ON_CALL, AgentState.WRAP_UP)
        self._after_call = (AgentState.PAUSED, reason)

    # -- the phone ----------------------------------------------------------------------------

    def call_started(self, call_row_id: str | None) -> AgentState:
        """A call was answered (or dialled) at this desk.

        Also from WRAP_UP: the phone is the fact, so the next call ends the wrap-up, and the
        state chosen for after the previous call becomes the state after this one.
        """
        self._require(
            "call_started",
            AgentState.ON_CALL,
            AgentState.READY,
            AgentState.PAUSED,
            AgentState.WRAP_UP,
        )
        if self._state is AgentState.WRAP_UP:
            after = self._after_call or (AgentState.READY, None)
        else:
            after = (self._state, self._reason)
        self._switch(AgentState.ON_CALL, call_id=call_row_id)
        self._after_call = after
        return self._state

    def call_ended(self, *, wrap_up: bool = True) -> AgentState:
        self._require("call_ended", AgentState.WRAP_UP, AgentState.ON_CALL)
        if wrap_up:
            return self._switch(AgentState.WRAP_UP, call_id=self._call_id)
        return self._leave_call()

    def wrap_up_done(self) -> AgentState:
        self._require("wrap_up_done", AgentState.READY, AgentState.WRAP_UP)
        return self._leave_call()

    # -- reports ------------------------------------------------------------------------------

    def history(self, *, since: datetime) -> list[StateSpan]:
        """The stretches that started at or after ``since``, and the one going on at ``since``;
        oldest first, not cut at ``since``."""
        now = self._clock.now()
        live = (AgentStateEntry.agent_id == self.agent_id, AgentStateEntry.deleted_at.is_(None))
        with self._db.session() as session:
            before = session.scalars(
                select(AgentStateEntry)
                .where(*live, AgentStateEntry.started_at < since)
                .order_by(AgentStateEntry.started_at.desc(), AgentStateEntry.id.desc())
                .limit(1)
            ).first()
            rows = list(
                session.scalars(
                    select(AgentStateEntry)
                    .where(*live, AgentStateEntry.started_at >= since)
                    .order_by(AgentStateEntry.started_at, AgentStateEntry.id)
                )
            )
            if before is not None and (before.ended_at is None or before.ended_at > since):
                rows.insert(0, before)
            return [_span(row, now) for row in rows]

    # -- internals ----------------------------------------------------------------------------

    def _require(self, action: str, target: AgentState, *allowed: AgentState) -> None:
        if self._state not in allowed:
            raise IllegalStateChange(
                f"Cannot {action.replace('_', ' ')} while {self._state.value}.",
                action=action,
                from_state=self._state.value,
                to_state=target.value,
            )

    def _leave_call(self) -> AgentState:
        target, reason = self._after_call or (AgentState.READY, None)
        self._after_call = None
        return self._switch(target, reason=reason)

    def _switch(
        self, state: AgentState, *, reason: str | None = None, call_id: str | None = None
    ) -> AgentState:
        """Close the open row and open the next (none for OFFLINE), in one transaction."""
        now = self._clock.now()
        with self._db.session() as session:
            if self._open_row is not None:
                row = session.get(AgentStateEntry, self._open_row)
                if row is not None and row.ended_at is None:
                    _close(row, now)
            new_row = None
            if state is not AgentState.OFFLINE:
                entry = AgentStateEntry(
                    agent_id=self.agent_id,
                    state=state.value,
                    reason=reason,
                    call_id=call_id,
                    started_at=now,
                    created_at=now,
                    updated_at=now,
                )
                session.add(entry)
                session.flush()
                new_row = entry.id
        log.info(
            "agent %s: %s -> %s%s",
            self.agent_id,
            self._state,
            state,
            f" ({reason})" if reason else "",
        )
        self._state, self._reason, self._call_id = state, reason, call_id
        self._since, self._open_row = now, new_row
        return state

    def _recover(self) -> None:
        """Close rows a crash left open (see the module docstring)."""
        now = self._since
        with self._db.session() as session:
            agent = session.get(Agent, self.agent_id)
            if agent is None or agent.deleted_at is not None:
                raise NotFound("The agent does not exist.", entity="agent", id=self.agent_id)
            left_open = session.scalars(
                select(AgentStateEntry).where(
                    AgentStateEntry.agent_id == self.agent_id,
                    AgentStateEntry.ended_at.is_(None),
                    AgentStateEntry.deleted_at.is_(None),
                )
            ).all()
            for row in left_open:
                _close(row, now)
                _audit_recovery(session, row, now)
        if left_open:
            log.warning(
                "agent %s: closed %d state row(s) left open by a crash",
                self.agent_id,
                len(left_open),
            )


_SIGNED_IN_IDLE = (AgentState.READY, AgentState.PAUSED, AgentState.WRAP_UP)


def _check_reason(reason: str) -> None:
    if reason not in PAUSE_REASONS:
        raise ValidationError({"reason": "invalid"})


def _close(row: AgentStateEntry, now: datetime) -> None:
    ended = max(now, row.started_at)
    row.ended_at = ended
    row.seconds = (ended - row.started_at).total_seconds()
    row.updated_at = now


def _audit_recovery(session: Session, row: AgentStateEntry, now: datetime) -> None:
    session.add(
        AuditEntry(
            agent_id=row.agent_id,
            action="agent_state.recovered",
            entity_type="agent_state",
            entity_id=row.id,
            details={"state": row.state, "seconds": row.seconds},
            created_at=now,
            updated_at=now,
        )
    )


def _span(row: AgentStateEntry, now: datetime) -> StateSpan:
    if row.ended_at is not None:
        seconds = row.seconds if row.seconds is not None else 0.0
    else:
        seconds = max(0.0, (now - row.started_at).total_seconds())
    return StateSpan(
        state=AgentState(row.state),
        reason=row.reason,
        started_at=row.started_at,
        ended_at=row.ended_at,
        seconds=float(seconds),
        call_id=row.call_id,
    )

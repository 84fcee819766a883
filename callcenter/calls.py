"""Automatic call logging and wrap-up.

:class:`CallLog` turns the phone system's events into rows of ``calls``: the row is written as
soon as the call rings (``ring_at`` is the event's moment), then completed when it is answered
and when it ends. Each write is its own committed transaction, so a crash never loses a
ringing record; a call that ends unanswered keeps ``answer_at`` NULL.

The phone system's call id is mapped to the row id inside the ``CallLog`` instance (one per
desk, on the database worker). Events for ids it does not know (rung before the app started,
already ended) are ignored and return ``None``. After the call, :meth:`CallLog.wrap_up`
records the agent's disposition code and notes; :meth:`CallLog.attach_customer` ties the call
to the customer the agent chose or just created.

Qt-free; returns frozen dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from callcenter import phones
from callcenter.clock import Clock
from callcenter.settings import DEFAULT_DISPOSITIONS
from callcenter.storage.database import Database
from callcenter.storage.models import Call, Customer
from callcenter.telephony.interface import CallAnswered, CallEnded, CallRinging
from callcenter.validation import NotFound, ValidationError

__all__ = ["DEFAULT_DISPOSITIONS", "CallLog", "LoggedCall"]

log = logging.getLogger(__name__)


_MAX_RAW = 200  # calls.remote_number_raw
_MAX_LOCAL = 64  # calls.local_number
_MAX_TELEPHONY_ID = 128  # calls.telephony_call_id


@dataclass(frozen=True, slots=True)
class LoggedCall:
    id: str
    telephony_call_id: str | None
    direction: str
    remote_number_raw: str | None
    remote_e164: str | None
    customer_id: str | None
    agent_id: str | None
    ring_at: datetime
    answer_at: datetime | None
    end_at: datetime | None
    end_reason: str | None
    disposition: str | None
    notes: str | None

    @property
    def talk_seconds(self) -> float | None:
        """Seconds between answer and end; ``None`` while unanswered or not ended."""
        if self.answer_at is None or self.end_at is None:
            return None
        return max(0.0, (self.end_at - self.answer_at).total_seconds())


class CallLog:
    """Writes one ``calls`` row per call, from ring to wrap-up."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        default_region: str = phones.DEFAULT_REGION,
        dispositions: Sequence[str] = DEFAULT_DISPOSITIONS,
    ) -> None:
        self._db = db
        self._clock = clock
        self._default_region = default_region
        self.dispositions: tuple[str, ...] = tuple(dispositions)
        self._rows: dict[str, str] = {}  # telephony call id -> calls.id, while the call lasts

    def ringing(
        self,
        event: CallRinging,
        *,
        agent_id: str | None,
        customer_id: str | None,
        lead_id: str | None = None,
    ) -> LoggedCall:
        """Write the call's row at once. A repeated ringing event returns the same row.

        ``lead_id`` ties an outbound call to the lead the dialer handed out; its outcome and
        screening answers are recorded on this row (``Dialer.record_outcome(call_id=…)``).
        """
        if (row_id := self._rows.get(event.call_id)) is not None:
            log.debug("call %s rang again; row %s kept", event.call_id, row_id)
            return self._update(row_id, _unchanged)
        raw = event.remote_number or ""
        number = (
            None if phones.is_withheld(raw) else phones.try_normalize(raw, self._default_region)
        )
        now = self._clock.now()
        with self._db.session() as session:
            call = Call(
                direction=str(event.direction),
                telephony_call_id=event.call_id[:_MAX_TELEPHONY_ID],
                remote_number_raw=raw[:_MAX_RAW] or None,
                remote_e164=number.e164 if number else None,
                local_number=(event.local_number or "")[:_MAX_LOCAL] or None,
                agent_id=agent_id,
                customer_id=customer_id,
                lead_id=lead_id,
                ring_at=event.at,
                created_at=now,
                updated_at=now,
            )
            session.add(call)
            session.flush()
            logged = _logged(call)
        self._rows[event.call_id] = logged.id
        log.info(
            "call %s (%s) ringing, %s, row %s",
            event.call_id,
            logged.direction,
            phones.mask(raw),
            logged.id,
        )
        return logged

    def answered(self, event: CallAnswered) -> LoggedCall | None:
        """Record the answer moment (the first one, if the event repeats)."""
        row_id = self._row_for(event.call_id, "answered")
        if row_id is None:
            return None

        def answer(_session: Session, call: Call) -> None:
            if call.answer_at is None and call.end_at is None:
                call.answer_at = event.at

        return self._update(row_id, answer)

    def ended(self, event: CallEnded) -> LoggedCall | None:
        """Record the end moment and reason; the call id is forgotten afterwards."""
        row_id = self._row_for(event.call_id, "ended")
        if row_id is None:
            return None

        def end(_session: Session, call: Call) -> None:
            if call.end_at is None:
                call.end_at = event.at
                call.end_reason = str(event.reason)

        logged = self._update(row_id, end)
        self._rows.pop(event.call_id, None)
        log.info("call %s ended (%s), row %s", event.call_id, logged.end_reason, row_id)
        return logged

    def attach_customer(self, call_row_id: str, customer_id: str) -> LoggedCall:
        """Tie the call to a customer (the chooser's choice, or a customer just created).

        Raises ``NotFound`` when the call or the customer does not exist.
        """

        def attach(session: Session, call: Call) -> None:
            customer = session.get(Customer, customer_id)
            if customer is None or customer.deleted_at is not None:
                raise NotFound("The customer does not exist.", entity="customer", id=customer_id)
            call.customer_id = customer_id

        return self._update(call_row_id, attach)

    def wrap_up(
        self, call_row_id: str, *, disposition: str, notes: str | None, agent_id: str | None
    ) -> LoggedCall:
        """Record the disposition code and notes (again, to correct them).

        ``disposition`` must be one of :attr:`dispositions` (``ValidationError`` with
        ``{"disposition": "invalid"}`` otherwise). ``agent_id``, when given, becomes the call's
        agent. Blank notes are stored as NULL.
        """
        if disposition not in self.dispositions:
            raise ValidationError({"disposition": "invalid"})
        text = notes if notes is not None and notes.strip() else None

        def wrap(_session: Session, call: Call) -> None:
            call.disposition = disposition
            call.notes = text
            if agent_id is not None:
                call.agent_id = agent_id

        return self._update(call_row_id, wrap)

    def row_for(self, telephony_call_id: str) -> str | None:
        """The row id of a call in progress, ``None`` when unknown or ended."""
        return self._rows.get(telephony_call_id)

    # -- helpers -------------------------------------------------------------------------------

    def _row_for(self, call_id: str, what: str) -> str | None:
        row_id = self._rows.get(call_id)
        if row_id is None:
            log.debug("call %s %s: not a call this desk logged; ignored", call_id, what)
        return row_id

    def _update(self, row_id: str, change: Callable[[Session, Call], None]) -> LoggedCall:
        """Apply ``change`` to the row in its own transaction; the row as committed."""
        with self._db.session() as session:
            call = session.get(Call, row_id)
            if call is None or call.deleted_at is not None:
                raise NotFound("The call does not exist.", entity="call", id=row_id)
            change(session, call)
            if session.is_modified(call):
                call.updated_at = self._clock.now()
            session.flush()
            return _logged(call)


def _unchanged(_session: Session, _call: Call) -> None:
    pass


def _logged(call: Call) -> LoggedCall:
    return LoggedCall(
        id=call.id,
        telephony_call_id=call.telephony_call_id,
        direction=call.direction,
        remote_number_raw=call.remote_number_raw,
        remote_e164=call.remote_e164,
        customer_id=call.customer_id,
        agent_id=call.agent_id,
        ring_at=call.ring_at,
        answer_at=call.answer_at,
        end_at=call.end_at,
        end_reason=call.end_reason,
        disposition=call.disposition,
        notes=call.notes,
    )

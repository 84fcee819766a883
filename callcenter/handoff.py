"""Hand-off of qualified leads to sales: an outbox delivered to a webhook, and CSV/XLSX export.

**Enqueue.** :func:`enqueue_handoff` writes one ``HandoffMessage`` (the outbox row) in the
caller's session, so the hand-off is committed together with the qualification, or not at
all. Its idempotency key is derived from the lead id alone (``uuid5``), so enqueuing the same
lead twice gives the same key and one row.

**Deliver.** :class:`WebhookDelivery` POSTs due messages as JSON with an ``Idempotency-Key``
header. Each message is first *claimed* in a short transaction of its own: a conditional
``UPDATE`` sets ``status = 'sending'``, a fresh ``claim_token`` and a lease (``next_attempt_at =
now + lease``), and only succeeds while the row is still due (``pending`` and due, or
``sending`` with an expired lease). Exactly one deliverer wins that update — another thread,
another process or another desk on the same PostgreSQL database sees zero rows changed and skips
the message — so one message is never POSTed twice at the same time. The POST happens outside
any transaction; the result is then recorded only if the row still carries the same token:
``delivered`` on 2xx (and on 409, "already received"); on a connection error, a timeout, 408,
429 or 5xx the message goes back to ``pending`` with an exponential backoff (30 s, doubling, at
most 1 h; a longer ``Retry-After`` wins) until ``max_attempts``, then ``failed`` (visible, with a
short ``last_error`` such as ``http_503`` — never a response body). Any other 4xx means the
receiver refuses the payload: ``failed`` at once. The transaction that marks a message
``delivered`` also moves its lead from ``qualified`` to ``handed_off``. With a ``token`` (the
receiver's shared secret) every POST carries ``Authorization: Bearer <token>``; the token is
never logged. :func:`deliver_once` is one round of delivery for a timer (off the GUI thread).

**Exactly once, across restarts.** The outbox is in the database, so nothing is lost when the
app stops: a restarted deliverer picks up ``pending`` rows and ``sending`` rows whose lease has
expired. If the app dies after the receiver got the POST but before ``delivered`` was written,
the message is sent again — transport is *at least once* — but with the same idempotency key,
and the receiver is required to ignore a key it has already recorded (answering 2xx or 409). At
least once + an idempotency key deduplicated by the receiver = exactly one hand-off recorded.
(A row re-claimed after a crash is sent once more even if it had used all its attempts.)

**Export.** :func:`export_handoffs` writes the qualified leads as CSV (UTF-8 with a BOM, for
Excel) or XLSX; every text cell goes through :func:`callcenter.importing.report.neutralize`,
so a cell starting with ``=``, ``+``, ``-`` or ``@`` is shown as text, never run as a formula.

Qt-free. Logs ids and status codes only, never names, numbers or payloads.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from callcenter.clock import Clock
from callcenter.importing.report import neutralize
from callcenter.storage.database import Database
from callcenter.storage.models import Call, CallList, HandoffMessage, HandoffStatus, Lead, LeadState
from callcenter.validation import NotFound, ValidationError

log = logging.getLogger(__name__)

__all__ = [
    "EXPORT_COLUMNS",
    "DeliveryReport",
    "WebhookDelivery",
    "deliver_once",
    "enqueue_handoff",
    "export_handoffs",
    "handoff_key",
    "outbox_counts",
    "retry_failed",
]

# Fixed namespace of the hand-off keys: the same lead always gets the same key.
_KEY_NAMESPACE = uuid.UUID("6f1c3d0e-6b7a-5c55-9a43-2f8e0f4f6a10")
_RETRYABLE_STATUSES = frozenset({408, 429})
_QUALIFIED_STATES = (LeadState.QUALIFIED, LeadState.HANDED_OFF)


def handoff_key(lead_id: str) -> str:
    """The idempotency key of a lead's hand-off: deterministic, the same on every desk."""
    return str(uuid.uuid5(_KEY_NAMESPACE, f"{lead_id}:handoff"))


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _latest_answers(session: Session, lead_id: str) -> dict[str, Any] | None:
    return session.execute(
        select(Call.answers)
        .where(Call.lead_id == lead_id, Call.answers.is_not(None), Call.deleted_at.is_(None))
        .order_by(Call.ring_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def _payload(
    session: Session,
    lead: Lead,
    key: str,
    answers: Mapping[str, Any] | None,
    override: Mapping[str, Any] | None,
    now: datetime,
) -> dict[str, Any]:
    call_list = session.get(CallList, lead.call_list_id)
    script = (call_list.script or {}) if call_list is not None else {}
    screening: dict[str, Any] = {
        "score": lead.score,
        "threshold": script.get("threshold"),
        "answers": dict(answers) if answers is not None else _latest_answers(session, lead.id),
    }
    if override is not None:
        screening["override"] = dict(override)
    return {
        "idempotency_key": key,
        "lead_id": lead.id,
        "call_list": call_list.name if call_list is not None else None,
        "lead": {
            "name": lead.name,
            "company": lead.company,
            "city": lead.city,
            "phone_e164": lead.phone_e164,
            "phone_extension": lead.phone_extension,
            "source": lead.source,
            "notes": lead.notes,
            "state": str(lead.state),
            "qualified_at": _iso(lead.qualified_at),
        },
        "screening": screening,
        "handed_off_at": now.isoformat(),
    }


def enqueue_handoff(
    session_or_db: Session | Database,
    lead_id: str,
    *,
    now: datetime,
    answers: Mapping[str, Any] | None = None,
    override: Mapping[str, Any] | None = None,
) -> str:
    """Put the lead's hand-off in the outbox; its idempotency key.

    Given a ``Session``, the row is added to it (flushed, not committed): call it inside the
    transaction that qualifies the lead. Given a ``Database``, it runs in a transaction of its
    own. ``answers`` default to those of the lead's latest call that has some. ``override``
    (the agent qualified against the score: ``{"qualified", "score", "threshold", "reason"}``)
    goes into the payload as ``screening.override``. Enqueuing a lead that is already in the
    outbox changes nothing and returns the same key.
    """
    if isinstance(session_or_db, Database):
        with session_or_db.session() as session:
            return enqueue_handoff(session, lead_id, now=now, answers=answers, override=override)
    session = session_or_db
    key = handoff_key(lead_id)
    existing = session.execute(
        select(HandoffMessage.id).where(HandoffMessage.idempotency_key == key)
    ).first()
    if existing is not None:
        return key
    lead = session.get(Lead, lead_id)
    if lead is None or lead.deleted_at is not None:
        raise NotFound(f"Lead {lead_id} does not exist.", lead_id=lead_id)
    session.add(
        HandoffMessage(
            lead_id=lead.id,
            idempotency_key=key,
            payload=_payload(session, lead, key, answers, override, now),
            target="webhook",
            status=HandoffStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()
    log.info("hand-off of lead %s enqueued (key %s)", lead_id, key)
    return key


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    retried: int = 0


@dataclass(frozen=True)
class _Claim:
    id: str
    lead_id: str
    key: str
    payload: dict[str, Any]
    attempts: int
    token: str


class WebhookDelivery:
    """Delivers the outbox to one webhook URL; safe to run in several threads and processes."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        url: str,
        *,
        session: requests.Session | None = None,
        timeout: float = 10,
        max_attempts: int = 10,
        backoff: tuple[float, float] = (30.0, 3600.0),
        lease: float | None = None,
        token: str | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        token = token.strip() if token else None
        if token is not None and any(c in token for c in "\r\n\0"):
            raise ValueError("the webhook token cannot hold line breaks")
        self.db = db
        self.clock = clock
        self.url = url
        # The receiver's shared secret, sent as ``Authorization: Bearer …``; never logged.
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = session if session is not None else requests.Session()
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.first_delay, self.max_delay = backoff
        # Longer than a POST can take, so a live deliverer never loses its claim.
        self.lease = timedelta(seconds=lease if lease is not None else max(60.0, 3 * timeout))

    def retry_delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failed attempt: 30 s, 60 s, 120 s, … at most 1 h."""
        seconds = self.first_delay * 2 ** max(attempts - 1, 0)
        return timedelta(seconds=min(seconds, self.max_delay))

    def deliver_due(
        self, limit: int = 50, *, should_stop: Callable[[], bool] | None = None
    ) -> DeliveryReport:
        """POST up to ``limit`` due messages, one at a time; what became of them.
        ``should_stop`` is asked before each message (the app is closing: the rest wait)."""
        delivered = failed = retried = 0
        for message_id in self._due_ids(limit):
            if should_stop is not None and should_stop():
                break
            claim = self._claim(message_id)
            if claim is None:
                continue  # another deliverer has it
            outcome = self._send(claim)
            if outcome == HandoffStatus.DELIVERED:
                delivered += 1
            elif outcome == HandoffStatus.FAILED:
                failed += 1
            elif outcome == HandoffStatus.PENDING:
                retried += 1
        return DeliveryReport(delivered=delivered, failed=failed, retried=retried)

    # --- the steps -----------------------------------------------------------------------

    def _due(self, now: datetime) -> ColumnElement[bool]:
        return and_(
            HandoffMessage.target == "webhook",
            HandoffMessage.deleted_at.is_(None),
            HandoffMessage.status.in_((HandoffStatus.PENDING, HandoffStatus.SENDING)),
            or_(HandoffMessage.next_attempt_at.is_(None), HandoffMessage.next_attempt_at <= now),
        )

    def _due_ids(self, limit: int) -> list[str]:
        with self.db.session() as session:
            return list(
                session.execute(
                    select(HandoffMessage.id)
                    .where(self._due(self.clock.now()))
                    .order_by(HandoffMessage.next_attempt_at, HandoffMessage.id)
                    .limit(limit)
                ).scalars()
            )

    def _claim(self, message_id: str) -> _Claim | None:
        """Take the message for one attempt (atomic conditional update), or ``None``."""
        now = self.clock.now()
        token = str(uuid.uuid4())
        with self.db.session() as session:
            claimed = session.execute(
                update(HandoffMessage)
                .where(HandoffMessage.id == message_id, self._due(now))
                .values(
                    status=HandoffStatus.SENDING,
                    claim_token=token,
                    next_attempt_at=now + self.lease,
                    attempts=HandoffMessage.attempts + 1,
                    version=HandoffMessage.version + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            ).rowcount
            if claimed != 1:
                return None
            row = session.execute(
                select(
                    HandoffMessage.lead_id,
                    HandoffMessage.idempotency_key,
                    HandoffMessage.payload,
                    HandoffMessage.attempts,
                ).where(HandoffMessage.id == message_id)
            ).one()
        return _Claim(
            message_id, row.lead_id, row.idempotency_key, row.payload, row.attempts, token
        )

    def _send(self, claim: _Claim) -> HandoffStatus | None:
        error: str
        retry_after = 0.0
        try:
            response = self.http.post(
                self.url,
                json=claim.payload,
                headers={"Idempotency-Key": claim.key, **self._headers},
                timeout=self.timeout,
                stream=True,  # the body is never read: a slow one cannot outlast the lease
            )
        except requests.Timeout:
            error = "timeout"
        except requests.ConnectionError:
            error = "connection_error"
        except requests.RequestException as exc:
            error = type(exc).__name__[:64]
        else:
            status = response.status_code
            response.close()
            if 200 <= status < 300 or status == 409:
                log.info("hand-off %s delivered (HTTP %s)", claim.key, status)
                return self._mark_delivered(claim)
            error = f"http_{status}"
            if not (status >= 500 or status in _RETRYABLE_STATUSES):
                log.warning("hand-off %s refused by the receiver (HTTP %s)", claim.key, status)
                return self._mark_failed(claim, error)
            retry_after = _retry_after_seconds(response.headers.get("Retry-After"))
        if claim.attempts >= self.max_attempts:
            log.warning(
                "hand-off %s failed after %s attempts: %s", claim.key, claim.attempts, error
            )
            return self._mark_failed(claim, error)
        delay = max(self.retry_delay(claim.attempts), timedelta(seconds=retry_after))
        log.info(
            "hand-off %s attempt %s failed (%s), retry in %s",
            claim.key,
            claim.attempts,
            error,
            delay,
        )
        return self._finish(
            claim,
            status=HandoffStatus.PENDING,
            next_attempt_at=self.clock.now() + delay,
            last_error=error,
        )

    def _mark_delivered(self, claim: _Claim) -> HandoffStatus | None:
        now = self.clock.now()
        return self._finish(
            claim,
            status=HandoffStatus.DELIVERED,
            delivered_at=now,
            next_attempt_at=None,
            last_error=None,
        )

    def _mark_failed(self, claim: _Claim, error: str) -> HandoffStatus | None:
        return self._finish(
            claim, status=HandoffStatus.FAILED, next_attempt_at=None, last_error=error
        )

    def _finish(
        self, claim: _Claim, *, status: HandoffStatus, **values: Any
    ) -> HandoffStatus | None:
        """Record the attempt's outcome, if the claim is still ours (its lease did not expire)."""
        now = self.clock.now()
        with self.db.session() as session:
            changed = session.execute(
                update(HandoffMessage)
                .where(HandoffMessage.id == claim.id, HandoffMessage.claim_token == claim.token)
                .values(
                    status=status,
                    claim_token=None,
                    version=HandoffMessage.version + 1,
                    updated_at=now,
                    **values,
                )
                .execution_options(synchronize_session=False)
            ).rowcount
            if changed == 1 and status == HandoffStatus.DELIVERED:
                # Sales has the lead: it is handed off, in the transaction that says so.
                session.execute(
                    update(Lead)
                    .where(Lead.id == claim.lead_id, Lead.state == LeadState.QUALIFIED)
                    .values(state=LeadState.HANDED_OFF, updated_at=now, version=Lead.version + 1)
                    .execution_options(synchronize_session=False)
                )
        if changed != 1:
            log.warning("hand-off %s: lease lost before the outcome was recorded", claim.key)
            return None
        return status


def deliver_once(
    db: Database,
    clock: Clock,
    url: str,
    token: str | None = None,
    *,
    limit: int = 50,
    timeout: float = 10,
    session: requests.Session | None = None,
) -> DeliveryReport:
    """One round of delivery, for a timer: POST up to ``limit`` due hand-offs to ``url``.

    Blocks on the network: run it off the GUI thread. ``token`` (the receiver's secret) is sent
    as ``Authorization: Bearer …``. Without a ``url`` nothing is sent. Never raises for the
    receiver's or the network's failures: they are in the report and the outbox.
    """
    if not url:
        return DeliveryReport()
    delivery = WebhookDelivery(db, clock, url, session=session, timeout=timeout, token=token)
    try:
        return delivery.deliver_due(limit)
    finally:
        if session is None:
            delivery.http.close()


def outbox_counts(db: Database) -> dict[str, int]:
    """The number of hand-offs in each status: pending, sending, delivered, failed."""
    with db.session() as session:
        found = session.execute(
            select(HandoffMessage.status, func.count())
            .where(HandoffMessage.deleted_at.is_(None))
            .group_by(HandoffMessage.status)
        ).all()
    counts = dict.fromkeys(HandoffStatus, 0)
    counts.update({status: count for status, count in found})
    return {str(status): count for status, count in counts.items()}


def retry_failed(db: Database, *, now: datetime, keys: Sequence[str] | None = None) -> int:
    """Put failed hand-offs (all, or those with the given keys) back in the queue, due now.

    For after the receiver was fixed: their attempts start again from zero. The number requeued.
    """
    query = update(HandoffMessage).where(HandoffMessage.status == HandoffStatus.FAILED)
    if keys is not None:
        query = query.where(HandoffMessage.idempotency_key.in_(list(keys)))
    with db.session() as session:
        changed = session.execute(
            query.values(
                status=HandoffStatus.PENDING,
                attempts=0,
                next_attempt_at=now,
                version=HandoffMessage.version + 1,
                updated_at=now,
            ).execution_options(synchronize_session=False)
        ).rowcount
    log.info("%s failed hand-offs requeued", changed)
    return changed


def _retry_after_seconds(value: str | None) -> float:
    try:
        return min(max(float(value), 0.0), 24 * 3600.0) if value else 0.0
    except ValueError:
        return 0.0  # an HTTP date: the backoff applies


# --- export ------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "lead_id",
    "qualified_at",
    "call_list",
    "name",
    "company",
    "city",
    "phone_e164",
    "phone_extension",
    "source",
    "notes",
    "score",
    "answers",
    "handoff_status",
)
_FORMATS = ("csv", "xlsx")
_CHUNK = 500


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return neutralize(str(value))


def _rows(db: Database, list_id: str | None, since: datetime | None) -> Iterable[Sequence[Any]]:
    with db.session() as session:
        query = (
            select(Lead, CallList.name)
            .join(CallList, CallList.id == Lead.call_list_id)
            .where(
                Lead.state.in_(_QUALIFIED_STATES),
                Lead.qualified_at.is_not(None),
                Lead.deleted_at.is_(None),
            )
            .order_by(Lead.qualified_at, Lead.id)
        )
        if list_id is not None:
            query = query.where(Lead.call_list_id == list_id)
        if since is not None:
            query = query.where(Lead.qualified_at >= since)
        found = session.execute(query).all()
        rows: list[list[Any]] = []
        for start in range(0, len(found), _CHUNK):
            chunk = found[start : start + _CHUNK]
            ids = [lead.id for lead, _ in chunk]
            outbox = dict(
                session.execute(
                    select(HandoffMessage.lead_id, HandoffMessage.status).where(
                        HandoffMessage.lead_id.in_(ids)
                    )
                ).all()
            )
            answers: dict[str, Any] = {}
            calls = session.execute(
                select(Call.lead_id, Call.answers)
                .where(Call.lead_id.in_(ids), Call.answers.is_not(None), Call.deleted_at.is_(None))
                .order_by(Call.ring_at)
            ).all()
            for call_lead_id, call_answers in calls:
                answers[call_lead_id] = call_answers  # the latest call wins
            for lead, list_name in chunk:
                rows.append(
                    [
                        lead.id,
                        lead.qualified_at,
                        list_name,
                        lead.name,
                        lead.company,
                        lead.city,
                        lead.phone_e164,
                        lead.phone_extension,
                        lead.source,
                        lead.notes,
                        lead.score,
                        answers.get(lead.id),
                        outbox.get(lead.id),
                    ]
                )
    for row in rows:
        yield [_cell(value) for value in row]


def export_handoffs(
    db: Database,
    path: str | Path,
    *,
    list_id: str | None = None,
    since: datetime | None = None,
    fmt: str = "csv",
) -> int:
    """Write the qualified leads (of one list, qualified at or after ``since``) to ``path``.

    ``fmt`` is ``"csv"`` (UTF-8 with a BOM) or ``"xlsx"``. The file is written beside ``path``
    and moved into place when complete. Returns the number of leads written.
    """
    if fmt not in _FORMATS:
        raise ValidationError({"fmt": "unsupported"})
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    count = 0
    try:
        if fmt == "csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(EXPORT_COLUMNS)
                for row in _rows(db, list_id, since):
                    writer.writerow(row)
                    count += 1
        else:
            from openpyxl import Workbook
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("handoffs")
            sheet.append(list(EXPORT_COLUMNS))
            for row in _rows(db, list_id, since):
                sheet.append(
                    [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
                )
                count += 1
            workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    log.info("exported %s qualified leads (%s)", count, fmt)
    return count

"""Next actions after a call: open a complaint case, schedule a callback.

The complaint workflow (SLA clock, status changes, return visits) grows in a later issue; this
module creates the records with what that workflow will need: a case number, an SLA deadline
from the severity, and the link to the call and the customer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from callcenter.errors import CallcenterError
from callcenter.phones import time_zones
from callcenter.storage.database import Database
from callcenter.storage.models import (
    AuditEntry,
    Callback,
    CallbackKind,
    CallbackStatus,
    CallList,
    Complaint,
    ComplaintStatus,
    Customer,
    CustomerPhone,
    Lead,
    LeadState,
    Severity,
)

CATEGORIES = ("billing", "delivery", "quality", "service", "other")
#: Time to resolve, by severity.
SLA = {
    Severity.CRITICAL: timedelta(hours=4),
    Severity.HIGH: timedelta(hours=24),
    Severity.MEDIUM: timedelta(hours=72),
    Severity.LOW: timedelta(days=7),
}
#: Case numbers carry the date of the call center (China time by default): C + yymmdd + 4 digits.
CASE_ZONE = ZoneInfo("Asia/Shanghai")
#: Desks sharing one team database may take the same next case number at the same moment:
#: the one that commits second takes the number after, up to this many times.
_CASE_NUMBER_TRIES = 5

log = logging.getLogger(__name__)


class FollowUpError(CallcenterError):
    code = "invalid_follow_up"


@dataclass(frozen=True, slots=True)
class ComplaintCreated:
    id: str
    case_number: str
    sla_due_at: datetime


@dataclass(frozen=True, slots=True)
class CallbackCreated:
    id: str
    due_at: datetime


def open_complaint(
    db: Database,
    *,
    customer_id: str | None,
    call_id: str | None,
    owner_id: str | None,
    category: str,
    severity: str,
    subject: str,
    description: str | None,
    now: datetime,
) -> ComplaintCreated:
    if category not in CATEGORIES:
        raise FollowUpError("Unknown complaint category.", code="invalid_category")
    if severity not in set(Severity):
        raise FollowUpError("Unknown severity.", code="invalid_severity")
    subject = subject.strip()
    if not subject:
        raise FollowUpError("A complaint needs a subject.", code="subject_required")
    due = now + SLA[Severity(severity)]
    complaint = Complaint(
        customer_id=customer_id,
        call_id=call_id,
        owner_id=owner_id,
        category=category,
        severity=severity,
        status=ComplaintStatus.NEW,
        subject=subject,
        description=(description or "").strip() or None,
        sla_due_at=due,
        created_at=now,
        updated_at=now,
    )
    for attempt in range(1, _CASE_NUMBER_TRIES + 1):
        try:
            return _save_complaint(db, complaint, now)
        except IntegrityError:
            if attempt == _CASE_NUMBER_TRIES or not _case_number_taken(db, complaint.case_number):
                raise
            log.info("case number %s was just taken by another desk", complaint.case_number)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _save_complaint(db: Database, complaint: Complaint, now: datetime) -> ComplaintCreated:
    """Give ``complaint`` the next case number of the day and save it with its audit entry,
    in one transaction."""
    with db.session() as session:
        complaint.case_number = _next_case_number(session, now)
        session.add(complaint)
        session.flush()
        session.add(
            AuditEntry(
                agent_id=complaint.owner_id,
                action="complaint.opened",
                entity_type="complaint",
                entity_id=complaint.id,
                details={"severity": complaint.severity, "category": complaint.category},
            )
        )
        return ComplaintCreated(complaint.id, complaint.case_number, complaint.sla_due_at)


def _case_number_taken(db: Database, case_number: str) -> bool:
    """Whether a committed complaint has ``case_number`` (the clash was over the number)."""
    with db.session() as session:
        found = session.scalar(
            select(Complaint.id).where(Complaint.case_number == case_number).limit(1)
        )
    return found is not None


def _next_case_number(session, now: datetime) -> str:  # type: ignore[no-untyped-def]
    prefix = "C" + now.astimezone(CASE_ZONE).strftime("%y%m%d")
    last = session.scalar(
        select(func.max(Complaint.case_number)).where(Complaint.case_number.like(prefix + "%"))
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def schedule_callback(
    db: Database,
    *,
    customer_id: str | None,
    agent_id: str | None,
    phone_e164: str | None,
    due_at: datetime,
    notes: str | None,
    now: datetime,
    complaint_id: str | None = None,
    lead_id: str | None = None,
    kind: str = CallbackKind.CALLBACK,
    remind_minutes: int = 5,
) -> CallbackCreated:
    if due_at <= now:
        raise FollowUpError("A callback must be in the future.", code="callback_in_past")
    if customer_id is None and lead_id is None and phone_e164 is None:
        raise FollowUpError("A callback needs someone to call.", code="callback_no_target")
    with db.session() as session:
        callback = Callback(
            kind=kind,
            customer_id=customer_id,
            lead_id=lead_id,
            complaint_id=complaint_id,
            agent_id=agent_id,
            phone_e164=phone_e164,
            due_at=due_at,
            remind_at=due_at - timedelta(minutes=remind_minutes),
            status=CallbackStatus.SCHEDULED,
            notes=(notes or "").strip() or None,
            created_at=now,
            updated_at=now,
        )
        session.add(callback)
        session.flush()
        return CallbackCreated(callback.id, due_at)


@dataclass(frozen=True, slots=True)
class CallListChoice:
    id: str
    name: str


def active_call_lists(db: Database) -> list[CallListChoice]:
    """The call lists a customer can be added to as a lead, most important first."""
    with db.session() as session:
        rows = session.execute(
            select(CallList.id, CallList.name)
            .where(CallList.active.is_(True), CallList.deleted_at.is_(None))
            .order_by(CallList.priority.desc(), CallList.name)
        ).all()
    return [CallListChoice(*row) for row in rows]


def add_customer_as_lead(
    db: Database, *, customer_id: str, call_list_id: str, agent_id: str | None, now: datetime
) -> str:
    """Put a customer on a call list (an inbound caller interested in an offer); returns the
    lead's id. The lead gets the customer's primary number and its time zones."""
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            raise FollowUpError("The customer does not exist.", code="not_found")
        phone = session.scalar(
            select(CustomerPhone)
            .where(CustomerPhone.customer_id == customer_id, CustomerPhone.deleted_at.is_(None))
            .order_by(CustomerPhone.is_primary.desc(), CustomerPhone.created_at)
            .limit(1)
        )
        if phone is None:
            raise FollowUpError("The customer has no phone number.", code="no_phone")
        existing = session.scalar(
            select(Lead.id).where(
                Lead.call_list_id == call_list_id,
                Lead.phone_e164 == phone.e164,
                Lead.deleted_at.is_(None),
            )
        )
        if existing is not None:
            return existing
        lead = Lead(
            call_list_id=call_list_id,
            customer_id=customer_id,
            name=customer.name,
            company=customer.company,
            city=customer.city,
            source="inbound",
            phone_e164=phone.e164,
            phone_extension=phone.extension,
            time_zones="|".join(time_zones(phone.e164)) or None,
            state=LeadState.NEW,
            created_at=now,
            updated_at=now,
        )
        session.add(lead)
        session.flush()
        session.add(
            AuditEntry(
                agent_id=agent_id,
                action="lead.added_from_customer",
                entity_type="lead",
                entity_id=lead.id,
            )
        )
        return lead.id

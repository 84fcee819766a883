"""The customer 360° view (profile + timeline) and creating and editing customers.

A draft from the form is validated completely before anything is written: every refused
field comes back at once in a :class:`~callcenter.validation.ValidationError` (``field_codes``
such as ``{"name": "required", "phones.1": "too_short"}``). Edits use optimistic concurrency:
the caller passes the ``version`` it showed; if someone changed the customer meanwhile the
edit is refused with :class:`~callcenter.validation.StaleRecord`. Every create and update
writes an audit entry naming the changed fields (never their values).

Phone numbers are stored normalised (E.164 plus extension). An edit compares the draft's
numbers with the stored ones by E.164 + extension: numbers no longer listed are soft-deleted,
new ones added, kept ones updated (kind, primary). Any change bumps the customer's version,
phones included.

Qt-free; runs on the database worker and returns frozen dataclasses.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from callcenter import phones
from callcenter.errors import InvalidPhoneNumber
from callcenter.storage.database import Database
from callcenter.storage.models import (
    AbcClass,
    Agent,
    AuditEntry,
    Call,
    Callback,
    CallbackStatus,
    CallList,
    Complaint,
    ComplaintStatus,
    Customer,
    CustomerPhone,
    Lead,
    LeadState,
    PhoneKind,
)
from callcenter.validation import NotFound, StaleRecord, ValidationError

__all__ = [
    "CustomerDraft",
    "CustomerProfile",
    "CustomerView",
    "PhoneDraft",
    "PhoneEntry",
    "TimelineItem",
    "TimelineKind",
    "create_customer",
    "load_customer",
    "update_customer",
]

log = logging.getLogger(__name__)

_CLOSED_COMPLAINT = (ComplaintStatus.RESOLVED.value, ComplaintStatus.CLOSED.value)
_OPEN_LEAD = (LeadState.NEW.value, LeadState.RETRY.value, LeadState.CALLBACK.value)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_MAX_LENGTH = {"name": 200, "company": 200, "email": 254, "city": 120}
_MAX_TAG_LENGTH = 64


# -- what the view shows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhoneEntry:
    id: str
    e164: str
    extension: str | None
    kind: str
    is_primary: bool


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    id: str
    name: str
    company: str | None
    email: str | None
    city: str | None
    abc_class: str | None
    tags: tuple[str, ...]
    notes: str | None
    marketing_consent: bool
    do_not_call: bool
    #: Live numbers in the order they were added (a draft's order is kept).
    phones: tuple[PhoneEntry, ...]
    #: Pass back as ``expected_version`` when saving an edit.
    version: int
    created_at: datetime
    updated_at: datetime


class TimelineKind(StrEnum):
    CALL = "call"
    COMPLAINT = "complaint"
    CALLBACK = "callback"
    LEAD = "lead"
    SATISFACTION = "satisfaction"


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One thing that happened with the customer; codes untranslated.

    ``title``: a call's disposition code ("" before wrap-up), a complaint's
    ``"<case number> <subject>"``, a satisfaction's case number, a callback's kind code
    (``callback``/``return_visit``), a lead's call-list name. ``extra`` holds the rest, by kind:

    * call: direction, agent_name, duration_s (talk time, None if not answered or not ended),
      end_reason, remote_e164, answer_at, end_at
    * complaint: case_number, subject, category, severity, sla_due_at, owner_name,
      resolved_at, closed_at, resolution
    * satisfaction: score (1–5), case_number, complaint_id
    * callback: kind, due_at, remind_at, done_at, outcome, agent_name, phone_e164,
      complaint_id, lead_id
    * lead: state, call_list, score, attempts, last_outcome, next_attempt_at, qualified_at
    """

    kind: TimelineKind
    id: str
    at: datetime
    is_open: bool
    status: str | None
    title: str
    detail: str | None
    extra: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CustomerView:
    profile: CustomerProfile
    #: Open items first (soonest due / SLA first), then everything else newest first.
    timeline: tuple[TimelineItem, ...]


# -- what the form edits -----------------------------------------------------------------------


@dataclass
class PhoneDraft:
    raw: str
    kind: str = PhoneKind.MOBILE.value
    is_primary: bool = False


@dataclass
class CustomerDraft:
    name: str
    company: str | None = None
    email: str | None = None
    city: str | None = None
    abc_class: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    marketing_consent: bool = False
    do_not_call: bool = False
    phones: list[PhoneDraft] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Phone:
    e164: str
    extension: str | None
    kind: str
    is_primary: bool

    @property
    def key(self) -> tuple[str, str | None]:
        return self.e164, self.extension


@dataclass(frozen=True, slots=True)
class _Clean:
    """A validated draft: stripped, normalised, ready to store."""

    name: str
    company: str | None
    email: str | None
    city: str | None
    abc_class: str | None
    tags: tuple[str, ...]
    notes: str | None
    marketing_consent: bool
    do_not_call: bool
    phones: tuple[_Phone, ...]


_SCALAR_FIELDS = (
    "name",
    "company",
    "email",
    "city",
    "abc_class",
    "notes",
    "marketing_consent",
    "do_not_call",
)


# -- public API --------------------------------------------------------------------------------


def load_customer(db: Database, customer_id: str, *, timeline_limit: int = 500) -> CustomerView:
    """The profile and the timeline (at most ``timeline_limit`` items; open ones kept first).

    Raises :class:`~callcenter.validation.NotFound` for a missing or deleted customer.
    """
    with db.session() as session:
        customer = _live_customer(session, customer_id)
        profile = _profile(customer, _live_phones(session, customer_id))
        items = [
            *_call_items(session, customer_id, timeline_limit),
            *_complaint_items(session, customer_id, timeline_limit),
            *_callback_items(session, customer_id, timeline_limit),
            *_lead_items(session, customer_id, timeline_limit),
        ]
    return CustomerView(profile=profile, timeline=tuple(_timeline_order(items)[:timeline_limit]))


def create_customer(
    db: Database,
    draft: CustomerDraft,
    *,
    default_region: str = phones.DEFAULT_REGION,
    agent_id: str | None = None,
    now: datetime,
) -> CustomerProfile:
    """Validate the draft and store a new customer with its phones and an audit entry."""
    _check_aware(now)
    clean = _validate(draft, default_region)
    with db.session() as session:
        customer = Customer(created_at=now, updated_at=now)
        _apply_fields(customer, clean)
        session.add(customer)
        session.flush()
        for index, phone in enumerate(clean.phones):
            session.add(_new_phone(customer.id, phone, _stagger(now, index)))
        set_fields = [name for name in _SCALAR_FIELDS if getattr(clean, name)]
        if clean.tags:
            set_fields.append("tags")
        _audit(
            session,
            "customer.created",
            customer.id,
            agent_id,
            now,
            {"fields": sorted(set_fields), "phones_added": len(clean.phones)},
        )
        session.flush()
        profile = _profile(customer, _live_phones(session, customer.id))
    log.info("customer %s created with %d phone(s)", profile.id, len(profile.phones))
    return profile


def update_customer(
    db: Database,
    customer_id: str,
    draft: CustomerDraft,
    *,
    expected_version: int,
    default_region: str = phones.DEFAULT_REGION,
    agent_id: str | None = None,
    now: datetime,
) -> CustomerProfile:
    """Save an edit made on the profile with ``version == expected_version``.

    Raises ``ValidationError`` (nothing written), ``NotFound``, or ``StaleRecord`` when the
    stored version differs (someone saved in between; also detected at the write itself).
    An edit that changes nothing writes nothing and keeps the version.
    """
    _check_aware(now)
    clean = _validate(draft, default_region)
    try:
        with db.session() as session:
            customer = _live_customer(session, customer_id)
            if customer.version != expected_version:
                raise _stale(customer_id, expected_version, customer.version)
            stored = _live_phones(session, customer_id)  # before any change: no autoflush
            changed = _apply_fields(customer, clean)
            added, removed, phones_changed = _apply_phones(
                session, customer_id, stored, clean.phones, now
            )
            if phones_changed:
                changed.append("phones")
            if changed:
                # One UPDATE of the customer: bumps the version, even when only phones changed.
                customer.updated_at = now
                details = {"fields": changed, "phones_added": added, "phones_removed": removed}
                _audit(session, "customer.updated", customer_id, agent_id, now, details)
            session.flush()
            profile = _profile(customer, _live_phones(session, customer_id))
    except StaleDataError as exc:
        raise _stale(customer_id, expected_version, None) from exc
    if changed:
        log.info("customer %s updated: %s", customer_id, ", ".join(changed))
    return profile


# -- validation --------------------------------------------------------------------------------


def _validate(draft: CustomerDraft, default_region: str) -> _Clean:
    errors: dict[str, str] = {}

    texts = {key: _text(getattr(draft, key)) for key in _MAX_LENGTH}  # name, company, …
    for key, limit in _MAX_LENGTH.items():
        value = texts[key]
        if value is not None and len(value) > limit:
            errors[key] = "too_long"
    if texts["name"] is None:
        errors["name"] = "required"
    email = texts["email"]
    if email is not None and "email" not in errors and not _EMAIL.fullmatch(email):
        errors["email"] = "invalid"

    abc_class = _text(draft.abc_class)
    if abc_class is not None:
        abc_class = abc_class.upper()
        if abc_class not in {c.value for c in AbcClass}:
            errors["abc_class"] = "invalid"

    tags: list[str] = []
    for index, raw_tag in enumerate(draft.tags or ()):
        tag = _text(raw_tag)
        if tag is None:
            continue
        if len(tag) > _MAX_TAG_LENGTH:
            errors[f"tags.{index}"] = "too_long"
        elif tag not in tags:
            tags.append(tag)

    phone_list = _validate_phones(draft.phones, default_region, errors)
    if errors:
        raise ValidationError(errors)
    return _Clean(
        name=texts["name"] or "",
        company=texts["company"],
        email=email,
        city=texts["city"],
        abc_class=abc_class,
        tags=tuple(tags),
        notes=_text(draft.notes, strip=False),
        marketing_consent=bool(draft.marketing_consent),
        do_not_call=bool(draft.do_not_call),
        phones=phone_list,
    )


def _validate_phones(
    drafts: Sequence[PhoneDraft], default_region: str, errors: dict[str, str]
) -> tuple[_Phone, ...]:
    if not drafts:
        errors["phones"] = "required"
        return ()
    kinds = {k.value for k in PhoneKind}
    found: list[_Phone] = []
    seen: set[tuple[str, str | None]] = set()
    for index, draft in enumerate(drafts):
        where = f"phones.{index}"
        if draft.kind not in kinds:
            errors[f"{where}.kind"] = "invalid"
        try:
            number = phones.normalize(draft.raw, default_region)
        except InvalidPhoneNumber as exc:
            errors[where] = exc.code
            continue
        phone = _Phone(number.e164, number.extension, str(draft.kind), bool(draft.is_primary))
        if phone.key in seen:
            errors[where] = "duplicate"
            continue
        seen.add(phone.key)
        found.append(phone)
    primaries = sum(phone.is_primary for phone in found)
    if primaries > 1:
        errors["phones"] = "several_primary"
    elif primaries == 0 and found:
        first = found[0]
        found[0] = _Phone(first.e164, first.extension, first.kind, True)
    return tuple(found)


def _text(value: str | None, *, strip: bool = True) -> str | None:
    """Blank means absent; ``strip=False`` keeps the inner layout (notes) but not blank text."""
    if value is None or not str(value).strip():
        return None
    return str(value).strip() if strip else str(value)


# -- writing -----------------------------------------------------------------------------------


def _apply_fields(customer: Customer, clean: _Clean) -> list[str]:
    """Copy the draft's fields onto the row; the names of those that changed."""
    changed = []
    for name in _SCALAR_FIELDS:
        value = getattr(clean, name)
        if getattr(customer, name) != value:
            setattr(customer, name, value)
            changed.append(name)
    if list(customer.tags or []) != list(clean.tags):
        customer.tags = list(clean.tags)
        changed.append("tags")
    return changed


def _apply_phones(
    session: Session,
    customer_id: str,
    stored: Sequence[CustomerPhone],
    wanted: Sequence[_Phone],
    now: datetime,
) -> tuple[int, int, bool]:
    """Diff the stored live phones against the draft's: (added, removed, anything changed).

    A stored number the draft no longer lists is soft-deleted, and so is a stored duplicate
    (imported data may hold one number twice).
    """
    wanted_keys = {phone.key for phone in wanted}
    by_key: dict[tuple[str, str | None], CustomerPhone] = {}
    removed = 0
    for row in stored:
        key = (row.e164, row.extension)
        if key in wanted_keys and key not in by_key:
            by_key[key] = row
        else:
            row.deleted_at = now
            row.updated_at = now
            removed += 1
    added = 0
    updated = False
    for index, phone in enumerate(wanted):
        row = by_key.get(phone.key)
        if row is None:
            session.add(_new_phone(customer_id, phone, _stagger(now, index)))
            added += 1
        elif (row.kind, row.is_primary) != (phone.kind, phone.is_primary):
            row.kind, row.is_primary, row.updated_at = phone.kind, phone.is_primary, now
            updated = True
    return added, removed, bool(added or removed or updated)


def _new_phone(customer_id: str, phone: _Phone, at: datetime) -> CustomerPhone:
    return CustomerPhone(
        customer_id=customer_id,
        e164=phone.e164,
        extension=phone.extension,
        kind=phone.kind,
        is_primary=phone.is_primary,
        created_at=at,
        updated_at=at,
    )


def _stagger(now: datetime, index: int) -> datetime:
    """Phones added together get created_at a microsecond apart, so their order is kept."""
    return now + timedelta(microseconds=index)


def _audit(
    session: Session,
    action: str,
    customer_id: str,
    agent_id: str | None,
    now: datetime,
    details: dict[str, Any],
) -> None:
    session.add(
        AuditEntry(
            agent_id=agent_id,
            action=action,
            entity_type="customer",
            entity_id=customer_id,
            details=details,
            created_at=now,
            updated_at=now,
        )
    )


def _stale(customer_id: str, expected: int, current: int | None) -> StaleRecord:
    return StaleRecord(
        "The customer was changed by someone else; reload it and edit again.",
        entity="customer",
        id=customer_id,
        expected_version=expected,
        current_version=current,
    )


# -- reading -----------------------------------------------------------------------------------


def _live_customer(session: Session, customer_id: str) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("The customer does not exist.", entity="customer", id=customer_id)
    return customer


def _live_phones(session: Session, customer_id: str) -> list[CustomerPhone]:
    return list(
        session.scalars(
            select(CustomerPhone)
            .where(CustomerPhone.customer_id == customer_id, CustomerPhone.deleted_at.is_(None))
            .order_by(CustomerPhone.created_at, CustomerPhone.id)
        )
    )


def _profile(customer: Customer, rows: Iterable[CustomerPhone]) -> CustomerProfile:
    return CustomerProfile(
        id=customer.id,
        name=customer.name,
        company=customer.company,
        email=customer.email,
        city=customer.city,
        abc_class=customer.abc_class,
        tags=tuple(str(tag) for tag in customer.tags or ()),
        notes=customer.notes,
        marketing_consent=bool(customer.marketing_consent),
        do_not_call=bool(customer.do_not_call),
        phones=tuple(
            PhoneEntry(row.id, row.e164, row.extension, row.kind, bool(row.is_primary))
            for row in rows
        ),
        version=customer.version,
        created_at=customer.created_at,
        updated_at=customer.updated_at,
    )


def _call_items(session: Session, customer_id: str, limit: int) -> list[TimelineItem]:
    rows = session.execute(
        select(Call, Agent.name)
        .outerjoin(Agent, Agent.id == Call.agent_id)
        .where(Call.customer_id == customer_id, Call.deleted_at.is_(None))
        .order_by(Call.ring_at.desc(), Call.id.desc())
        .limit(limit)
    ).all()
    items = []
    for call, agent_name in rows:
        duration = None
        if call.answer_at is not None and call.end_at is not None:
            duration = max(0.0, (call.end_at - call.answer_at).total_seconds())
        items.append(
            TimelineItem(
                kind=TimelineKind.CALL,
                id=call.id,
                at=call.ring_at,
                is_open=False,
                status=None,
                title=call.disposition or "",
                detail=call.notes,
                extra=_frozen(
                    direction=call.direction,
                    agent_name=agent_name,
                    duration_s=duration,
                    end_reason=call.end_reason,
                    remote_e164=call.remote_e164,
                    answer_at=call.answer_at,
                    end_at=call.end_at,
                ),
            )
        )
    return items


def _complaint_items(session: Session, customer_id: str, limit: int) -> list[TimelineItem]:
    is_closed = Complaint.status.in_(_CLOSED_COMPLAINT)
    rows = session.execute(
        select(Complaint, Agent.name)
        .outerjoin(Agent, Agent.id == Complaint.owner_id)
        .where(Complaint.customer_id == customer_id, Complaint.deleted_at.is_(None))
        .order_by(case((is_closed, 1), else_=0), Complaint.created_at.desc(), Complaint.id)
        .limit(limit)
    ).all()
    items = []
    for complaint, owner_name in rows:
        items.append(
            TimelineItem(
                kind=TimelineKind.COMPLAINT,
                id=complaint.id,
                at=complaint.created_at,
                is_open=complaint.status not in _CLOSED_COMPLAINT,
                status=complaint.status,
                title=f"{complaint.case_number} {complaint.subject}",
                detail=complaint.description,
                extra=_frozen(
                    case_number=complaint.case_number,
                    subject=complaint.subject,
                    category=complaint.category,
                    severity=complaint.severity,
                    sla_due_at=complaint.sla_due_at,
                    owner_name=owner_name,
                    resolved_at=complaint.resolved_at,
                    closed_at=complaint.closed_at,
                    resolution=complaint.resolution,
                ),
            )
        )
        if complaint.satisfaction is not None:
            items.append(
                TimelineItem(
                    kind=TimelineKind.SATISFACTION,
                    id=complaint.id,
                    at=complaint.closed_at or complaint.resolved_at or complaint.updated_at,
                    is_open=False,
                    status=None,
                    title=complaint.case_number,
                    detail=None,
                    extra=_frozen(
                        score=complaint.satisfaction,
                        case_number=complaint.case_number,
                        complaint_id=complaint.id,
                    ),
                )
            )
    return items


def _callback_items(session: Session, customer_id: str, limit: int) -> list[TimelineItem]:
    scheduled = Callback.status == CallbackStatus.SCHEDULED.value
    rows = session.execute(
        select(Callback, Agent.name)
        .outerjoin(Agent, Agent.id == Callback.agent_id)
        .where(Callback.customer_id == customer_id, Callback.deleted_at.is_(None))
        .order_by(case((scheduled, 0), else_=1), Callback.due_at.desc(), Callback.id)
        .limit(limit)
    ).all()
    return [
        TimelineItem(
            kind=TimelineKind.CALLBACK,
            id=callback.id,
            at=callback.done_at or callback.due_at,
            is_open=callback.status == CallbackStatus.SCHEDULED,
            status=callback.status,
            title=callback.kind,
            detail=callback.notes,
            extra=_frozen(
                kind=callback.kind,
                due_at=callback.due_at,
                remind_at=callback.remind_at,
                done_at=callback.done_at,
                outcome=callback.outcome,
                agent_name=agent_name,
                phone_e164=callback.phone_e164,
                complaint_id=callback.complaint_id,
                lead_id=callback.lead_id,
            ),
        )
        for callback, agent_name in rows
    ]


def _lead_items(session: Session, customer_id: str, limit: int) -> list[TimelineItem]:
    is_open = Lead.state.in_(_OPEN_LEAD)
    rows = session.execute(
        select(Lead, CallList.name)
        .join(CallList, CallList.id == Lead.call_list_id)
        .where(Lead.customer_id == customer_id, Lead.deleted_at.is_(None))
        .order_by(case((is_open, 0), else_=1), Lead.created_at.desc(), Lead.id)
        .limit(limit)
    ).all()
    return [
        TimelineItem(
            kind=TimelineKind.LEAD,
            id=lead.id,
            at=lead.created_at,
            is_open=lead.state in _OPEN_LEAD,
            status=lead.state,
            title=list_name,
            detail=lead.notes,
            extra=_frozen(
                state=lead.state,
                call_list=list_name,
                score=lead.score,
                attempts=lead.attempts,
                last_outcome=lead.last_outcome,
                next_attempt_at=lead.next_attempt_at,
                qualified_at=lead.qualified_at,
            ),
        )
        for lead, list_name in rows
    ]


def _due(item: TimelineItem) -> datetime | None:
    key = {
        TimelineKind.COMPLAINT: "sla_due_at",
        TimelineKind.CALLBACK: "due_at",
        TimelineKind.LEAD: "next_attempt_at",
    }.get(item.kind)
    return item.extra.get(key) if key else None


def _timeline_order(items: Iterable[TimelineItem]) -> list[TimelineItem]:
    """Open items by soonest due (no due date last), then the rest newest first."""
    items = list(items)
    open_items = [item for item in items if item.is_open]
    rest = [item for item in items if not item.is_open]
    open_items.sort(key=lambda item: (-item.at.timestamp(), item.kind, item.id))
    open_items.sort(key=lambda item: (_due(item) is None, _due(item) or item.at))
    rest.sort(key=lambda item: (item.at, item.kind, item.id), reverse=True)
    return open_items + rest


def _frozen(**values: Any) -> Mapping[str, Any]:
    return MappingProxyType(values)


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")

"""Screen pop: who is calling? The customer cards for a caller id, fast enough for every ring.

:func:`lookup_caller` reads the number as the phone system gave it (E.164, national format,
``tel:``/``sip:`` URI…), normalises it with the desk's default region and finds the customers
whose live (not soft-deleted) phone rows carry that E.164 number, in one query: the index on
``customer_phones(e164, customer_id)`` finds the few matches, and each card's counts are
correlated sub-queries on the indexes of complaints, callbacks and calls. At a million
customers it takes a few milliseconds, most of it the round trip.

A card's counts:

* ``open_complaints``: complaints not ``resolved``/``closed`` and not deleted;
* ``due_callbacks``: callbacks and return visits still ``scheduled`` that are due within
  :data:`DUE_WITHIN` of ``now`` (24 h: "today" without knowing the desk's time zone), overdue
  ones included;
* ``last_contact_at``: the ring time of the customer's newest call.

Qt-free; runs on the database worker and returns frozen dataclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from callcenter import phones
from callcenter.storage.database import Database
from callcenter.storage.models import (
    Call,
    Callback,
    CallbackStatus,
    Complaint,
    ComplaintStatus,
    Customer,
    CustomerPhone,
)
from callcenter.validation import NotFound

__all__ = [
    "DUE_WITHIN",
    "MAX_CARDS",
    "CustomerCard",
    "PopKind",
    "ScreenPop",
    "card_for",
    "lookup_caller",
    "warm_up",
]

log = logging.getLogger(__name__)

#: A scheduled callback due before ``now + DUE_WITHIN`` counts as due.
DUE_WITHIN = timedelta(hours=24)
#: At most this many cards for one number (a company switchboard may be shared by hundreds).
MAX_CARDS = 20

_CLOSED_COMPLAINT = (ComplaintStatus.RESOLVED.value, ComplaintStatus.CLOSED.value)


class PopKind(StrEnum):
    KNOWN = "known"  # exactly one customer has the number
    SEVERAL = "several"  # several customers share it: the agent chooses
    UNKNOWN = "unknown"  # a valid number nobody has
    WITHHELD = "withheld"  # no caller id
    INVALID = "invalid"  # a caller id that is not a phone number


@dataclass(frozen=True, slots=True)
class CustomerCard:
    customer_id: str
    name: str
    company: str | None
    abc_class: str | None
    tags: tuple[str, ...]
    matched_e164: str
    do_not_call: bool
    last_contact_at: datetime | None
    open_complaints: int
    due_callbacks: int
    city: str | None


@dataclass(frozen=True, slots=True)
class ScreenPop:
    kind: PopKind
    raw_number: str
    e164: str | None
    extension: str | None
    #: KNOWN: one card; SEVERAL: the most recently contacted first; otherwise empty.
    cards: tuple[CustomerCard, ...]
    #: Where the number is from (filled for every valid number, so also for known callers).
    region: str | None
    place: str
    carrier: str
    #: More than :data:`MAX_CARDS` customers share the number; only the first are shown.
    truncated: bool = False


def lookup_caller(
    db: Database,
    raw_number: str,
    *,
    default_region: str = phones.DEFAULT_REGION,
    language: str = "zh_CN",
    now: datetime,
) -> ScreenPop:
    """The screen pop for a caller id, as the phone system gave it."""
    _check_aware(now)
    if phones.is_withheld(raw_number):
        log.debug("screen pop: withheld caller id")
        return ScreenPop(PopKind.WITHHELD, raw_number or "", None, None, (), None, "", "")
    number = phones.try_normalize(raw_number, default_region)
    if number is None:
        log.debug("screen pop: invalid caller id %s", phones.mask(raw_number))
        return ScreenPop(PopKind.INVALID, raw_number, None, None, (), None, "", "")

    with db.session() as session:
        cards, truncated = _cards_by_phone(session, number, now)
    cards.sort(key=_chooser_order)
    kind = PopKind.UNKNOWN if not cards else PopKind.KNOWN if len(cards) == 1 else PopKind.SEVERAL
    info = phones.describe(number, language)
    log.debug("screen pop %s: %s, %d card(s)", phones.mask(number), kind, len(cards))
    return ScreenPop(
        kind=kind,
        raw_number=raw_number,
        e164=number.e164,
        extension=number.extension,
        cards=tuple(cards),
        region=info.region,
        place=info.place,
        carrier=info.carrier,
        truncated=truncated,
    )


def card_for(db: Database, customer_id: str, *, matched_e164: str, now: datetime) -> CustomerCard:
    """One customer's card, e.g. after the agent picked it in the chooser.

    Raises :class:`~callcenter.validation.NotFound` for a missing or deleted customer.
    """
    _check_aware(now)
    with db.session() as session:
        card = _card_by_id(session, customer_id, matched_e164=matched_e164, now=now)
    if card is None:
        raise NotFound("The customer does not exist.", entity="customer", id=customer_id)
    return card


def warm_up() -> None:
    """Load the phone-number data the first look-ups would otherwise load (about 0.5 s).

    Call once at start-up on the database worker, before the first call rings.
    """
    from phonenumbers import PhoneMetadata

    PhoneMetadata.load_all()  # every region's numbering plan (~0.1 s)
    # Geocoder and carrier prefixes in both UI languages, for the usual callers.
    for sample in ("+8613800138000", "+862150123456", "+14155550123", "+442079460000"):
        for language in ("zh_CN", "en"):
            phones.describe(sample, language)


# -- queries ---------------------------------------------------------------------------------


def _cards_by_phone(
    session: Session, number: phones.PhoneNumber, now: datetime
) -> tuple[list[CustomerCard], bool]:
    """The cards of the live customers with a live phone row for the number, in one query;
    and whether there were more than :data:`MAX_CARDS`.

    The phone rows come from the ``(e164, customer_id)`` index in customer order, so the
    per-customer counts are computed for the returned rows only. When the caller id carries
    an extension and some matches have that very extension, only those are kept (one
    switchboard, several people).
    """
    rows = session.execute(
        select(*_card_columns(now), CustomerPhone.extension)
        .join(Customer, Customer.id == CustomerPhone.customer_id)
        .where(
            CustomerPhone.e164 == number.e164,
            CustomerPhone.deleted_at.is_(None),
            Customer.deleted_at.is_(None),
        )
        .order_by(CustomerPhone.customer_id)
        .limit(4 * MAX_CARDS)  # a customer may (wrongly) hold the number twice
    ).all()
    if number.extension and any(row.extension == number.extension for row in rows):
        rows = [row for row in rows if row.extension == number.extension]
    cards = {row[0]: _card(row, number.e164) for row in rows}  # one per customer
    return list(cards.values())[:MAX_CARDS], len(cards) > MAX_CARDS


def _card_by_id(
    session: Session, customer_id: str, *, matched_e164: str, now: datetime
) -> CustomerCard | None:
    row = session.execute(
        select(*_card_columns(now)).where(Customer.id == customer_id, Customer.deleted_at.is_(None))
    ).first()
    return _card(row, matched_e164) if row is not None else None


def _card_columns(now: datetime) -> tuple[Any, ...]:
    """A card's columns: the customer's, then its counts as indexed correlated sub-queries."""
    open_complaints = (
        select(func.count())
        .where(
            Complaint.customer_id == Customer.id,
            Complaint.status.not_in(_CLOSED_COMPLAINT),
            Complaint.deleted_at.is_(None),
        )
        .scalar_subquery()
    )
    due_callbacks = (
        select(func.count())
        .where(
            Callback.customer_id == Customer.id,
            Callback.status == CallbackStatus.SCHEDULED.value,
            Callback.due_at <= now + DUE_WITHIN,
            Callback.deleted_at.is_(None),
        )
        .scalar_subquery()
    )
    last_contact = (
        select(func.max(Call.ring_at))
        .where(Call.customer_id == Customer.id, Call.deleted_at.is_(None))
        .scalar_subquery()
    )
    return (
        Customer.id,
        Customer.name,
        Customer.company,
        Customer.abc_class,
        Customer.tags,
        Customer.do_not_call,
        Customer.city,
        open_complaints,
        due_callbacks,
        last_contact,
    )


def _card(row: Row[Any], matched_e164: str) -> CustomerCard:
    return CustomerCard(
        customer_id=row[0],
        name=row[1],
        company=row[2],
        abc_class=row[3],
        tags=_tags(row[4]),
        matched_e164=matched_e164,
        do_not_call=bool(row[5]),
        last_contact_at=_aware(row[9]),
        open_complaints=int(row[7] or 0),
        due_callbacks=int(row[8] or 0),
        city=row[6],
    )


def _chooser_order(card: CustomerCard) -> tuple[bool, float, str, str]:
    """The most recently contacted first, never-contacted last, then by name."""
    last = card.last_contact_at
    return (last is None, -last.timestamp() if last else 0.0, card.name, card.customer_id)


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, Iterable) and not isinstance(value, str):
        return tuple(str(tag) for tag in value)
    return ()


def _aware(value: datetime | str | None) -> datetime | None:
    """A moment from an aggregate: aware UTC whatever the driver gave back."""
    if value is None:
        return None
    if isinstance(value, str):  # SQLite without the column type's result processing
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _check_aware(now: datetime) -> None:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")

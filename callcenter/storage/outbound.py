"""Outbound screening: call lists (campaigns), their leads and the do-not-call list.

``Lead.abc_rank`` copies the linked customer's ABC class as a number the dialer sorts on (3 = A,
2 = B, 1 = C, 0 = no class or no customer; :func:`abc_rank`), so its walk over a list's leads —
best score, then best class — is a scan of the index ``(call_list_id, score, abc_rank)``. The
ORM keeps it right: a lead inserted, or re-linked to another customer, through a session takes
its customer's class, and a customer whose class changes through a session re-ranks its leads
(the listeners below). Bulk inserts (lead import) write it themselves; a stale rank only
changes the order in which leads are offered, never whether they may be called.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Mapper, mapped_column

from callcenter.storage.base import Base, SharedMixin
from callcenter.storage.customers import Customer

ALL_WEEKDAYS = 0b1111111  # bit 0 = Monday … bit 6 = Sunday
ABC_RANKS = {"A": 3, "B": 2, "C": 1}


def abc_rank(abc_class: str | None) -> int:
    """The dialer's sort rank of an ABC class: 3 = A, 2 = B, 1 = C, 0 = none (higher first)."""
    return ABC_RANKS.get(abc_class or "", 0)


class LeadState(StrEnum):
    NEW = "new"
    RETRY = "retry"  # no answer / busy: callable again after next_attempt_at
    CALLBACK = "callback"  # the callee asked to be called at a given time
    QUALIFIED = "qualified"
    HANDED_OFF = "handed_off"
    NOT_INTERESTED = "not_interested"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CALL = "do_not_call"
    EXHAUSTED = "exhausted"  # attempt limit reached


class CallList(SharedMixin, Base):
    __tablename__ = "call_lists"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The screening questionnaire: questions, scoring rules and the qualification threshold.
    script: Mapped[dict | None] = mapped_column(default=None)
    # Calling window in the callee's local time, minutes after midnight, and allowed weekdays.
    window_start_minute: Mapped[int] = mapped_column(Integer, default=9 * 60)
    window_end_minute: Mapped[int] = mapped_column(Integer, default=21 * 60)
    weekdays: Mapped[int] = mapped_column(Integer, default=ALL_WEEKDAYS)
    # Outcome -> minutes until the next attempt, e.g. {"no_answer": 120, "busy": 15}.
    retry_rules: Mapped[dict] = mapped_column(default=lambda: {"no_answer": 120, "busy": 15})
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)


class Lead(SharedMixin, Base):
    __tablename__ = "leads"
    __table_args__ = (
        # The dialer: callable leads of a list, ordered by when they may next be tried.
        Index(None, "call_list_id", "state", "next_attempt_at"),
        Index(None, "created_at", "id"),  # the leads list, newest first
        # The dialer: best leads of a list first (score, then the customer's class).
        Index(None, "call_list_id", "score", "abc_rank"),
        # The leads of a customer (its 360° view); most leads are no customer's.
        Index(
            "ix_leads_customer_id",
            "customer_id",
            sqlite_where=text("customer_id IS NOT NULL"),
            postgresql_where=text("customer_id IS NOT NULL"),
        ),
        # Reservations are few: only reserved leads are indexed.
        Index(
            "ix_leads_reserved_by",
            "reserved_by",
            sqlite_where=text("reserved_by IS NOT NULL"),
            postgresql_where=text("reserved_by IS NOT NULL"),
        ),
    )

    call_list_id: Mapped[str] = mapped_column(ForeignKey("call_lists.id"))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    name: Mapped[str | None] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(120))
    source: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    phone_e164: Mapped[str] = mapped_column(String(20), index=True)
    phone_extension: Mapped[str | None] = mapped_column(String(16))
    # IANA zones of the number, "|"-separated; the lead is callable when all of them allow it.
    time_zones: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), default=LeadState.NEW)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    # The linked customer's ABC class for the dialer's order (see the module documentation).
    abc_rank: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_outcome: Mapped[str | None] = mapped_column(String(32))
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    reserved_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    reserved_until: Mapped[datetime | None] = mapped_column(default=None)
    qualified_at: Mapped[datetime | None] = mapped_column(default=None)


class DncNumber(SharedMixin, Base):
    """A number that must never be called, whatever list it appears on."""

    __tablename__ = "dnc_numbers"

    e164: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(64))
    added_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


# --- keeping Lead.abc_rank right on the ORM paths -----------------------------------------


def _customer_rank(connection: Connection, customer_id: str | None) -> int:
    if customer_id is None:
        return 0
    return abc_rank(connection.scalar(select(Customer.abc_class).where(Customer.id == customer_id)))


@event.listens_for(Lead, "before_insert")
def _rank_new_lead(_mapper: Mapper[Any], connection: Connection, lead: Lead) -> None:
    lead.abc_rank = _customer_rank(connection, lead.customer_id)


@event.listens_for(Lead, "before_update")
def _rank_relinked_lead(_mapper: Mapper[Any], connection: Connection, lead: Lead) -> None:
    if inspect(lead).attrs.customer_id.history.has_changes():
        lead.abc_rank = _customer_rank(connection, lead.customer_id)


@event.listens_for(Customer, "after_update")
def _rerank_leads(_mapper: Mapper[Any], connection: Connection, customer: Customer) -> None:
    if inspect(customer).attrs.abc_class.history.has_changes():
        connection.execute(
            update(Lead.__table__)
            .where(Lead.__table__.c.customer_id == customer.id)
            .values(abc_rank=abc_rank(customer.abc_class))
        )

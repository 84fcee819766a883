"""Outbound screening: call lists (campaigns), their leads and the do-not-call list."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from callcenter.storage.base import Base, SharedMixin

ALL_WEEKDAYS = 0b1111111  # bit 0 = Monday … bit 6 = Sunday


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
        Index(None, "call_list_id", "phone_e164"),
        Index(None, "created_at", "id"),  # the leads list, newest first
        Index(None, "call_list_id", "score"),  # the dialer: best leads of a list first
    )

    call_list_id: Mapped[str] = mapped_column(ForeignKey("call_lists.id"))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
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
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_outcome: Mapped[str | None] = mapped_column(String(32))
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    reserved_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"), index=True)
    reserved_until: Mapped[datetime | None] = mapped_column(default=None)
    qualified_at: Mapped[datetime | None] = mapped_column(default=None)


class DncNumber(SharedMixin, Base):
    """A number that must never be called, whatever list it appears on."""

    __tablename__ = "dnc_numbers"

    e164: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(64))
    added_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))

"""What happens with customers: calls, complaints, callbacks and return visits."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from callcenter.storage.base import Base, SharedMixin


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class ComplaintStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_CUSTOMER = "waiting_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class CallbackKind(StrEnum):
    CALLBACK = "callback"
    RETURN_VISIT = "return_visit"  # 回访: satisfaction call after a resolved complaint


class CallbackStatus(StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"


class Call(SharedMixin, Base):
    __tablename__ = "calls"
    __table_args__ = (
        Index(None, "customer_id", "ring_at"),
        Index(None, "agent_id", "ring_at"),
        Index(None, "ring_at", "id"),  # the recent-calls list, newest first
    )

    direction: Mapped[str] = mapped_column(String(8))
    telephony_call_id: Mapped[str | None] = mapped_column(String(128))
    remote_number_raw: Mapped[str | None] = mapped_column(String(200))
    remote_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    local_number: Mapped[str | None] = mapped_column(String(64))
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    lead_id: Mapped[str | None] = mapped_column(ForeignKey("leads.id"), index=True)
    ring_at: Mapped[datetime]
    answer_at: Mapped[datetime | None] = mapped_column(default=None)
    end_at: Mapped[datetime | None] = mapped_column(default=None)
    end_reason: Mapped[str | None] = mapped_column(String(32))
    disposition: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    # Screening answers given during an outbound call: question id -> answer.
    answers: Mapped[dict | None] = mapped_column(default=None)


class Complaint(SharedMixin, Base):
    __tablename__ = "complaints"
    __table_args__ = (
        Index(None, "created_at", "id"),  # the complaints list, newest first
        Index(None, "customer_id", "status"),
        Index(None, "owner_id", "status"),
        Index(None, "status", "sla_due_at"),
    )

    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"))
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    category: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16), default=Severity.MEDIUM)
    status: Mapped[str] = mapped_column(String(20), default=ComplaintStatus.NEW)
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    sla_due_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1–5, from the return visit


class Callback(SharedMixin, Base):
    __tablename__ = "callbacks"
    __table_args__ = (
        Index(None, "agent_id", "status", "due_at"),
        Index(None, "due_at", "id"),  # the callbacks list
    )

    kind: Mapped[str] = mapped_column(String(16), default=CallbackKind.CALLBACK)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    lead_id: Mapped[str | None] = mapped_column(ForeignKey("leads.id"), index=True)
    complaint_id: Mapped[str | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    phone_e164: Mapped[str | None] = mapped_column(String(20))
    due_at: Mapped[datetime]
    remind_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default=CallbackStatus.SCHEDULED)
    notes: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(32))

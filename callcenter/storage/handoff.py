"""The hand-off outbox: qualified leads waiting to be delivered to sales (a webhook).

A row is written in the same transaction that qualifies the lead, so a hand-off exists exactly
when the qualification does. A deliverer claims a due row (``status`` ``sending`` with a lease
in ``next_attempt_at`` and its own ``claim_token``), POSTs it, then marks it ``delivered`` or
schedules a retry. A crash leaves the row ``sending`` until the lease expires; the next
deliverer then claims it again and sends it with the same ``idempotency_key``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from callcenter.storage.base import Base, SharedMixin


class HandoffStatus(StrEnum):
    PENDING = "pending"  # due at next_attempt_at
    SENDING = "sending"  # claimed; the lease ends at next_attempt_at
    DELIVERED = "delivered"
    FAILED = "failed"  # gave up after the maximum number of attempts


class HandoffMessage(SharedMixin, Base):
    __tablename__ = "handoff_messages"
    __table_args__ = (
        # The deliverer: due rows (pending, or sending with an expired lease), oldest first.
        Index(None, "status", "next_attempt_at"),
    )

    lead_id: Mapped[str] = mapped_column(ForeignKey("leads.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    payload: Mapped[dict]
    target: Mapped[str] = mapped_column(String(32), default="webhook")
    status: Mapped[str] = mapped_column(String(16), default=HandoffStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    claim_token: Mapped[str | None] = mapped_column(String(36), default=None)
    # A short code or HTTP status, never the payload or a response body (no personal data).
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)

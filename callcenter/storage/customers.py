"""Customers and their phone numbers: what the screen pop looks up."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from callcenter.storage.base import Base, SharedMixin


class AbcClass(StrEnum):
    """Customer value class: A the most valuable, C the least."""

    A = "A"
    B = "B"
    C = "C"


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    WORK = "work"
    HOME = "home"
    OTHER = "other"


class Customer(SharedMixin, Base):
    __tablename__ = "customers"

    name: Mapped[str] = mapped_column(String(200), index=True)
    company: Mapped[str | None] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    city: Mapped[str | None] = mapped_column(String(120))
    abc_class: Mapped[str | None] = mapped_column(String(1))
    tags: Mapped[list] = mapped_column(default=list)
    notes: Mapped[str | None] = mapped_column(Text)
    marketing_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)

    phones: Mapped[list[CustomerPhone]] = relationship(
        back_populates="customer", order_by="CustomerPhone.created_at"
    )


class CustomerPhone(SharedMixin, Base):
    """One of a customer's numbers, stored normalised (E.164) so any spelling matches."""

    __tablename__ = "customer_phones"
    __table_args__ = (Index(None, "e164", "customer_id"),)

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    e164: Mapped[str] = mapped_column(String(20))
    extension: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default=PhoneKind.MOBILE)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="phones")

"""Helpers for tests that drive the inbound desk: numbers from the demo database, a ring."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import phonenumbers
from sqlalchemy import func, select

from callcenter.storage.models import Customer, CustomerPhone


def national(e164: str) -> str:
    """The number as a PBX presents it: national format, no country code."""
    parsed = phonenumbers.parse(e164)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def single_customer_number(db) -> tuple[str, str, str]:
    with db.session() as session:
        shared = (
            select(CustomerPhone.e164)
            .group_by(CustomerPhone.e164)
            .having(func.count(func.distinct(CustomerPhone.customer_id)) > 1)
        )
        row = session.execute(
            select(Customer.id, Customer.name, CustomerPhone.e164)
            .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
            .where(CustomerPhone.e164.like("+86%"), CustomerPhone.e164.not_in(shared))
            .order_by(Customer.name)
            .limit(1)
        ).one()
    return row.id, row.name, row.e164


def shared_number(db) -> tuple[str, set[str]]:
    with db.session() as session:
        e164 = session.scalar(
            select(CustomerPhone.e164)
            .group_by(CustomerPhone.e164)
            .having(func.count(func.distinct(CustomerPhone.customer_id)) > 1)
            .limit(1)
        )
        names = set(
            session.scalars(
                select(Customer.name)
                .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
                .where(CustomerPhone.e164 == e164)
            )
        )
    return e164, names


def ring(qtbot, desk, phone, number: str) -> str:
    with qtbot.waitSignal(desk.calls.popShown, timeout=5000):
        call_id = phone.ring(number)
    return call_id


@contextmanager
def held(*runners) -> Iterator[None]:
    """These workers are busy — a slow disk, a long job — until the block ends: jobs queued
    inside the block wait; their results reach the GUI thread only after it."""
    gate = threading.Event()
    for runner in runners:
        runner.run(lambda: gate.wait(30))
    try:
        yield
    finally:
        gate.set()


def held_worker(desk, *, lookups: bool = False):
    """The desk's database worker held (and with ``lookups`` its lookup worker too)."""
    context = desk.context
    return held(context.tasks, *([context.lookup_tasks()] if lookups else []))

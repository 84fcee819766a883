"""Complaint case numbers: C + the call center's date + a sequence, unique even when two desks
on one team database open complaints at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from callcenter import followups
from callcenter.followups import open_complaint
from tests.domain.conftest import NOW


def _open(db, subject: str):
    return open_complaint(
        db,
        customer_id=None,
        call_id=None,
        owner_id=None,
        category="billing",
        severity="high",
        subject=subject,
        description=None,
        now=NOW,
    )


def test_case_numbers_count_up_within_the_china_day(any_db):
    numbers = [_open(any_db, f"complaint {i}").case_number for i in range(3)]
    assert numbers == ["C2611230001", "C2611230002", "C2611230003"]


@pytest.mark.postgres
def test_two_desks_opening_complaints_at_once_both_save_with_different_numbers(pg_db, monkeypatch):
    """Both desks read the same last number; the one that commits second is refused by the
    unique constraint and takes the next number instead of losing the agent's complaint."""
    both_read = threading.Barrier(2, timeout=10)
    first_try = threading.local()
    real = followups._next_case_number

    def in_step(session, now):
        number = real(session, now)
        if not getattr(first_try, "done", False):
            first_try.done = True
            both_read.wait()
        return number

    monkeypatch.setattr(followups, "_next_case_number", in_step)
    with ThreadPoolExecutor(max_workers=2) as pool:
        created = list(pool.map(lambda s: _open(pg_db, s), ["desk A", "desk B"]))

    assert sorted(c.case_number for c in created) == ["C2611230001", "C2611230002"]
    assert len({c.id for c in created}) == 2

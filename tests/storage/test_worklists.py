"""The work areas' lists page through every row exactly once, newest first, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from callcenter import worklists
from callcenter.storage.migrate import upgrade
from callcenter.storage.models import Agent, Call, Customer


def test_pages_cover_every_live_row_once_in_order(any_db):
    upgrade(any_db)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with any_db.session() as session:
        customer = Customer(name="王芳")
        session.add(customer)
        session.flush()
        for n in range(25):
            # Several calls share a ring time: the id breaks the tie.
            session.add(
                Call(
                    direction="inbound",
                    customer_id=customer.id,
                    remote_e164=f"+8613800138{n:03d}",
                    ring_at=start + timedelta(minutes=n // 3),
                )
            )
        session.add(Call(direction="inbound", ring_at=start, deleted_at=start))
    seen = []
    cursor = None
    while True:
        page = worklists.RECENT_CALLS.fetch(any_db, cursor, 7)
        seen.extend(page.rows)
        if page.cursor is None:
            break
        cursor = page.cursor
    assert len(seen) == 25 == worklists.RECENT_CALLS.count(any_db)
    assert len({row[2] for row in seen}) == 25  # each call once
    times = [row[0] for row in seen]
    assert times == sorted(times, reverse=True)
    assert {row[3] for row in seen} == {"王芳"}


def test_the_team_list_is_alphabetical(any_db):
    upgrade(any_db)
    with any_db.session() as session:
        for login in ("lead1", "agent2", "agent1", "agent3"):
            session.add(Agent(login=login, name=login.upper()))
    page = worklists.TEAM.fetch(any_db, None, 2)
    rest = worklists.TEAM.fetch(any_db, page.cursor, 10)
    assert [r[1] for r in page.rows + rest.rows] == ["agent1", "agent2", "agent3", "lead1"]
    assert rest.cursor is None

"""A reservation's commit: quick (no fsync, no checkpoint), and the connection is left as it was."""

from __future__ import annotations

from sqlalchemy import text

from callcenter.dialer import Dialer
from callcenter.storage.database import open_database
from callcenter.storage.models import Lead
from tests.domain.dialer_world import World


def test_a_reservation_leaves_the_connection_durable_and_is_committed(sqlite_db):
    world = World(sqlite_db)
    lead_id = world.lead(world.call_list())
    agent = world.agent()
    with sqlite_db.engine.connect() as conn:
        before = [conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in _PRAGMAS]

    assert world.dialer.next_lead(agent).lead_id == lead_id

    with sqlite_db.engine.connect() as conn:  # the pool hands back the connection just used
        assert [conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in _PRAGMAS] == before
    assert before[0] == 2  # FULL, as the database is set up
    sqlite_db.dispose()
    reopened = open_database(sqlite_db.url.database)
    try:
        with reopened.engine.connect() as conn:
            holder = conn.execute(
                text("SELECT reserved_by FROM leads WHERE id = :id"), {"id": lead_id}
            ).scalar()
        assert holder == agent
        assert Dialer(reopened, world.clock).next_lead(agent).lead_id == lead_id  # still theirs
    finally:
        reopened.dispose()


def test_an_ordinary_write_after_reservations_is_durable_again(sqlite_db):
    world = World(sqlite_db)
    list_id = world.call_list()
    for score in range(5):
        world.lead(list_id, score=score)
    agents = [world.agent() for _ in range(5)]
    for agent in agents:
        world.dialer.next_lead(agent)
    world.update(Lead, world.lead(list_id), name="张伟")  # an ordinary session commit
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        reserved = conn.execute(
            text("SELECT count(*) FROM leads WHERE reserved_by IS NOT NULL")
        ).scalar()
    assert reserved == 5


_PRAGMAS = ("synchronous", "wal_autocheckpoint")

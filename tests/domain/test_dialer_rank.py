"""The dialer's stored order key ``leads.abc_rank``: kept right by the ORM, filled by 0007."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from callcenter.storage import migrate
from callcenter.storage.database import open_database
from callcenter.storage.models import Customer, Lead
from tests.domain.dialer_world import World


def _first_offered(world: World) -> str:
    agent = world.agent()
    card = world.dialer.next_lead(agent)
    assert card is not None
    world.dialer.release(card.lead_id, agent)
    return card.lead_id


def test_a_customers_new_class_reorders_its_leads(world):
    list_id = world.call_list()
    plain = world.customer("B")
    vip = world.customer("C")
    plain_lead = world.lead(list_id, customer_id=plain, score=50)
    vip_lead = world.lead(list_id, customer_id=vip, score=50)
    assert (world.get(Lead, plain_lead).abc_rank, world.get(Lead, vip_lead).abc_rank) == (2, 1)
    assert _first_offered(world) == plain_lead

    world.update(Customer, vip, abc_class="A")

    assert world.get(Lead, vip_lead).abc_rank == 3
    assert _first_offered(world) == vip_lead
    world.update(Customer, vip, abc_class=None)
    assert world.get(Lead, vip_lead).abc_rank == 0
    assert _first_offered(world) == plain_lead


def test_a_lead_linked_to_another_customer_takes_its_class(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id, score=50)
    other = world.lead(list_id, customer_id=world.customer("B"), score=50)
    assert world.get(Lead, lead_id).abc_rank == 0
    assert _first_offered(world) == other

    world.update(Lead, lead_id, customer_id=world.customer("A"))

    assert world.get(Lead, lead_id).abc_rank == 3
    assert _first_offered(world) == lead_id
    world.update(Lead, lead_id, customer_id=None)
    assert world.get(Lead, lead_id).abc_rank == 0


def test_the_score_still_comes_before_the_class(world):
    list_id = world.call_list()
    best = world.lead(list_id, score=50.1)
    world.lead(list_id, customer_id=world.customer("A"), score=50)
    assert _first_offered(world) == best


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_at_0006(request, tmp_path):
    if request.param == "sqlite":
        db = open_database(tmp_path / "old.sqlite")
    else:
        db = open_database(request.getfixturevalue("pg_database_url"))
    with migrate.migration_connection(db) as conn:
        command.upgrade(migrate.make_config(connection=conn), "0006")
    yield db
    db.dispose()


def test_0007_ranks_the_existing_leads_by_their_customers_class(database_at_0006):
    db = database_at_0006
    stamp = "2026-11-01 08:00:00.000000"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO call_lists (id, created_at, updated_at, version, name, priority,"
                " active, window_start_minute, window_end_minute, weekdays, retry_rules,"
                " max_attempts) VALUES ('l1', :t, :t, 1, 'old list', 0, true, 540, 1260, 127,"
                " '{}', 5)"
            ),
            {"t": stamp},
        )
        for customer, klass in (("ca", "A"), ("cb", "B"), ("cc", "C"), ("cn", None)):
            conn.execute(
                text(
                    "INSERT INTO customers (id, created_at, updated_at, version, name, abc_class,"
                    " tags, marketing_consent, do_not_call)"
                    " VALUES (:id, :t, :t, 1, 'x', :c, '[]', false, false)"
                ),
                {"id": customer, "t": stamp, "c": klass},
            )
        for lead, customer in (
            ("la", "ca"),
            ("lb", "cb"),
            ("lc", "cc"),
            ("ln", "cn"),
            ("l0", None),
        ):
            conn.execute(
                text(
                    "INSERT INTO leads (id, created_at, updated_at, version, call_list_id,"
                    " customer_id, phone_e164, state, score, attempts)"
                    " VALUES (:id, :t, :t, 1, 'l1', :c, '+8613800138000', 'new', 1.0, 0)"
                ),
                {"id": lead, "t": stamp, "c": customer},
            )

    migrate.upgrade(db)

    with db.engine.connect() as conn:
        ranks = dict(conn.execute(text("SELECT id, abc_rank FROM leads")).all())
    assert ranks == {"la": 3, "lb": 2, "lc": 1, "ln": 0, "l0": 0}

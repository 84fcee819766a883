"""The dialer's stored order key ``leads.abc_rank``: kept right by the ORM (0007 fills it in:
``tests/storage/test_lead_migrations.py``)."""

from __future__ import annotations

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

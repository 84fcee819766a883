"""The preview dialer: order, calling windows, retries and attempts, do-not-call, reservations."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from callcenter.dialer import Dialer, Outcome
from callcenter.storage.models import (
    Callback,
    CallList,
    DncNumber,
    Lead,
    LeadState,
    new_id,
)
from callcenter.validation import IllegalStateChange, NotFound, ValidationError
from tests.domain.dialer_world import CN, NOW


def test_next_lead_reserves_the_lead_and_returns_its_card(world):
    list_id = world.call_list("春季回访", script={"questions": []})
    customer = world.customer("A")
    lead_id = world.lead(list_id, customer_id=customer, name="李雷", company="华兴", score=3.5)
    agent = world.agent()

    card = world.dialer.next_lead(agent)

    assert card is not None
    assert card.lead_id == lead_id
    assert (card.call_list_id, card.call_list_name) == (list_id, "春季回访")
    assert (card.name, card.company, card.abc_class, card.score) == ("李雷", "华兴", "A", 3.5)
    assert card.time_zones == (CN,)
    assert card.script == {"questions": []}
    assert card.callback_id is None
    assert card.reserved_until == NOW + timedelta(minutes=15)
    lead = world.get(Lead, lead_id)
    assert (lead.reserved_by, lead.reserved_until) == (agent, NOW + timedelta(minutes=15))


def test_no_lead_gives_none(world):
    world.call_list()
    assert world.dialer.next_lead(world.agent()) is None


def test_an_agent_holding_a_lead_gets_the_same_lead_again(world):
    list_id = world.call_list()
    first = world.lead(list_id, score=5)
    world.lead(list_id, score=1)
    agent = world.agent()
    assert world.dialer.next_lead(agent).lead_id == first
    assert world.dialer.next_lead(agent).lead_id == first


def test_order_priority_then_score_then_abc_then_age(world):
    high = world.call_list(priority=5)
    low = world.call_list(priority=1)
    a, b, c = world.customer("A"), world.customer("B"), world.customer("C")
    expected = [
        world.lead(high, score=80),
        world.lead(high, score=50, customer_id=a),
        world.lead(high, score=50, customer_id=b),
        world.lead(high, score=50, customer_id=c),
        world.lead(high, score=50, created_at=NOW - timedelta(days=3)),  # no customer, older
        world.lead(high, score=50, created_at=NOW - timedelta(days=2)),
        world.lead(high, score=10, state=LeadState.RETRY, next_attempt_at=NOW - timedelta(hours=1)),
        world.lead(low, score=99),
    ]
    got = [world.dialer.next_lead(world.agent()).lead_id for _ in expected]
    assert got == expected


def test_lists_of_equal_priority_are_merged_by_score(world):
    one, two = world.call_list(priority=3), world.call_list(priority=3)
    expected = [world.lead(two, score=9), world.lead(one, score=8), world.lead(two, score=7)]
    assert [world.dialer.next_lead(world.agent()).lead_id for _ in expected] == expected


def test_the_agents_due_callbacks_come_first(world):
    list_id = world.call_list(priority=1)
    world.call_list(priority=9)
    best = world.lead(list_id, score=99)
    promised = world.lead(
        list_id, score=1, state=LeadState.CALLBACK, next_attempt_at=NOW - timedelta(minutes=5)
    )
    agent, other = world.agent(), world.agent()
    callback_id = world.add(
        Callback(lead_id=promised, agent_id=agent, due_at=NOW - timedelta(minutes=5))
    )

    card = world.dialer.next_lead(agent)
    assert (card.lead_id, card.callback_id) == (promised, callback_id)
    assert card.callback_due_at == NOW - timedelta(minutes=5)
    assert world.dialer.next_lead(other).lead_id == best


def test_a_callback_not_yet_due_is_not_offered(world):
    list_id = world.call_list()
    later = world.lead(list_id, state=LeadState.CALLBACK, next_attempt_at=NOW + timedelta(hours=1))
    agent = world.agent()
    world.add(Callback(lead_id=later, agent_id=agent, due_at=NOW + timedelta(hours=1)))
    assert world.dialer.next_lead(agent) is None
    world.clock.advance(hours=1)
    assert world.dialer.next_lead(agent).lead_id == later


def test_new_york_number_at_20_59_and_21_01(world):
    list_id = world.call_list()  # 09:00–21:00 in the callee's time
    lead_id = world.lead(list_id, phone_e164="+12125550100", time_zones="America/New_York")
    agent = world.agent()
    assert world.dialer.next_lead(agent) is None  # 01:30 in New York
    world.clock.set(datetime(2026, 11, 24, 2, 1, tzinfo=UTC))  # 21:01 on Monday
    assert world.dialer.next_lead(agent) is None
    world.clock.set(datetime(2026, 11, 24, 1, 59, tzinfo=UTC))  # 20:59
    assert world.dialer.next_lead(agent).lead_id == lead_id


def test_new_york_number_over_the_daylight_saving_change(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id, phone_e164="+12125550100", time_zones="America/New_York")
    agent = world.agent()
    world.clock.set(datetime(2026, 11, 1, 13, 30, tzinfo=UTC))  # 08:30 EST, after the change
    assert world.dialer.next_lead(agent) is None
    world.clock.set(datetime(2026, 10, 31, 13, 30, tzinfo=UTC))  # 09:30 EDT, the day before
    assert world.dialer.next_lead(agent).lead_id == lead_id


def test_a_multi_zone_number_needs_every_zone_open(world):
    list_id = world.call_list()
    world.lead(list_id, time_zones="America/New_York|America/Los_Angeles")
    agent = world.agent()
    world.clock.set(datetime(2026, 11, 23, 14, 0, tzinfo=UTC))  # 09:00 NY, 06:00 LA
    assert world.dialer.next_lead(agent) is None
    world.clock.set(datetime(2026, 11, 23, 18, 0, tzinfo=UTC))  # 13:00 NY, 10:00 LA
    assert world.dialer.next_lead(agent) is not None


def test_weekdays_and_the_fallback_zone(world):
    weekend_only = world.call_list(weekdays=0b1100000)
    world.lead(weekend_only, time_zones=None)
    agent = world.agent()
    assert world.dialer.next_lead(agent) is None  # Monday in China
    world.clock.set(datetime(2026, 11, 28, 6, 30, tzinfo=UTC))  # Saturday 14:30 in China
    assert world.dialer.next_lead(agent) is not None


def test_a_zone_group_first_seen_after_the_groups_were_read_waits_for_the_refresh(world):
    list_id = world.call_list()
    first = world.lead(list_id)
    agent = world.agent()
    assert world.dialer.next_lead(agent).lead_id == first
    world.dialer.record_outcome(first, agent, Outcome.QUALIFIED)
    tokyo = world.lead(list_id, time_zones="Asia/Tokyo")  # 15:30 in Tokyo: callable
    assert world.dialer.next_lead(agent) is None  # the groups are kept GROUPS_TTL seconds
    world.dialer._groups_read_at = None  # as GROUPS_TTL seconds later
    assert world.dialer.next_lead(agent).lead_id == tokyo


def test_excluded_leads(world):
    inactive = world.call_list(active=False)
    deleted_list = world.call_list()
    world.update(CallList, deleted_list, deleted_at=NOW)
    list_id = world.call_list(max_attempts=3)
    world.lead(inactive)
    world.lead(deleted_list)
    world.lead(list_id, deleted_at=NOW)
    for state in ("qualified", "not_interested", "wrong_number", "do_not_call", "exhausted"):
        world.lead(list_id, state=state)
    world.lead(list_id, state=LeadState.RETRY, attempts=3)
    world.lead(list_id, state=LeadState.RETRY, next_attempt_at=NOW + timedelta(minutes=1))
    flagged = world.customer("A", do_not_call=True)
    world.lead(list_id, customer_id=flagged)
    assert world.dialer.next_lead(world.agent()) is None


def test_list_ids_limit_the_lists(world):
    one, two = world.call_list(priority=9), world.call_list(priority=1)
    world.lead(one)
    in_two = world.lead(two)
    assert world.dialer.next_lead(world.agent(), list_ids=[two]).lead_id == in_two


def test_no_answer_and_busy_wait_their_retry_time_until_the_attempt_limit(world):
    list_id = world.call_list(max_attempts=3, retry_rules={"no_answer": 120, "busy": 15})
    lead_id = world.lead(list_id)
    agent = world.agent()

    assert world.dialer.next_lead(agent).lead_id == lead_id
    result = world.dialer.record_outcome(lead_id, agent, Outcome.NO_ANSWER)
    assert (result.state, result.attempts) == (LeadState.RETRY, 1)
    assert result.next_attempt_at == NOW + timedelta(minutes=120)
    world.clock.advance(minutes=119)
    assert world.dialer.next_lead(agent) is None
    world.clock.advance(minutes=1)
    assert world.dialer.next_lead(agent).lead_id == lead_id

    result = world.dialer.record_outcome(lead_id, agent, "busy")
    assert (result.state, result.attempts) == (LeadState.RETRY, 2)
    assert result.next_attempt_at == world.clock.now() + timedelta(minutes=15)
    world.clock.advance(minutes=14)
    assert world.dialer.next_lead(agent) is None
    world.clock.advance(minutes=1)
    assert world.dialer.next_lead(agent).lead_id == lead_id

    result = world.dialer.record_outcome(lead_id, agent, Outcome.NO_ANSWER)
    assert (result.state, result.attempts) == (LeadState.EXHAUSTED, 3)
    world.clock.advance(days=1)
    assert world.dialer.next_lead(agent) is None
    lead = world.get(Lead, lead_id)
    assert (lead.reserved_by, lead.last_outcome) == (None, "no_answer")


def test_terminal_outcomes(world):
    list_id = world.call_list()
    agent = world.agent()
    for outcome, state in (
        (Outcome.QUALIFIED, LeadState.QUALIFIED),
        (Outcome.NOT_INTERESTED, LeadState.NOT_INTERESTED),
        (Outcome.WRONG_NUMBER, LeadState.WRONG_NUMBER),
    ):
        lead_id = world.lead(list_id)
        assert world.dialer.next_lead(agent).lead_id == lead_id
        result = world.dialer.record_outcome(lead_id, agent, outcome)
        assert (result.state, result.attempts, result.next_attempt_at) == (state, 1, None)
        lead = world.get(Lead, lead_id)
        assert lead.qualified_at == (NOW if outcome is Outcome.QUALIFIED else None)
        assert lead.reserved_by is None
    assert world.dialer.next_lead(agent) is None


def test_callback_outcome_schedules_a_callback(world):
    list_id = world.call_list()
    customer = world.customer("B")
    lead_id = world.lead(list_id, customer_id=customer)
    agent = world.agent()
    world.dialer.next_lead(agent)

    with pytest.raises(ValidationError) as missing:
        world.dialer.record_outcome(lead_id, agent, Outcome.CALLBACK)
    assert missing.value.field_codes == {"callback_at": "required"}
    with pytest.raises(ValidationError) as past:
        world.dialer.record_outcome(lead_id, agent, Outcome.CALLBACK, callback_at=NOW)
    assert past.value.field_codes == {"callback_at": "not_in_future"}

    due = NOW + timedelta(hours=2)
    result = world.dialer.record_outcome(
        lead_id, agent, Outcome.CALLBACK, callback_at=due, notes="下午再打"
    )
    assert (result.state, result.next_attempt_at, result.attempts) == ("callback", due, 1)
    callback = world.get(Callback, result.callback_id)
    assert (callback.lead_id, callback.agent_id, callback.due_at) == (lead_id, agent, due)
    assert (callback.kind, callback.status, callback.customer_id) == (
        "callback",
        "scheduled",
        customer,
    )
    assert callback.notes == "下午再打"

    assert world.dialer.next_lead(agent) is None
    world.clock.set(due)
    card = world.dialer.next_lead(agent)
    assert (card.lead_id, card.callback_id) == (lead_id, result.callback_id)
    world.dialer.record_outcome(lead_id, agent, Outcome.QUALIFIED)
    callback = world.get(Callback, result.callback_id)
    assert (callback.status, callback.outcome, callback.done_at) == ("done", "qualified", due)


def test_do_not_call_blocks_the_number_on_every_list(world):
    list_a, list_b = world.call_list(priority=5), world.call_list(priority=1)
    number = "+8613912345678"
    on_a = world.lead(list_a, phone_e164=number)
    on_b = world.lead(list_b, phone_e164=number)
    agent, other = world.agent(), world.agent()

    assert world.dialer.next_lead(agent).lead_id == on_a
    result = world.dialer.record_outcome(lead_id=on_a, agent_id=agent, outcome="do_not_call")
    assert result.state == LeadState.DO_NOT_CALL
    assert result.added_to_dnc
    with world.db.session() as session:
        listed = session.scalars(select(DncNumber.e164)).all()
    assert listed == [number]
    assert world.dialer.next_lead(other) is None
    assert world.get(Lead, on_b).state == LeadState.NEW  # kept, never offered


def test_do_not_call_does_not_list_a_number_twice(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id, phone_e164="+8613912345678")
    world.add(DncNumber(e164="+8613912345678", deleted_at=NOW))  # lifted: no longer counts
    agent = world.agent()
    assert world.dialer.next_lead(agent).lead_id == lead_id
    assert world.dialer.record_outcome(lead_id, agent, Outcome.DO_NOT_CALL).added_to_dnc
    again = world.lead(world.call_list(), phone_e164="+8613912345678", state="retry")
    world.update(Lead, again, reserved_by=agent, reserved_until=NOW + timedelta(minutes=5))
    assert not world.dialer.record_outcome(again, agent, Outcome.DO_NOT_CALL).added_to_dnc


def test_an_outcome_from_someone_without_the_reservation_is_refused(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id)
    holder, other = world.agent(), world.agent()
    world.dialer.next_lead(holder)
    with pytest.raises(IllegalStateChange):
        world.dialer.record_outcome(lead_id, other, Outcome.QUALIFIED)
    with pytest.raises(IllegalStateChange):
        world.dialer.release(lead_id, other)
    with pytest.raises(NotFound):
        world.dialer.record_outcome(new_id(), holder, Outcome.QUALIFIED)
    with pytest.raises(ValidationError):
        world.dialer.record_outcome(lead_id, holder, "maybe")
    assert world.get(Lead, lead_id).reserved_by == holder


def test_release_frees_the_lead(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id)
    one, two = world.agent(), world.agent()
    world.dialer.next_lead(one)
    assert world.dialer.next_lead(two) is None
    world.dialer.release(lead_id, one)
    assert world.dialer.next_lead(two).lead_id == lead_id
    assert world.get(Lead, lead_id).attempts == 0


def test_skipped_leads_do_not_come_straight_back_to_the_agent(world):
    list_id = world.call_list()
    leads = [world.lead(list_id, score=score) for score in (90, 80, 70, 60, 50, 40)]
    agent = world.agent()
    skipped: list[str] = []
    for expected in leads:
        card = world.dialer.next_lead(agent, exclude=skipped)
        assert card.lead_id == expected  # best first, even past CANDIDATES skipped ones
        world.dialer.release(card.lead_id, agent)
        skipped.append(card.lead_id)
    assert world.dialer.next_lead(agent, exclude=skipped) is None
    assert world.dialer.next_lead(world.agent()).lead_id == leads[0]  # free for the others


def test_an_expired_reservation_is_free_again(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id)
    one, two = world.agent(), world.agent()
    world.dialer.next_lead(one)
    world.clock.advance(minutes=15)
    assert world.dialer.next_lead(two) is None
    world.clock.advance(seconds=1)
    assert world.dialer.next_lead(two).lead_id == lead_id
    with pytest.raises(IllegalStateChange):
        world.dialer.record_outcome(lead_id, one, Outcome.QUALIFIED)
    world.dialer.record_outcome(lead_id, two, Outcome.QUALIFIED)


def test_a_renewed_reservation_outlasts_a_long_call(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id)
    one, two = world.agent(), world.agent()
    world.dialer.next_lead(one)
    world.clock.advance(minutes=14)
    assert world.dialer.extend(lead_id, one)
    world.clock.advance(minutes=14)  # 28 minutes after the reservation: still held
    assert world.dialer.next_lead(two) is None
    assert not world.dialer.extend(lead_id, two)  # only the holder renews
    world.dialer.record_outcome(lead_id, one, Outcome.NO_ANSWER)
    assert not world.dialer.extend(lead_id, one)  # released by the outcome


def _ask(
    barrier: threading.Barrier,
    dialer: Dialer,
    agent: str,
    got: list[Any],
    index: int,
    errors: list[BaseException],
) -> None:
    try:
        barrier.wait(timeout=10)
        got[index] = dialer.next_lead(agent)
    except BaseException as exc:  # reported by the main thread
        errors.append(exc)


def test_two_agents_at_the_same_moment_never_get_the_same_lead(any_world):
    world = any_world
    list_id = world.call_list()
    agents = [world.agent(), world.agent()]
    dialers = [Dialer(world.db, world.clock), Dialer(world.db, world.clock)]
    for _round in range(50):
        # Two equal leads: both desks go for the same first candidate; one must lose the race.
        expected = {world.lead(list_id, score=1), world.lead(list_id, score=1)}
        barrier = threading.Barrier(2)
        got: list[Any] = [None, None]
        errors: list[BaseException] = []
        threads = [
            threading.Thread(target=_ask, args=(barrier, dialers[i], agents[i], got, i, errors))
            for i in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not errors
        assert all(card is not None for card in got)
        assert {card.lead_id for card in got} == expected
        for card, agent in zip(got, agents, strict=True):
            world.dialer.record_outcome(card.lead_id, agent, Outcome.NOT_INTERESTED)

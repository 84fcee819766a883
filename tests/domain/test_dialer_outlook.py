"""``Dialer.next_callable_at``: when an agent who got no lead may get one ("the next one from
14:00"). Every answer is checked by moving the clock there and asking ``next_lead``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from callcenter.storage.models import Callback, DncNumber, Lead, LeadState
from tests.domain.dialer_world import NOW

NEW_YORK = "America/New_York"


def _then_offered(world, agent: str, at: datetime, lead_id: str) -> None:
    """Nothing a minute before ``at``; ``lead_id`` at ``at``."""
    world.clock.set(at - timedelta(minutes=1))
    assert world.dialer.next_lead(agent) is None
    world.clock.set(at)
    card = world.dialer.next_lead(agent)
    assert card is not None and card.lead_id == lead_id


def test_a_retry_later_today_is_the_next_chance(any_world):
    list_id = any_world.call_list()
    waiting = any_world.lead(
        list_id,
        state=LeadState.RETRY,
        attempts=1,
        next_attempt_at=NOW + timedelta(hours=1, minutes=30),
    )
    agent = any_world.agent()
    assert any_world.dialer.next_lead(agent) is None

    at = any_world.dialer.next_callable_at(agent)

    assert at == NOW + timedelta(hours=1, minutes=30)  # 16:00 in China
    _then_offered(any_world, agent, at, waiting)


def test_a_number_asleep_in_new_york_is_next_when_its_window_opens(world):
    list_id = world.call_list()  # 09:00–21:00 in the callee's time, every day
    sleeper = world.lead(list_id, time_zones=NEW_YORK)  # 01:30 there now
    agent = world.agent()

    at = world.dialer.next_callable_at(agent)

    assert at == datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 09:00 EST
    _then_offered(world, agent, at, sleeper)


def test_a_retry_due_after_hours_waits_for_the_next_mornings_window(world):
    list_id = world.call_list(window_start_minute=9 * 60, window_end_minute=18 * 60)
    late = world.lead(list_id, state=LeadState.RETRY, next_attempt_at=NOW + timedelta(hours=6))
    agent = world.agent()  # the retry comes at 20:30 China time: closed

    at = world.dialer.next_callable_at(agent)

    assert at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # Tuesday 09:00 in China
    _then_offered(world, agent, at, late)


def test_the_weekend_is_skipped_when_the_list_calls_on_weekdays_only(world):
    friday_evening = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 21:00 in China
    world.clock.set(friday_evening)
    list_id = world.call_list(weekdays=0b0011111)
    lead_id = world.lead(list_id)
    agent = world.agent()

    at = world.dialer.next_callable_at(agent)

    assert at == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 09:00 in China
    _then_offered(world, agent, at, lead_id)


def test_the_agents_own_callback_is_a_next_chance(world):
    list_id = world.call_list()
    agent = world.agent()
    promised = world.lead(
        list_id, state=LeadState.CALLBACK, next_attempt_at=NOW + timedelta(minutes=20)
    )
    world.add(Callback(lead_id=promised, agent_id=agent, due_at=NOW + timedelta(minutes=20)))

    at = world.dialer.next_callable_at(agent)

    assert at == NOW + timedelta(minutes=20)
    _then_offered(world, agent, at, promised)


def test_a_lead_held_by_another_desk_is_next_when_its_reservation_runs_out(world):
    list_id = world.call_list()
    agent, other = world.agent(), world.agent()
    held = world.lead(list_id, reserved_by=other, reserved_until=NOW + timedelta(minutes=10))

    at = world.dialer.next_callable_at(agent)

    assert at == NOW + timedelta(minutes=10, seconds=1)
    world.clock.set(at)
    assert world.dialer.next_lead(agent).lead_id == held


def test_nothing_to_come_when_every_lead_is_done_or_must_not_be_called(any_world):
    list_id = any_world.call_list(max_attempts=2)
    any_world.lead(
        list_id, state=LeadState.RETRY, attempts=2, next_attempt_at=NOW + timedelta(hours=1)
    )
    any_world.lead(list_id, state=LeadState.QUALIFIED)
    blocked = any_world.lead(list_id, next_attempt_at=NOW + timedelta(hours=1))
    any_world.add(DncNumber(e164=any_world.get(Lead, blocked).phone_e164))
    paused = any_world.call_list(active=False)
    any_world.lead(paused)

    assert any_world.dialer.next_callable_at(any_world.agent()) is None


def test_retries_asleep_in_new_york_do_not_hide_a_chinese_one_due_sooner(world):
    list_id = world.call_list()
    for minutes in range(5, 55, 5):  # ten busy New York numbers, retried in the night there
        world.lead(
            list_id,
            time_zones=NEW_YORK,
            state=LeadState.RETRY,
            next_attempt_at=NOW + timedelta(minutes=minutes),
        )
    china = world.lead(
        list_id, state=LeadState.RETRY, next_attempt_at=NOW + timedelta(hours=1, minutes=30)
    )
    agent = world.agent()

    at = world.dialer.next_callable_at(agent)

    assert at == NOW + timedelta(hours=1, minutes=30)
    _then_offered(world, agent, at, china)


def test_too_many_retries_to_look_at_give_no_time_rather_than_a_wrong_one(world):
    list_id = world.call_list()
    for minutes in range(1, 1 + world.dialer.OUTLOOK_EVENTS + 5):
        world.lead(
            list_id,
            time_zones=NEW_YORK,
            state=LeadState.RETRY,
            next_attempt_at=NOW + timedelta(minutes=minutes),
        )
    world.lead(list_id, state=LeadState.RETRY, next_attempt_at=NOW + timedelta(hours=2))

    assert world.dialer.next_callable_at(world.agent()) is None


def test_a_number_with_an_unknown_zone_waits_for_the_call_centers_window_too(world):
    list_id = world.call_list()
    lead_id = world.lead(list_id, time_zones=f"{NEW_YORK}|Nowhere/Bogus")
    agent = world.agent()  # judged in New York and in Shanghai: both open 01:00–02:00 UTC

    at = world.dialer.next_callable_at(agent)

    assert at == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    _then_offered(world, agent, at, lead_id)

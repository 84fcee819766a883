"""Agent states: legal transitions, pause after the call, durations, crash recovery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import select

from callcenter.agent_states import PAUSE_REASONS, AgentState, AgentStateTracker, StateSpan
from callcenter.storage.models import AgentStateEntry, AuditEntry
from callcenter.validation import IllegalStateChange, NotFound, ValidationError
from tests.fakes.clock import FakeClock

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in China

S = AgentState


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def agent(rows) -> str:
    return rows.team_agent()


@pytest.fixture
def tracker(sqlite_db, clock, agent) -> AgentStateTracker:
    return AgentStateTracker(sqlite_db, clock, agent)


def _rows(db, agent):
    with db.session() as session:
        return session.scalars(
            select(AgentStateEntry)
            .where(AgentStateEntry.agent_id == agent)
            .order_by(AgentStateEntry.started_at)
        ).all()


def _table(db, agent):
    return [(row.state, row.reason, row.seconds, row.ended_at is None) for row in _rows(db, agent)]


def test_a_working_day_is_logged_with_durations(sqlite_db, clock, agent, tracker):
    assert (tracker.state, tracker.since) == (S.OFFLINE, START)
    assert _rows(sqlite_db, agent) == []

    assert tracker.sign_in() is S.READY
    clock.advance(seconds=120)
    tracker.call_started("call-1")
    assert (tracker.state, tracker.call_id) == (S.ON_CALL, "call-1")
    clock.advance(seconds=300)
    assert tracker.call_ended() is S.WRAP_UP
    assert tracker.call_id == "call-1"
    clock.advance(seconds=45)
    assert tracker.wrap_up_done() is S.READY
    clock.advance(minutes=10)
    tracker.pause("lunch")
    assert (tracker.state, tracker.reason, tracker.since) == (S.PAUSED, "lunch", clock.now())
    clock.advance(hours=1)
    tracker.set_ready()
    clock.advance(seconds=30)
    tracker.sign_out()
    assert tracker.state is S.OFFLINE

    assert _table(sqlite_db, agent) == [
        ("ready", None, 120.0, False),
        ("on_call", None, 300.0, False),
        ("wrap_up", None, 45.0, False),
        ("ready", None, 600.0, False),
        ("paused", "lunch", 3600.0, False),
        ("ready", None, 30.0, False),
    ]
    stored = _rows(sqlite_db, agent)
    assert [row.call_id for row in stored[1:3]] == ["call-1", "call-1"]
    assert stored[0].started_at == START
    assert all(a.ended_at == b.started_at for a, b in pairwise(stored))


def test_pause_after_this_call(sqlite_db, clock, agent, tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    tracker.request_pause_after_call("break")
    assert tracker.pending_pause == "break"
    assert tracker.state is S.ON_CALL  # nothing changes during the call
    clock.advance(seconds=60)
    tracker.call_ended()
    assert (tracker.state, tracker.pending_pause) == (S.WRAP_UP, "break")
    clock.advance(seconds=20)
    assert tracker.wrap_up_done() is S.PAUSED
    assert tracker.reason == "break"
    assert tracker.pending_pause is None
    assert [state for state, *_ in _table(sqlite_db, agent)] == [
        "ready",
        "on_call",
        "wrap_up",
        "paused",
    ]


def test_pause_pressed_during_a_call_waits_for_the_call_to_end(tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    assert tracker.pause("meeting") is S.ON_CALL
    assert tracker.call_ended(wrap_up=False) is S.PAUSED
    assert tracker.reason == "meeting"


def test_ready_pressed_during_a_call_cancels_the_pending_pause(tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    tracker.request_pause_after_call("break")
    tracker.set_ready()
    assert tracker.pending_pause is None
    tracker.call_ended()
    assert tracker.wrap_up_done() is S.READY


def test_a_call_taken_while_paused_returns_to_the_pause(sqlite_db, agent, tracker):
    tracker.sign_in()
    tracker.pause("break")
    tracker.call_started("call-1")  # an inbound call can still ring
    assert tracker.reason is None
    assert tracker.pending_pause == "break"
    tracker.call_ended()
    assert tracker.wrap_up_done() is S.PAUSED
    assert tracker.reason == "break"

    tracker.call_started("call-2")
    assert tracker.call_ended(wrap_up=False) is S.PAUSED
    assert tracker.reason == "break"


def test_the_next_call_ends_the_wrap_up(sqlite_db, clock, agent, tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    tracker.request_pause_after_call("lunch")
    tracker.call_ended()
    clock.advance(seconds=10)
    assert tracker.call_started("call-2") is S.ON_CALL
    assert tracker.pending_pause == "lunch"  # still wanted after this call
    assert _table(sqlite_db, agent)[2] == ("wrap_up", None, 10.0, False)
    tracker.call_ended()
    assert tracker.wrap_up_done() is S.PAUSED
    assert tracker.reason == "lunch"


def test_a_call_without_wrap_up_returns_to_ready(tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    assert tracker.call_ended(wrap_up=False) is S.READY


def test_wrap_up_can_be_ended_by_ready_or_pause(tracker):
    tracker.sign_in()
    tracker.call_started("call-1")
    tracker.call_ended()
    assert tracker.pause("after_call_work") is S.PAUSED
    tracker.set_ready()
    tracker.call_started("call-2")
    tracker.request_pause_after_call("break")
    tracker.call_ended()
    assert tracker.set_ready() is S.READY  # the agent changed their mind
    assert tracker.pending_pause is None


def test_changing_the_pause_reason_starts_a_new_stretch(sqlite_db, clock, agent, tracker):
    tracker.sign_in()
    tracker.pause("break")
    clock.advance(seconds=300)
    tracker.pause("break")  # the same: nothing happens
    clock.advance(seconds=300)
    tracker.pause("training")
    assert _table(sqlite_db, agent)[1:] == [
        ("paused", "break", 600.0, False),
        ("paused", "training", None, True),
    ]


@pytest.mark.parametrize(
    ("setup", "action"),
    [
        ([], lambda t: t.set_ready()),
        ([], lambda t: t.pause("break")),
        ([], lambda t: t.call_started("c")),
        ([], lambda t: t.call_ended()),
        ([], lambda t: t.wrap_up_done()),
        ([], lambda t: t.request_pause_after_call("break")),
        (["sign_in"], lambda t: t.sign_in()),
        (["sign_in"], lambda t: t.call_ended()),
        (["sign_in"], lambda t: t.wrap_up_done()),
        (["sign_in"], lambda t: t.request_pause_after_call("break")),
        (["sign_in", "call"], lambda t: t.call_started("c2")),
        (["sign_in", "call"], lambda t: t.sign_out()),
        (["sign_in", "call"], lambda t: t.wrap_up_done()),
        (["sign_in", "call", "end"], lambda t: t.call_ended()),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(
    sqlite_db, agent, tracker, setup, action
):
    steps = {
        "sign_in": lambda t: t.sign_in(),
        "call": lambda t: t.call_started("c"),
        "end": lambda t: t.call_ended(),
    }
    for step in setup:
        steps[step](tracker)
    before = (tracker.state, tracker.since, _table(sqlite_db, agent))
    with pytest.raises(IllegalStateChange) as caught:
        action(tracker)
    assert caught.value.code == "illegal_state_change"
    assert caught.value.details["from_state"] == before[0].value
    assert (tracker.state, tracker.since, _table(sqlite_db, agent)) == before


def test_pause_reasons_are_checked(tracker):
    tracker.sign_in()
    with pytest.raises(ValidationError) as caught:
        tracker.pause("smoking")
    assert caught.value.field_codes == {"reason": "invalid"}
    assert tracker.state is S.READY
    assert set(PAUSE_REASONS) >= {"break", "lunch", "training", "meeting", "after_call_work"}


def test_sign_out_while_offline_does_nothing(sqlite_db, agent, tracker):
    assert tracker.sign_out() is S.OFFLINE
    assert _rows(sqlite_db, agent) == []


def test_a_row_left_open_by_a_crash_is_closed_at_start_up(sqlite_db, clock, agent):
    crashed = AgentStateTracker(sqlite_db, clock, agent)
    crashed.sign_in()
    clock.advance(minutes=5)
    crashed.call_started("call-1")  # ... and the app dies
    clock.advance(minutes=3)

    restarted = AgentStateTracker(sqlite_db, clock, agent)

    assert restarted.state is S.OFFLINE
    assert _table(sqlite_db, agent) == [
        ("ready", None, 300.0, False),
        ("on_call", None, 180.0, False),  # closed at the restart
    ]
    with sqlite_db.session() as session:
        (audit,) = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "agent_state.recovered")
        ).all()
        assert audit.entity_id == _rows(sqlite_db, agent)[1].id
        assert audit.details == {"state": "on_call", "seconds": 180.0}
    restarted.sign_in()
    assert _table(sqlite_db, agent)[-1] == ("ready", None, None, True)


def test_other_agents_rows_are_left_alone(sqlite_db, clock, rows, agent):
    colleague = rows.team_agent("李娜")
    AgentStateTracker(sqlite_db, clock, colleague).sign_in()
    AgentStateTracker(sqlite_db, clock, agent)
    assert _table(sqlite_db, colleague) == [("ready", None, None, True)]


def test_an_unknown_agent_is_refused(sqlite_db, clock):
    with pytest.raises(NotFound):
        AgentStateTracker(sqlite_db, clock, "no-such-agent")


def test_history_gives_the_stretches_since_a_moment(clock, tracker):
    tracker.sign_in()  # 01:00
    clock.advance(hours=1)
    tracker.pause("break")  # 02:00
    clock.advance(minutes=15)
    tracker.set_ready()  # 02:15
    clock.advance(minutes=5)  # now 02:20

    spans = tracker.history(since=START + timedelta(minutes=30))

    assert spans == [
        StateSpan(S.READY, None, START, START + timedelta(hours=1), 3600.0),  # going on at since
        StateSpan(
            S.PAUSED,
            "break",
            START + timedelta(hours=1),
            START + timedelta(minutes=75),
            900.0,
        ),
        StateSpan(S.READY, None, START + timedelta(minutes=75), None, 300.0),  # so far
    ]
    assert tracker.history(since=START + timedelta(hours=1)) == spans[1:]
    assert tracker.history(since=START + timedelta(hours=3)) == [spans[2]]

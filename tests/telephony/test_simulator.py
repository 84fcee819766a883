"""What only the simulator does: its own timers, automatic traffic, scripted outcomes."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest

from callcenter.phones import try_normalize
from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallRinging,
    CommandRejected,
    ConnectionChanged,
    ConnectionState,
    Direction,
    EndReason,
)
from callcenter.telephony.simulator import Outcome, SimulatorAdapter, SimulatorConfig
from tests.fakes.fake_telephony import EventRecorder

KNOWN = ("+8613800138000", "+8615912345678", "+861012345678", "+862087654321", "+14155550123")
SHARED = ("+8613711112222", "+8618633334444")
# Tiny enough that 300 rings take well under a second.
FAST = 0.0005


@pytest.fixture
def running() -> Iterator[list[SimulatorAdapter]]:
    """Simulators a test starts; all stopped at the end."""
    sims: list[SimulatorAdapter] = []
    yield sims
    for sim in sims:
        sim.stop()


def _start(running, config: SimulatorConfig, time_scale: float = 0.001):
    sim = SimulatorAdapter(config, time_scale=time_scale)
    heard = EventRecorder()
    sim.subscribe(heard)
    running.append(sim)
    sim.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    return sim, heard


def _classify(number: str) -> str:
    if number in ("", "anonymous"):
        return "withheld"
    parsed = try_normalize(number)
    assert parsed is not None, f"the simulator presented an invalid number: {number!r}"
    if parsed.e164 in KNOWN:
        return "known"
    if parsed.e164 in SHARED:
        return "shared"
    assert parsed.region == "CN"
    assert parsed.number_type == "mobile"
    return "unknown"


def _collect_rings(sim: SimulatorAdapter, count: int, on_ring=None) -> list[CallRinging]:
    """Reject every automatic call at once and return the first ``count`` rings."""
    rings: list[CallRinging] = []
    enough = threading.Event()

    def listener(event):
        if isinstance(event, CallRinging) and not enough.is_set():
            rings.append(event)
            if on_ring is not None:
                on_ring(len(rings))
            if len(rings) >= count:
                enough.set()
        if isinstance(event, CallRinging):
            sim.hang_up(event.call_id)

    sim.subscribe(listener)
    assert enough.wait(20), f"only {len(rings)} rings"
    return rings


# --------------------------------------------------------------------------- automatic traffic


def test_automatic_traffic_brings_the_configured_mix(running):
    config = SimulatorConfig(pace_seconds=1.0, known_numbers=KNOWN, shared_numbers=SHARED, seed=7)
    sim, _heard = _start(running, config, time_scale=FAST)

    rings = _collect_rings(sim, 300)

    kinds = Counter(_classify(r.remote_number) for r in rings)
    assert set(kinds) == {"known", "shared", "unknown", "withheld"}
    assert 0.15 < kinds["unknown"] / 300 < 0.35
    assert 0.04 < kinds["shared"] / 300 < 0.18
    assert 0.45 < kinds["known"] / 300 < 0.75
    assert 3 <= kinds["withheld"] <= 35
    assert all(r.direction is Direction.INBOUND for r in rings)
    national = [r.remote_number for r in rings if r.remote_number[:1] not in ("+", "a", "")]
    assert 0.15 < len(national) / 300 < 0.45
    # all three national forms a PBX may use: spaced, bare digits, trunk prefix on a mobile
    assert any(" " in n for n in national)
    assert any(n.isdigit() and n.startswith("1") for n in national)
    assert any(n.startswith("01") and len(n) == 12 for n in national)


def test_automatic_calls_ring_only_while_the_agent_is_free(running):
    # The caller of a ringing call gives up after 30 mean intervals between automatic calls.
    config = SimulatorConfig(
        pace_seconds=1.0, ring_timeout=30.0, talk_seconds=None, known_numbers=KNOWN, seed=3
    )
    sim = SimulatorAdapter(config, time_scale=FAST)
    running.append(sim)
    answered = threading.Event()

    def answer_the_first(event):
        if isinstance(event, CallRinging) and not answered.is_set():
            answered.set()
            sim.answer(event.call_id)

    sim.subscribe(answer_the_first)
    heard = EventRecorder()
    sim.subscribe(heard)
    sim.start()
    first = heard.wait_for(CallRinging)
    heard.expect(CallAnswered, call_id=first.call_id)

    probe = sim.ring("+8613900001111")
    heard.expect(CallRinging, call_id=probe)
    # The very next event is the probe's caller giving up: nothing rang meanwhile.
    heard.expect(CallEnded, call_id=probe, reason=EndReason.CANCELLED)
    sim.hang_up(first.call_id)
    heard.expect(CallEnded, call_id=first.call_id, reason=EndReason.HANGUP_LOCAL)
    heard.expect(CallRinging)  # free again: the traffic resumes


def test_national_forms_still_read_as_the_known_number(running):
    config = SimulatorConfig(
        pace_seconds=1.0,
        known_numbers=KNOWN[:4],
        unknown_ratio=0,
        withheld_ratio=0,
        shared_ratio=0,
        national_format_ratio=1.0,
        seed=11,
    )
    sim, _heard = _start(running, config, time_scale=FAST)
    rings = _collect_rings(sim, 60)
    for ring in rings:
        assert not ring.remote_number.startswith("+")
        assert try_normalize(ring.remote_number).e164 in KNOWN


def test_without_known_numbers_callers_are_unknown_or_withheld(running):
    config = SimulatorConfig(pace_seconds=1.0, seed=5)
    sim, _heard = _start(running, config, time_scale=FAST)
    kinds = {_classify(r.remote_number) for r in _collect_rings(sim, 80)}
    assert kinds <= {"unknown", "withheld"}
    assert "unknown" in kinds


def test_set_numbers_replaces_the_callers_at_run_time(running):
    new_known, new_shared = ("+8613055556666",), ("+8613177778888",)
    config = SimulatorConfig(
        pace_seconds=1.0,
        known_numbers=KNOWN,
        unknown_ratio=0,
        withheld_ratio=0,
        shared_ratio=0.3,
        national_format_ratio=0,
        seed=13,
    )
    sim, _heard = _start(running, config, time_scale=FAST)

    def switch(count):
        if count == 20:
            sim.set_numbers(new_known, new_shared)

    numbers = [r.remote_number for r in _collect_rings(sim, 80, on_ring=switch)]
    assert set(numbers[:20]) <= set(KNOWN)
    assert set(numbers[20:]) == {*new_known, *new_shared}


def test_no_pace_means_no_automatic_calls(running):
    sim, heard = _start(running, SimulatorConfig(), time_scale=FAST)
    call_id = sim.ring(KNOWN[0])
    assert heard.next().call_id == call_id  # the first thing after connecting is our own ring


# --------------------------------------------------------------------------- timers


def test_the_caller_gives_up_after_the_ring_timeout(running):
    sim, heard = _start(running, SimulatorConfig(ring_timeout=30.0))
    call_id = sim.ring(KNOWN[0], "王五", "4008001234")
    ringing = heard.expect(CallRinging, call_id=call_id, remote_name="王五")
    assert ringing.local_number == "4008001234"
    ended = heard.expect(CallEnded, call_id=call_id, reason=EndReason.CANCELLED)
    assert ended.at - ringing.at >= _scaled(30.0)


def test_the_caller_hangs_up_after_the_talk_time(running):
    sim, heard = _start(running, SimulatorConfig(talk_seconds=(10.0, 20.0), seed=2))
    call_id = sim.ring(KNOWN[0])
    heard.expect(CallRinging, call_id=call_id)
    sim.answer(call_id)
    answered = heard.expect(CallAnswered, call_id=call_id)
    ended = heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_REMOTE)
    assert ended.at - answered.at >= _scaled(10.0)


def _scaled(seconds: float, time_scale: float = 0.001) -> timedelta:
    """``seconds`` in the simulator's time, less a little slack for the clock's resolution."""
    return timedelta(seconds=seconds * time_scale) - timedelta(milliseconds=2)


# --------------------------------------------------------------------------- outbound


@pytest.mark.parametrize(
    ("outcome", "reason"),
    [
        (Outcome.NO_ANSWER, EndReason.NO_ANSWER),
        (Outcome.BUSY, EndReason.BUSY),
        (Outcome.FAILED, EndReason.FAILED),
        ("busy", EndReason.BUSY),
    ],
)
def test_force_next_outcome_ends_the_dial(running, outcome, reason):
    sim, heard = _start(running, SimulatorConfig(answer_delay=(2.0, 8.0)))
    sim.force_next_outcome(outcome)
    call_id = sim.dial(KNOWN[1])
    ringing = heard.expect(CallRinging, call_id=call_id, direction=Direction.OUTBOUND)
    ended = heard.expect(CallEnded, call_id=call_id, reason=reason)
    assert ended.at - ringing.at >= _scaled(2.0)


def test_forced_answer_then_the_callee_hangs_up(running):
    sim, heard = _start(running, SimulatorConfig(talk_seconds=(5.0, 5.0)))
    sim.force_next_outcome("answered")
    call_id = sim.dial(KNOWN[1])
    heard.expect(CallRinging, call_id=call_id)
    heard.expect(CallAnswered, call_id=call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_REMOTE)


def test_forced_outcomes_apply_to_the_next_dials_in_order(running):
    sim, heard = _start(running, SimulatorConfig(answer_delay=(1.0, 1.0), talk_seconds=None))
    for outcome in ("busy", "answered", "no_answer"):
        sim.force_next_outcome(outcome)
    results = []
    for _ in range(3):
        call_id = sim.dial(KNOWN[1])
        heard.expect(CallRinging, call_id=call_id)
        event = heard.next()
        assert event.call_id == call_id
        results.append(getattr(event, "reason", "answered"))
        if isinstance(event, CallAnswered):
            sim.hang_up(call_id)
            heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_LOCAL)
    assert results == [EndReason.BUSY, "answered", EndReason.NO_ANSWER]


def _outcomes(running, seed: int, count: int) -> list[str]:
    config = SimulatorConfig(answer_delay=(0.0, 0.0), talk_seconds=None, seed=seed)
    sim, heard = _start(running, config)
    results = []
    for _ in range(count):
        call_id = sim.dial(KNOWN[1])
        heard.expect(CallRinging, call_id=call_id)
        event = heard.next()
        if isinstance(event, CallAnswered):
            results.append("answered")
            sim.hang_up(call_id)
            heard.expect(CallEnded, call_id=call_id)
        else:
            results.append(event.reason.value)
    return results


def test_outbound_outcomes_follow_the_weights_and_the_seed(running):
    first = _outcomes(running, seed=42, count=200)
    assert _outcomes(running, seed=42, count=200) == first
    counts = Counter(first)
    assert 0.45 < counts["answered"] / 200 < 0.75
    assert 0.12 < counts["no_answer"] / 200 < 0.38
    assert counts["busy"] > 5
    assert counts["failed"] > 0


def test_dialling_a_number_that_does_not_exist_fails(running):
    sim, heard = _start(running, SimulatorConfig(answer_delay=(1.0, 1.0)))
    call_id = sim.dial("12")
    heard.expect(CallRinging, call_id=call_id, remote_number="12")
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.FAILED)


def test_the_callee_cannot_answer_an_inbound_call(running):
    sim, _heard = _start(running, SimulatorConfig())
    call_id = sim.ring(KNOWN[0])
    with pytest.raises(CommandRejected, match="not ringing"):
        sim.answer_remote(call_id)


# --------------------------------------------------------------------------- life cycle


def test_restart_after_stop(running):
    sim, heard = _start(running, SimulatorConfig())
    sim.stop()
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)
    sim.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    call_id = sim.ring(KNOWN[0])
    heard.expect(CallRinging, call_id=call_id)


def test_stop_from_inside_a_listener(running):
    sim, heard = _start(running, SimulatorConfig())

    def stop_on_ring(event):
        if isinstance(event, CallRinging):
            sim.stop()

    sim.subscribe(stop_on_ring)
    call_id = sim.ring(KNOWN[0])
    heard.expect(CallRinging, call_id=call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_LOCAL)
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)
    sim.stop()  # from outside as well: nothing more
    sim.start()  # and it can start again
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)


def test_a_failing_listener_does_not_silence_the_others(running, caplog):
    sim, heard = _start(running, SimulatorConfig())

    def broken(event):
        raise RuntimeError("bug in a listener")

    sim.subscribe(broken)
    later = EventRecorder()
    sim.subscribe(later)
    call_id = sim.ring(KNOWN[0])
    later.expect(CallRinging, call_id=call_id)
    heard.expect(CallRinging, call_id=call_id)
    assert "bug in a listener" in caplog.text


def test_events_come_from_one_worker_thread(running):
    sim, heard = _start(running, SimulatorConfig())
    call_id = sim.ring(KNOWN[0])
    sim.answer(call_id)
    sim.hang_up(call_id)
    heard.wait_for(CallEnded, call_id=call_id)
    assert len(set(heard.threads)) == 1
    assert heard.threads[0] is not threading.current_thread()
    assert heard.threads[0].daemon


def test_logs_never_show_a_full_number(running, caplog):
    caplog.set_level("DEBUG", logger="callcenter.telephony")
    sim, heard = _start(running, SimulatorConfig(answer_delay=(0.0, 0.0)))
    call_id = sim.ring("+8613800138000")
    heard.expect(CallRinging, call_id=call_id)
    sim.hang_up(call_id)
    dialled = sim.dial("13912345678")
    sim.stop()
    assert call_id in caplog.text and dialled in caplog.text
    for digits in ("13800138000", "13912345678"):
        assert digits not in caplog.text


@pytest.mark.parametrize(
    "bad",
    [
        {"pace_seconds": 0},
        {"unknown_ratio": 0.7, "shared_ratio": 0.4},
        {"withheld_ratio": -0.1},
        {"talk_seconds": (10.0, 5.0)},
        {"answer_delay": (-1.0, 2.0)},
        {"outbound_outcomes": {"answered": 0, "busy": 0}},
        {"outbound_outcomes": {"voicemail": 1.0}},
        {"ring_timeout": 0},
    ],
)
def test_bad_configuration_is_refused(bad):
    with pytest.raises(ValueError):
        SimulatorConfig(**bad)


def test_bad_time_scale_is_refused():
    with pytest.raises(ValueError):
        SimulatorAdapter(time_scale=0)


def test_ring_sample_rings_a_caller_from_the_traffic_mix(running):
    # callers never give up here: a busy machine may take 30 ms (30 s scaled) to hang up
    config = SimulatorConfig(known_numbers=KNOWN, shared_numbers=SHARED, seed=9, ring_timeout=None)
    sim = SimulatorAdapter(config, time_scale=0.001)
    running.append(sim)
    assert sim.ring_sample() is None  # not connected: nothing rings
    heard = EventRecorder()
    sim.subscribe(heard)
    sim.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    kinds = set()
    for _ in range(40):
        call_id = sim.ring_sample()
        ringing = heard.expect(CallRinging, call_id=call_id, direction=Direction.INBOUND)
        kinds.add(_classify(ringing.remote_number))
        sim.hang_up(call_id)
        heard.expect(CallEnded, call_id=call_id, reason=EndReason.REJECTED)
    assert {"known", "unknown"} <= kinds

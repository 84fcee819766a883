"""The contract every telephony adapter keeps, run against each of them.

Each adapter comes with an ``AdapterHarness`` that builds it and plays the far end (the caller
or the callee). To put a new adapter under the contract, write its harness and add it to
``HARNESSES``; the tests themselves know only the ``TelephonyAdapter`` interface.

What the contract says:

* ``start()`` publishes ``ConnectionChanged(CONNECTING)`` then ``(CONNECTED)``; ``stop()`` ends
  every call it knows with a ``CallEnded`` (``HANGUP_LOCAL``), then publishes
  ``(DISCONNECTED)`` and nothing after it; a second ``stop()`` does nothing.
* Inbound: ``CallRinging(INBOUND)`` with the caller's number; ``answer`` gives
  ``CallAnswered``; ``hang_up`` ends with ``HANGUP_LOCAL`` (``REJECTED`` while ringing); the far
  end ending gives ``HANGUP_REMOTE`` (``CANCELLED`` while ringing).
* Outbound: ``dial`` returns the call id and publishes ``CallRinging(OUTBOUND)``; then
  ``CallAnswered`` or ``CallEnded`` with the far end's reason (``NO_ANSWER``, ``BUSY``…);
  ``hang_up`` before the answer ends it with ``HANGUP_LOCAL``.
* Commands that cannot apply (unknown or ended call, answering a call that is not ringing
  here, any command once stopped, hold/transfer without the capability) raise
  ``CommandRejected``.
* Events carry timezone-aware UTC timestamps, in publishing order; listeners may call commands
  from inside a listener; an unsubscribed listener hears nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from callcenter.phones import try_normalize
from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallRinging,
    Capability,
    CommandRejected,
    ConnectionChanged,
    ConnectionState,
    Direction,
    EndReason,
    TelephonyAdapter,
)
from callcenter.telephony.simulator import SimulatorAdapter, SimulatorConfig
from tests.fakes.fake_telephony import EventRecorder, FakeTelephony

CUSTOMER = "+8613800138000"
LEAD = "+8613912345678"


# --------------------------------------------------------------------------- harnesses


class AdapterHarness:
    """Builds one kind of adapter and plays the other party of its calls.

    The far-end methods take the adapter's call id (from the ``CallRinging`` event); a harness
    for a real phone system maps it to its peer's call as it must.
    """

    name = "adapter"
    #: Seconds to wait for any one event.
    timeout = 5.0

    def make(self) -> TelephonyAdapter:
        """A new adapter, not started."""
        raise NotImplementedError

    def remote_ring(self, adapter: TelephonyAdapter, number: str, name: str = "") -> None:
        """Someone at ``number`` calls the agent (the test takes the call id from the event)."""
        raise NotImplementedError

    def remote_answer(self, adapter: TelephonyAdapter, call_id: str) -> None:
        """The callee of the outbound call ``call_id`` answers."""
        raise NotImplementedError

    def remote_hang_up(
        self, adapter: TelephonyAdapter, call_id: str, reason: EndReason | None = None
    ) -> None:
        """The other party ends the call: hangs up, gives up ringing, or (with ``reason``
        ``BUSY`` / ``NO_ANSWER``) refuses an outbound call that way."""
        raise NotImplementedError

    def close(self) -> None:
        """Release whatever the harness started (peers, servers)."""


class SimulatorHarness(AdapterHarness):
    name = "simulator"

    def make(self) -> SimulatorAdapter:
        # The far end acts only when the test tells it to: no caller gives up, no talk time,
        # and an outbound callee who would answer only after a very long time.
        config = SimulatorConfig(
            ring_timeout=None, talk_seconds=None, answer_delay=(1e6, 1e6), seed=1
        )
        return SimulatorAdapter(config, time_scale=0.001)

    def remote_ring(self, adapter, number, name=""):
        adapter.ring(number, name)

    def remote_answer(self, adapter, call_id):
        adapter.answer_remote(call_id)

    def remote_hang_up(self, adapter, call_id, reason=None):
        adapter.hang_up_remote(call_id, reason)


class FakeHarness(AdapterHarness):
    name = "fake"

    def make(self) -> FakeTelephony:
        return FakeTelephony()

    def remote_ring(self, adapter, number, name=""):
        adapter.ring(number, name)

    def remote_answer(self, adapter, call_id):
        adapter.answer_remote(call_id)

    def remote_hang_up(self, adapter, call_id, reason=None):
        adapter.hang_up_remote(call_id, reason)


HARNESSES: list[type[AdapterHarness]] = [SimulatorHarness, FakeHarness]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(params=HARNESSES, ids=lambda cls: cls.name)
def harness(request) -> Iterator[AdapterHarness]:
    h = request.param()
    yield h
    h.close()


@pytest.fixture
def adapter(harness) -> Iterator[TelephonyAdapter]:
    a = harness.make()
    yield a
    a.stop()


@pytest.fixture
def heard(adapter, harness) -> EventRecorder:
    recorder = EventRecorder(timeout=harness.timeout)
    adapter.subscribe(recorder)
    return recorder


@pytest.fixture
def phone(adapter, heard) -> TelephonyAdapter:
    """The adapter, started and connected; its connection events already taken."""
    adapter.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    return adapter


def _incoming(harness, phone, heard, number=CUSTOMER, name="") -> CallRinging:
    harness.remote_ring(phone, number, name)
    event = heard.expect(CallRinging, direction=Direction.INBOUND)
    return event


def _connected_inbound(harness, phone, heard) -> str:
    call_id = _incoming(harness, phone, heard).call_id
    phone.answer(call_id)
    heard.expect(CallAnswered, call_id=call_id)
    return call_id


def _same_number(presented: str, expected: str) -> bool:
    parsed = try_normalize(presented)
    return parsed is not None and parsed.e164 == expected


# --------------------------------------------------------------------------- connection


def test_start_then_stop_report_the_connection(adapter, heard):
    adapter.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    adapter.stop()
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)
    assert heard.pending() == []


def test_start_twice_connects_once(adapter, heard):
    adapter.start()
    adapter.start()
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTING)
    heard.expect(ConnectionChanged, state=ConnectionState.CONNECTED)
    adapter.stop()
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)
    assert heard.pending() == []


def test_stop_ends_every_call_then_disconnects_and_is_idempotent(harness, phone, heard):
    talking = _connected_inbound(harness, phone, heard)
    ringing = _incoming(harness, phone, heard, LEAD).call_id

    phone.stop()

    ended = [heard.expect(CallEnded), heard.expect(CallEnded)]
    assert {e.call_id for e in ended} == {talking, ringing}
    assert {e.reason for e in ended} == {EndReason.HANGUP_LOCAL}
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)
    phone.stop()
    assert heard.pending() == []


def test_stop_before_start_does_nothing(adapter, heard):
    adapter.stop()
    assert heard.pending() == []


def test_commands_after_stop_are_rejected(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    phone.stop()
    with pytest.raises(CommandRejected):
        phone.dial(LEAD)
    with pytest.raises(CommandRejected):
        phone.hang_up(call_id)


# --------------------------------------------------------------------------- inbound


def test_inbound_call_is_answered_then_hung_up_by_the_agent(harness, phone, heard):
    ringing = _incoming(harness, phone, heard, CUSTOMER, "张三")
    assert ringing.call_id
    assert _same_number(ringing.remote_number, CUSTOMER)
    assert ringing.remote_name == "张三"

    phone.answer(ringing.call_id)
    heard.expect(CallAnswered, call_id=ringing.call_id)
    phone.hang_up(ringing.call_id)
    heard.expect(CallEnded, call_id=ringing.call_id, reason=EndReason.HANGUP_LOCAL)


def test_agent_rejects_a_ringing_call(harness, phone, heard):
    call_id = _incoming(harness, phone, heard).call_id
    phone.hang_up(call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.REJECTED)


def test_caller_gives_up_before_the_answer(harness, phone, heard):
    call_id = _incoming(harness, phone, heard).call_id
    harness.remote_hang_up(phone, call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.CANCELLED)
    with pytest.raises(CommandRejected):
        phone.answer(call_id)


def test_caller_hangs_up_a_connected_call(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    harness.remote_hang_up(phone, call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_REMOTE)


def test_two_calls_have_different_ids(harness, phone, heard):
    first = _incoming(harness, phone, heard).call_id
    second = _incoming(harness, phone, heard, LEAD).call_id
    assert first != second


# --------------------------------------------------------------------------- outbound


def test_outbound_call_is_answered_then_hung_up(harness, phone, heard):
    call_id = phone.dial(LEAD)
    ringing = heard.expect(CallRinging, call_id=call_id, direction=Direction.OUTBOUND)
    assert _same_number(ringing.remote_number, LEAD)

    harness.remote_answer(phone, call_id)
    heard.expect(CallAnswered, call_id=call_id)
    phone.hang_up(call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_LOCAL)


@pytest.mark.parametrize("reason", [EndReason.NO_ANSWER, EndReason.BUSY])
def test_outbound_call_is_not_answered(harness, phone, heard, reason):
    call_id = phone.dial(LEAD)
    heard.expect(CallRinging, call_id=call_id, direction=Direction.OUTBOUND)
    harness.remote_hang_up(phone, call_id, reason)
    heard.expect(CallEnded, call_id=call_id, reason=reason)


def test_callee_hangs_up_an_outbound_call(harness, phone, heard):
    call_id = phone.dial(LEAD)
    heard.expect(CallRinging, call_id=call_id)
    harness.remote_answer(phone, call_id)
    heard.expect(CallAnswered, call_id=call_id)
    harness.remote_hang_up(phone, call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_REMOTE)


def test_agent_cancels_an_outbound_call_before_the_answer(harness, phone, heard):
    call_id = phone.dial(LEAD)
    heard.expect(CallRinging, call_id=call_id)
    phone.hang_up(call_id)
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.HANGUP_LOCAL)


# --------------------------------------------------------------------------- rejected commands


@pytest.mark.parametrize(
    "command",
    [
        lambda p: p.answer("no-such-call"),
        lambda p: p.hang_up("no-such-call"),
        lambda p: p.hold("no-such-call"),
        lambda p: p.transfer("no-such-call", LEAD),
    ],
    ids=["answer", "hang_up", "hold", "transfer"],
)
def test_commands_on_an_unknown_call_are_rejected(phone, heard, command):
    with pytest.raises(CommandRejected):
        command(phone)


def test_commands_on_an_ended_call_are_rejected(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    phone.hang_up(call_id)
    heard.expect(CallEnded, call_id=call_id)
    for command in (phone.answer, phone.hang_up, phone.hold):
        with pytest.raises(CommandRejected):
            command(call_id)


def test_answer_applies_only_to_an_inbound_call_ringing_here(harness, phone, heard):
    talking = _connected_inbound(harness, phone, heard)
    with pytest.raises(CommandRejected):
        phone.answer(talking)
    dialled = phone.dial(LEAD)
    heard.expect(CallRinging, call_id=dialled)
    with pytest.raises(CommandRejected):
        phone.answer(dialled)


# --------------------------------------------------------------------------- hold, transfer


def test_hold_and_resume(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    if Capability.HOLD not in phone.capabilities:
        with pytest.raises(CommandRejected):
            phone.hold(call_id)
        return
    phone.hold(call_id, True)
    heard.expect(CallHeld, call_id=call_id, on_hold=True)
    phone.hold(call_id, False)
    heard.expect(CallHeld, call_id=call_id, on_hold=False)


def test_transfer_ends_the_call_here(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    if Capability.TRANSFER not in phone.capabilities:
        with pytest.raises(CommandRejected):
            phone.transfer(call_id, "8001")
        return
    phone.transfer(call_id, "8001")
    heard.expect(CallEnded, call_id=call_id, reason=EndReason.TRANSFERRED)


# --------------------------------------------------------------------------- listeners, events


def test_an_unsubscribed_listener_hears_nothing_more(harness, phone, heard):
    gone = EventRecorder(timeout=harness.timeout)
    unsubscribe = phone.subscribe(gone)
    _incoming(harness, phone, heard)
    gone.expect(CallRinging)

    unsubscribe()
    unsubscribe()  # twice is harmless
    _incoming(harness, phone, heard, LEAD)  # `heard` got it, so it has been delivered
    assert gone.pending() == []


def test_a_listener_may_command_the_adapter(harness, phone, heard):
    def answer_at_once(event):
        if isinstance(event, CallRinging) and event.direction is Direction.INBOUND:
            phone.answer(event.call_id)

    phone.subscribe(answer_at_once)
    call_id = _incoming(harness, phone, heard).call_id
    heard.expect(CallAnswered, call_id=call_id)


def test_events_carry_aware_utc_timestamps_in_order(harness, phone, heard):
    call_id = _connected_inbound(harness, phone, heard)
    phone.hang_up(call_id)
    heard.expect(CallEnded, call_id=call_id)
    dialled = phone.dial(LEAD)
    heard.expect(CallRinging, call_id=dialled)
    harness.remote_hang_up(phone, dialled, EndReason.BUSY)
    heard.expect(CallEnded, call_id=dialled)
    phone.stop()
    heard.expect(ConnectionChanged, state=ConnectionState.DISCONNECTED)

    stamps = [event.at for event in heard.events]
    assert len(stamps) == 8
    assert all(at.utcoffset() == timedelta(0) for at in stamps)
    assert stamps == sorted(stamps)

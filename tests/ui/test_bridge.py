"""The telephony bridge: adapter events from any thread arrive as signals on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallRinging,
    ConnectionChanged,
    ConnectionState,
    Direction,
    EndReason,
)
from callcenter.telephony.simulator import SimulatorAdapter, SimulatorConfig
from callcenter.ui.bridge import TelephonyBridge
from tests.fakes.fake_telephony import FakeTelephony

NUMBER = "+8613800138000"


@pytest.fixture
def phone():
    fake = FakeTelephony()
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
def bridge(qtbot, phone):
    b = TelephonyBridge(phone)
    yield b
    b.close()


def _on_another_thread(fn) -> None:
    """Run ``fn`` on a plain Python thread (as an adapter would) and wait for it to finish."""
    errors: list[BaseException] = []

    def run():
        try:
            fn()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=run, name="fake-adapter")
    thread.start()
    thread.join(5)
    assert not thread.is_alive()
    if errors:
        raise errors[0]


def _record(signal) -> list:
    """Every emission of ``signal`` with the thread its slot ran on."""
    seen: list = []
    signal.connect(lambda event: seen.append((event, QThread.currentThread())))
    return seen


def test_events_from_another_thread_arrive_on_the_gui_thread_in_order(qtbot, phone, bridge):
    gui = QCoreApplication.instance().thread()
    everything = _record(bridge.event)
    ringing = _record(bridge.ringing)
    answered = _record(bridge.answered)
    held = _record(bridge.held)
    ended = _record(bridge.ended)

    def call():
        call_id = phone.ring(NUMBER, "张三")
        phone.answer(call_id)
        phone.hold(call_id, True)
        phone.hang_up(call_id)

    _on_another_thread(call)
    qtbot.waitUntil(lambda: len(everything) == 4, timeout=2000)

    kinds = [type(event) for event, _ in everything]
    assert kinds == [CallRinging, CallAnswered, CallHeld, CallEnded]
    assert {thread for _, thread in everything} == {gui}
    assert [event for event, _ in ringing] == [everything[0][0]]
    assert ringing[0][0].remote_number == NUMBER
    assert ringing[0][0].direction is Direction.INBOUND
    assert ringing[0][1] is gui
    assert [event for event, _ in answered] == [everything[1][0]]
    assert [event for event, _ in held] == [everything[2][0]]
    assert [event.reason for event, _ in ended] == [EndReason.HANGUP_LOCAL]


def test_each_event_is_emitted_as_event_first_then_its_kind(qtbot, phone, bridge):
    order: list[str] = []
    bridge.event.connect(lambda e: order.append("event"))
    bridge.ringing.connect(lambda e: order.append("ringing"))
    with qtbot.waitSignal(bridge.ringing, timeout=2000):
        _on_another_thread(lambda: phone.ring(NUMBER))
    assert order == ["event", "ringing"]


def test_connection_changes_are_signalled(qtbot, bridge, phone):
    with qtbot.waitSignal(bridge.connectionChanged, timeout=2000) as blocker:
        _on_another_thread(lambda: phone.set_connection(ConnectionState.FAILED, "timeout"))
    assert blocker.args[0] == ConnectionChanged(
        ConnectionState.FAILED, "timeout", at=blocker.args[0].at
    )


def test_events_published_on_the_gui_thread_are_still_queued(qtbot, phone, bridge):
    """A handler that answers at once cannot make others see ``answered`` before ``ringing``."""
    seen: list[type] = []
    bridge.ringing.connect(lambda e: bridge.answer(e.call_id))
    bridge.event.connect(lambda e: seen.append(type(e)))
    bridge.ringing.connect(lambda e: seen.append("late ringing handler"))

    phone.ring(NUMBER)
    assert seen == []  # nothing ran inside ring()
    qtbot.waitUntil(lambda: CallAnswered in seen, timeout=2000)
    assert seen == [CallRinging, "late ringing handler", CallAnswered]


def test_commands_go_to_the_adapter(qtbot, phone, bridge):
    with qtbot.waitSignal(bridge.ringing, timeout=2000) as ringing:
        bridge.dial(NUMBER)
    call_id = ringing.args[0].call_id
    assert ringing.args[0].direction is Direction.OUTBOUND
    phone.answer_remote(call_id)
    bridge.hold(call_id, True)
    bridge.hold(call_id, False)
    bridge.transfer(call_id, "8001")
    assert phone.commands[1:] == [
        ("dial", NUMBER),
        ("hold", call_id, True),
        ("hold", call_id, False),
        ("transfer", call_id, "8001"),
    ]


def test_a_rejected_command_becomes_command_failed(qtbot, phone, bridge):
    with qtbot.waitSignal(bridge.commandFailed, timeout=1000) as blocker:
        bridge.answer("no-such-call")
    assert "no-such-call" in blocker.args[0]

    phone.fail_next("dial", "line busy")
    with qtbot.waitSignal(bridge.commandFailed, timeout=1000) as blocker:
        bridge.dial(NUMBER)
    assert blocker.args == ["line busy"]


def test_close_stops_delivery_even_of_events_on_their_way(qtbot, phone, bridge):
    closed = _record(bridge.event)
    still_open = TelephonyBridge(phone)
    witness = _record(still_open.event)
    try:
        _on_another_thread(lambda: phone.ring(NUMBER))  # queued, not yet delivered
        bridge.close()
        bridge.close()  # twice is harmless
        _on_another_thread(lambda: phone.ring("+8613912345678"))

        # Both bridges deliver on the same queue, in order: once the open one has both
        # events, the closed one would have had them too.
        qtbot.waitUntil(lambda: len(witness) == 2, timeout=2000)
        assert closed == []
    finally:
        still_open.close()


def test_the_simulator_through_the_bridge(qtbot):
    gui = QCoreApplication.instance().thread()
    sim = SimulatorAdapter(SimulatorConfig(ring_timeout=None, talk_seconds=None), time_scale=0.001)
    bridge = TelephonyBridge(sim)
    states = _record(bridge.connectionChanged)
    try:
        with qtbot.waitSignal(
            bridge.connectionChanged,
            check_params_cb=lambda e: e.state is ConnectionState.CONNECTED,
            timeout=2000,
        ):
            sim.start()
        with qtbot.waitSignal(bridge.ringing, timeout=2000) as ringing:
            call_id = sim.ring(NUMBER)
        assert ringing.args[0].call_id == call_id
        with qtbot.waitSignal(bridge.answered, timeout=2000):
            bridge.answer(call_id)
        with qtbot.waitSignal(bridge.ended, timeout=2000) as ended:
            bridge.hang_up(call_id)
        assert ended.args[0].reason is EndReason.HANGUP_LOCAL
        with qtbot.waitSignal(
            bridge.connectionChanged,
            check_params_cb=lambda e: e.state is ConnectionState.DISCONNECTED,
            timeout=2000,
        ):
            sim.stop()
    finally:
        sim.stop()
        bridge.close()
    assert {thread for _, thread in states} == {gui}

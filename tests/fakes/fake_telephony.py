"""A phone system for tests: no thread, no timers, every event published before the call returns.

``FakeTelephony`` obeys the adapter contract (it runs through
``tests/telephony/test_adapter_contract.py``) and records every command in ``commands``; the
test plays the far end with ``ring``, ``answer_remote`` and ``hang_up_remote``.
Events are published synchronously on the thread that caused them, so UI tests are
deterministic.

``EventRecorder`` is a listener that keeps what it hears and lets a test wait for an event
from another thread, with a timeout, without sleeping.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

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
    TelephonyEvent,
)

OUTCOME_REASONS = {
    "no_answer": EndReason.NO_ANSWER,
    "busy": EndReason.BUSY,
    "failed": EndReason.FAILED,
    "rejected": EndReason.REJECTED,
}


@dataclass(slots=True)
class FakeCall:
    call_id: str
    direction: Direction
    remote_number: str
    state: str = "ringing"  # or "active"
    on_hold: bool = False


class FakeTelephony(TelephonyAdapter):
    """Synchronous, scriptable adapter. Hold and transfer are supported unless
    ``capabilities`` says otherwise."""

    name = "fake"

    def __init__(
        self,
        capabilities: frozenset[Capability] = frozenset({Capability.HOLD, Capability.TRANSFER}),
    ) -> None:
        super().__init__()
        self._capabilities = frozenset(capabilities)
        self._lock = threading.RLock()
        self.commands: list[tuple] = []
        self.calls: dict[str, FakeCall] = {}
        self.connected = False
        self._ids = itertools.count(1)
        self._failures: dict[str, deque[str]] = {}
        self._outcomes: deque[str] = deque()
        self._connect_failure: str | None = None

    @property
    def capabilities(self) -> frozenset[Capability]:
        return self._capabilities

    # -- scripting -------------------------------------------------------------------------
    def fail_next(self, command: str, message: str = "rejected by the fake") -> None:
        """The next ``command`` (``"dial"``, ``"answer"``, ``"hang_up"``, ``"hold"``,
        ``"transfer"``) raises ``CommandRejected(message)`` (it is still recorded)."""
        with self._lock:
            self._failures.setdefault(command, deque()).append(message)

    def fail_connect(self, detail: str = "connection refused") -> None:
        """The next ``start()`` ends in ``ConnectionChanged(FAILED, detail)``."""
        self._connect_failure = detail

    def force_next_outcome(self, outcome: str) -> None:
        """The next ``dial()`` meets this far end at once: ``"answered"``, ``"no_answer"``,
        ``"busy"``, ``"failed"`` or ``"rejected"``. Without one, the call rings until the
        test calls ``answer_remote`` or ``hang_up_remote``."""
        if outcome != "answered" and outcome not in OUTCOME_REASONS:
            raise ValueError(f"unknown outcome {outcome!r}")
        with self._lock:
            self._outcomes.append(outcome)

    def ring(self, number: str, name: str = "", local_number: str = "") -> str:
        """Someone calls the agent: publishes ``CallRinging(INBOUND)``; returns the call id."""
        with self._lock:
            self._require_connected()
            call = self._new_call(Direction.INBOUND, number)
        self.publish(CallRinging(call.call_id, Direction.INBOUND, number, name, local_number))
        return call.call_id

    def answer_remote(self, call_id: str) -> None:
        """The callee of a ringing outbound call answers."""
        with self._lock:
            call = self._call(call_id)
            if call.direction is not Direction.OUTBOUND or call.state != "ringing":
                raise CommandRejected(f"call {call_id} is not ringing at the far end")
            call.state = "active"
        self.publish(CallAnswered(call_id))

    def hang_up_remote(self, call_id: str, reason: EndReason | None = None) -> None:
        """The other party ends the call: ``HANGUP_REMOTE`` when connected, ``CANCELLED`` when
        an inbound caller gives up ringing, ``REJECTED`` when the callee declines, or the
        ``reason`` given (``NO_ANSWER``, ``BUSY``, ``FAILED``…)."""
        with self._lock:
            call = self._call(call_id)
            if call.state == "active":
                default = EndReason.HANGUP_REMOTE
            elif call.direction is Direction.INBOUND:
                default = EndReason.CANCELLED
            else:
                default = EndReason.REJECTED
        self._end(call_id, reason if reason is not None else default)

    def set_connection(self, state: ConnectionState, detail: str = "") -> None:
        """The link to the phone system changes (e.g. drops): publishes ``ConnectionChanged``."""
        with self._lock:
            self.connected = state is ConnectionState.CONNECTED
        self.publish(ConnectionChanged(state, detail))

    # -- life cycle ------------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            self.commands.append(("start",))
            if self.connected:
                return
            failure, self._connect_failure = self._connect_failure, None
            self.connected = failure is None
        self.publish(ConnectionChanged(ConnectionState.CONNECTING))
        if failure is None:
            self.publish(ConnectionChanged(ConnectionState.CONNECTED))
        else:
            self.publish(ConnectionChanged(ConnectionState.FAILED, failure))

    def stop(self) -> None:
        with self._lock:
            self.commands.append(("stop",))
            if not self.connected:
                return
            self.connected = False
            ids = list(self.calls)
        for call_id in ids:
            self._end(call_id, EndReason.HANGUP_LOCAL)
        self.publish(ConnectionChanged(ConnectionState.DISCONNECTED))

    # -- commands --------------------------------------------------------------------------
    def dial(self, number: str) -> str:
        with self._lock:
            self.commands.append(("dial", number))
            self._maybe_fail("dial")
            if not number or not number.strip():
                raise CommandRejected("no number to dial")
            self._require_connected()
            call = self._new_call(Direction.OUTBOUND, number)
            outcome = self._outcomes.popleft() if self._outcomes else None
        self.publish(CallRinging(call.call_id, Direction.OUTBOUND, number))
        if outcome == "answered":
            self.answer_remote(call.call_id)
        elif outcome is not None:
            self._end(call.call_id, OUTCOME_REASONS[outcome])
        return call.call_id

    def answer(self, call_id: str) -> None:
        with self._lock:
            self.commands.append(("answer", call_id))
            self._maybe_fail("answer")
            call = self._call(call_id)
            if call.direction is not Direction.INBOUND or call.state != "ringing":
                raise CommandRejected(f"call {call_id} is not ringing here")
            call.state = "active"
        self.publish(CallAnswered(call_id))

    def hang_up(self, call_id: str) -> None:
        with self._lock:
            self.commands.append(("hang_up", call_id))
            self._maybe_fail("hang_up")
            call = self._call(call_id)
            ringing_in = call.state == "ringing" and call.direction is Direction.INBOUND
        self._end(call_id, EndReason.REJECTED if ringing_in else EndReason.HANGUP_LOCAL)

    def hold(self, call_id: str, on: bool = True) -> None:
        with self._lock:
            self.commands.append(("hold", call_id, on))
            self._maybe_fail("hold")
            if Capability.HOLD not in self._capabilities:
                raise CommandRejected("the fake cannot hold calls")
            call = self._call(call_id)
            if call.state != "active":
                raise CommandRejected(f"call {call_id} is not connected")
            call.on_hold = on
        self.publish(CallHeld(call_id, on))

    def transfer(self, call_id: str, target: str) -> None:
        with self._lock:
            self.commands.append(("transfer", call_id, target))
            self._maybe_fail("transfer")
            if Capability.TRANSFER not in self._capabilities:
                raise CommandRejected("the fake cannot transfer calls")
            if not target or not target.strip():
                raise CommandRejected("no number to transfer to")
            call = self._call(call_id)
            if call.state != "active":
                raise CommandRejected(f"call {call_id} is not connected")
        self._end(call_id, EndReason.TRANSFERRED)

    # -- inside ------------------------------------------------------------------------------
    def _maybe_fail(self, command: str) -> None:
        pending = self._failures.get(command)
        if pending:
            raise CommandRejected(pending.popleft())

    def _require_connected(self) -> None:
        if not self.connected:
            raise CommandRejected("the fake phone is not connected")

    def _new_call(self, direction: Direction, number: str) -> FakeCall:
        call = FakeCall(f"fake-{next(self._ids)}", direction, number)
        self.calls[call.call_id] = call
        return call

    def _call(self, call_id: str) -> FakeCall:
        call = self.calls.get(call_id)
        if call is None:
            raise CommandRejected(f"no call {call_id!r}")
        return call

    def _end(self, call_id: str, reason: EndReason) -> None:
        with self._lock:
            if self.calls.pop(call_id, None) is None:
                return
        self.publish(CallEnded(call_id, reason))


class EventRecorder:
    """A listener that keeps every event (``events``) and lets a test wait for the next ones.

    ``next()`` returns events in the order they were published, each once, blocking up to
    ``timeout`` seconds; ``wait_for(type, **fields)`` skips events until one matches.
    """

    def __init__(self, timeout: float = 5.0) -> None:
        self.timeout = timeout
        self.events: list[TelephonyEvent] = []
        self.threads: list[threading.Thread] = []
        self._queue: queue.Queue[TelephonyEvent] = queue.Queue()
        self._lock = threading.Lock()

    def __call__(self, event: TelephonyEvent) -> None:
        with self._lock:
            self.events.append(event)
            self.threads.append(threading.current_thread())
        self._queue.put(event)

    def next(self, timeout: float | None = None) -> TelephonyEvent:
        try:
            return self._queue.get(timeout=self.timeout if timeout is None else timeout)
        except queue.Empty:
            raise AssertionError(
                f"no event within {self.timeout if timeout is None else timeout} s; "
                f"heard so far: {self.events!r}"
            ) from None

    def expect(self, kind: type[TelephonyEvent], **fields: object) -> TelephonyEvent:
        """The next event, which must be a ``kind`` with these field values."""
        event = self.next()
        assert isinstance(event, kind), f"expected {kind.__name__}, got {event!r}"
        for name, value in fields.items():
            assert getattr(event, name) == value, f"{name}: expected {value!r} in {event!r}"
        return event

    def wait_for(
        self,
        kind: type[TelephonyEvent],
        predicate: Callable[[TelephonyEvent], bool] | None = None,
        **fields: object,
    ) -> TelephonyEvent:
        """Skip events until a ``kind`` with these field values (and ``predicate``) arrives
        within ``timeout`` seconds in all."""
        deadline = time.monotonic() + self.timeout
        while True:
            event = self.next(max(0.0, deadline - time.monotonic()))
            if (
                isinstance(event, kind)
                and all(getattr(event, k) == v for k, v in fields.items())
                and (predicate is None or predicate(event))
            ):
                return event

    def pending(self) -> list[TelephonyEvent]:
        """Events heard but not yet taken by ``next()`` (does not wait)."""
        out = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                return out

"""The embedded phone: a simulated phone system for the demo, training and tests.

``SimulatorAdapter`` behaves like a real adapter (its own thread, events published from it,
non-blocking commands) without any network. One daemon worker thread runs a scheduler: a heap
of timed actions guarded by a ``threading.Condition``; commands and timers change the calls'
state under that lock and queue the resulting events, which the worker alone publishes, in
order, outside the lock (so listeners may call commands back).

The far end is simulated too: ``ring()`` makes someone call the agent, the caller gives up after
``ring_timeout``, hangs up after a random talk time, and outbound calls are answered, not
answered, busy or failed by weighted chance (``force_next_outcome`` picks one). With
``SimulatorConfig.pace_seconds`` set, calls come in by themselves from known, shared
(several customers), unknown and withheld numbers. ``answer_remote`` and ``hang_up_remote``
let a trainer or a test play the other party by hand.

Qt-free: this module must not import PySide6, ``callcenter.ui`` or ``callcenter.storage``.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from callcenter.phones import mask, try_normalize
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

__all__ = ["Outcome", "SimulatorAdapter", "SimulatorConfig"]

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    """How the far end of an outbound call responds."""

    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    FAILED = "failed"


_OUTCOME_REASONS = {
    Outcome.NO_ANSWER: EndReason.NO_ANSWER,
    Outcome.BUSY: EndReason.BUSY,
    Outcome.FAILED: EndReason.FAILED,
}

# Mobile prefixes (first three digits) every one of which phonenumbers accepts for CN.
_CN_MOBILE_PREFIXES = (
    *(f"13{d}" for d in range(10)),
    *("145", "147", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166"),
    *("173", "175", "176", "177", "178", "198", "199"),
    *(f"18{d}" for d in range(10)),
)

_WITHHELD_FORMS = ("anonymous", "")

# How long stop() waits for the worker to deliver its last events and end.
_JOIN_TIMEOUT = 5.0


def _default_outcomes() -> dict[str, float]:
    return {"answered": 0.6, "no_answer": 0.25, "busy": 0.1, "failed": 0.05}


def _check_range(name: str, value: tuple[float, float]) -> tuple[float, float]:
    low, high = (float(v) for v in value)
    if not 0 <= low <= high:
        raise ValueError(f"{name} must be (low, high) with 0 <= low <= high, not {value!r}")
    return low, high


@dataclass(frozen=True)
class SimulatorConfig:
    """How the simulated phone system behaves. All times are seconds (before ``time_scale``).

    ``pace_seconds`` is the mean time between automatic inbound calls while the agent has no
    call (``None``: no automatic calls). Automatic callers come from ``known_numbers``
    (customers), ``shared_numbers`` (numbers several customers share), a random valid Chinese
    mobile (unknown) or withheld, by the ratios; known is what the other ratios leave. A share
    of numbers (``national_format_ratio``) is presented in national form, as real PBXs do.
    ``talk_seconds=None`` keeps the far end on the line until the agent hangs up;
    ``ring_timeout=None`` lets an inbound call ring until answered or rejected.
    """

    pace_seconds: float | None = None
    known_numbers: Sequence[str] = ()
    shared_numbers: Sequence[str] = ()
    unknown_ratio: float = 0.25
    withheld_ratio: float = 0.05
    shared_ratio: float = 0.1
    national_format_ratio: float = 0.3
    ring_timeout: float | None = 30.0
    talk_seconds: tuple[float, float] | None = (20.0, 180.0)
    outbound_outcomes: Mapping[str, float] = field(default_factory=_default_outcomes)
    answer_delay: tuple[float, float] = (2.0, 8.0)
    seed: int | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if self.pace_seconds is not None and not self.pace_seconds > 0:
            raise ValueError("pace_seconds must be positive or None")
        set_(self, "known_numbers", tuple(self.known_numbers))
        set_(self, "shared_numbers", tuple(self.shared_numbers))
        ratios = ("unknown_ratio", "withheld_ratio", "shared_ratio", "national_format_ratio")
        for name in ratios:
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.unknown_ratio + self.withheld_ratio + self.shared_ratio > 1 + 1e-9:
            raise ValueError("unknown_ratio + withheld_ratio + shared_ratio must not exceed 1")
        if self.ring_timeout is not None and not self.ring_timeout > 0:
            raise ValueError("ring_timeout must be positive or None")
        if self.talk_seconds is not None:
            set_(self, "talk_seconds", _check_range("talk_seconds", self.talk_seconds))
        set_(self, "answer_delay", _check_range("answer_delay", self.answer_delay))
        outcomes = {Outcome(key): float(weight) for key, weight in self.outbound_outcomes.items()}
        if any(w < 0 for w in outcomes.values()) or not sum(outcomes.values()) > 0:
            raise ValueError("outbound_outcomes weights must be >= 0 and not all 0")
        set_(self, "outbound_outcomes", MappingProxyType(outcomes))


class _State(StrEnum):
    RINGING = "ringing"
    ACTIVE = "active"


@dataclass(eq=False, slots=True)
class _Call:
    call_id: str
    direction: Direction
    remote_number: str
    state: _State = _State.RINGING
    #: The pending timer of this call (caller gives up, callee responds, far end hangs up).
    timer: _Timer | None = None


@dataclass(eq=False, slots=True)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None]
    cancelled: bool = False

    def __lt__(self, other: _Timer) -> bool:
        return (self.due, self.seq) < (other.due, other.seq)


class SimulatorAdapter(TelephonyAdapter):
    """A phone system in a thread: inbound calls on demand or by themselves, outbound calls
    with simulated outcomes, hold and transfer. ``time_scale`` multiplies every delay (tests
    use a small one)."""

    name = "simulator"

    def __init__(self, config: SimulatorConfig | None = None, *, time_scale: float = 1.0) -> None:
        super().__init__()
        if not time_scale > 0:
            raise ValueError("time_scale must be positive")
        self.config = config if config is not None else SimulatorConfig()
        self._scale = float(time_scale)
        self._rng = random.Random(self.config.seed)
        self._cond = threading.Condition()
        self._heap: list[_Timer] = []
        self._seq = itertools.count()
        self._outbox: list[TelephonyEvent] = []
        self._calls: dict[str, _Call] = {}
        self._call_ids = itertools.count(1)
        self._forced: deque[Outcome] = deque()
        self._known = self.config.known_numbers
        self._shared = self.config.shared_numbers
        self._thread: threading.Thread | None = None
        self._connected = False
        self._stopping = False

    # -- life cycle ------------------------------------------------------------------------
    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset({Capability.HOLD, Capability.TRANSFER})

    def start(self) -> None:
        """Start the worker; it publishes ``CONNECTING`` then ``CONNECTED``. No-op if running."""
        previous = None
        with self._cond:
            if self._thread is not None and not self._stopping:
                return
            previous = self._thread
        if previous is not None and previous is not threading.current_thread():
            previous.join(_JOIN_TIMEOUT)  # a stop() from inside a listener did not join
            if previous.is_alive():
                raise RuntimeError("the previous simulator worker is still running")
        with self._cond:
            if self._thread is not None and not self._stopping:
                return  # another thread started it meanwhile
            self._stopping = False
            self._connected = True
            self._emit(ConnectionChanged(ConnectionState.CONNECTING))
            self._emit(ConnectionChanged(ConnectionState.CONNECTED))
            if self.config.pace_seconds is not None:
                self._schedule_traffic()
            self._thread = threading.Thread(target=self._run, name="cc-simulator", daemon=True)
            self._thread.start()
        log.info("simulator started (pace %s s)", self.config.pace_seconds)

    def stop(self) -> None:
        """End every call (``HANGUP_LOCAL``), publish ``DISCONNECTED`` and join the worker.

        Idempotent. From a listener (the worker itself) it returns without joining."""
        with self._cond:
            thread = self._thread
            if thread is None or self._stopping:
                return
            self._stopping = True
            self._connected = False
            for call in list(self._calls.values()):
                self._end(call, EndReason.HANGUP_LOCAL)
            self._forced.clear()
            for timer in self._heap:
                timer.cancelled = True
            self._heap.clear()
            self._emit(ConnectionChanged(ConnectionState.DISCONNECTED))
            self._cond.notify_all()
        if thread is threading.current_thread():
            return
        thread.join(_JOIN_TIMEOUT)
        if thread.is_alive():
            log.warning("simulator worker still busy in a listener after %s s", _JOIN_TIMEOUT)
            return
        with self._cond:
            if self._thread is thread:
                self._thread = None
        log.info("simulator stopped")

    # -- commands --------------------------------------------------------------------------
    def dial(self, number: str) -> str:
        """Call ``number``: ``CallRinging(OUTBOUND)`` at once, then after ``answer_delay``
        ``CallAnswered`` or ``CallEnded`` (``NO_ANSWER``, ``BUSY``, ``FAILED``)."""
        if not number or not number.strip():
            raise CommandRejected("no number to dial")
        dialable = try_normalize(number) is not None
        with self._cond:
            self._require_connected()
            call = self._new_call(Direction.OUTBOUND, number)
            if self._forced:
                outcome = self._forced.popleft()
            elif not dialable:
                outcome = Outcome.FAILED
            else:
                outcome = self._draw_outcome()
            self._emit(CallRinging(call.call_id, Direction.OUTBOUND, number))
            delay = self._rng.uniform(*self.config.answer_delay)
            self._set_timer(call, delay, lambda: self._callee_responds(call, outcome))
            self._cond.notify()
        log.debug("dialling %s as %s (%s)", mask(number), call.call_id, outcome)
        return call.call_id

    def answer(self, call_id: str) -> None:
        with self._cond:
            call = self._call(call_id)
            if call.direction is not Direction.INBOUND or call.state is not _State.RINGING:
                raise CommandRejected(f"call {call_id} is not ringing here")
            self._activate(call)
            self._cond.notify()

    def hang_up(self, call_id: str) -> None:
        """End the call (``HANGUP_LOCAL``), or reject it while ringing (``REJECTED``)."""
        with self._cond:
            call = self._call(call_id)
            ringing_in = call.state is _State.RINGING and call.direction is Direction.INBOUND
            self._end(call, EndReason.REJECTED if ringing_in else EndReason.HANGUP_LOCAL)
            self._cond.notify()

    def hold(self, call_id: str, on: bool = True) -> None:
        with self._cond:
            call = self._call(call_id)
            if call.state is not _State.ACTIVE:
                raise CommandRejected(f"call {call_id} is not connected")
            self._emit(CallHeld(call_id, on))
            self._cond.notify()

    def transfer(self, call_id: str, target: str) -> None:
        """Blind transfer of a connected call: it ends here with ``TRANSFERRED``."""
        if not target or not target.strip():
            raise CommandRejected("no number to transfer to")
        with self._cond:
            call = self._call(call_id)
            if call.state is not _State.ACTIVE:
                raise CommandRejected(f"call {call_id} is not connected")
            self._end(call, EndReason.TRANSFERRED)
            self._cond.notify()
        log.debug("%s transferred to %s", call_id, mask(target))

    # -- the far end -----------------------------------------------------------------------
    def ring(self, remote_number: str, remote_name: str = "", local_number: str = "") -> str:
        """Someone calls the agent: ``CallRinging(INBOUND)`` now; returns the call id."""
        with self._cond:
            self._require_connected()
            call_id = self._ring_locked(remote_number, remote_name, local_number)
            self._cond.notify()
        return call_id

    def ring_sample(self) -> str | None:
        """Ring one call now from a caller the automatic traffic would pick (known, shared,
        unknown or withheld, by the ratios), whatever the pace; for a demo or training button.
        Returns the call id, or ``None`` (logged) when the simulator is not connected."""
        with self._cond:
            if not self._connected:
                log.info("no sample call: the simulator is not connected")
                return None
            call_id = self._ring_locked(self._pick_caller(), "", "")
            self._cond.notify()
        return call_id

    def answer_remote(self, call_id: str) -> None:
        """The callee of a ringing outbound call answers now."""
        with self._cond:
            call = self._call(call_id)
            if call.direction is not Direction.OUTBOUND or call.state is not _State.RINGING:
                raise CommandRejected(f"call {call_id} is not ringing at the far end")
            self._activate(call)
            self._cond.notify()

    def hang_up_remote(self, call_id: str, reason: EndReason | None = None) -> None:
        """The other party ends the call now: ``HANGUP_REMOTE`` on a connected call,
        ``CANCELLED`` when the caller gives up a ringing inbound call, ``REJECTED`` when the
        callee declines a ringing outbound call, or the ``reason`` given (e.g. ``BUSY``)."""
        with self._cond:
            call = self._call(call_id)
            self._end(call, reason if reason is not None else self._remote_end_reason(call))
            self._cond.notify()

    def force_next_outcome(self, outcome: Outcome | str) -> None:
        """The next ``dial()`` meets this outcome (queued: several calls force several dials)."""
        with self._cond:
            self._forced.append(Outcome(outcome))

    def set_numbers(self, known: Sequence[str], shared: Sequence[str] = ()) -> None:
        """Replace the numbers automatic callers come from (the app reads them from the
        database: customers' numbers, and numbers several customers share)."""
        with self._cond:
            self._known = tuple(known)
            self._shared = tuple(shared)

    # -- worker ----------------------------------------------------------------------------
    def publish(self, event: TelephonyEvent) -> None:
        """Deliver to every listener; one failing listener does not starve the others."""
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("telephony listener %r failed on %s", listener, type(event).__name__)

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    self._run_due_timers()
                    if self._outbox:
                        events, self._outbox = self._outbox, []
                        break
                    if self._stopping:
                        return
                    self._cond.wait(self._next_timeout())
            for event in events:
                self.publish(event)

    def _run_due_timers(self) -> None:
        now = time.monotonic()
        while self._heap and self._heap[0].due <= now:
            timer = heapq.heappop(self._heap)
            if timer.cancelled:
                continue
            try:
                timer.action()
            except Exception:  # a bug: keep the phone running for the other calls
                log.exception("simulator timer failed")

    def _next_timeout(self) -> float | None:
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
        if not self._heap:
            return None
        return max(0.0, self._heap[0].due - time.monotonic())

    # -- state changes (all with self._cond held) ------------------------------------------
    def _emit(self, event: TelephonyEvent) -> None:
        self._outbox.append(event)

    def _schedule(self, seconds: float, action: Callable[[], None]) -> _Timer:
        timer = _Timer(time.monotonic() + seconds * self._scale, next(self._seq), action)
        heapq.heappush(self._heap, timer)
        return timer

    def _cancel_timer(self, call: _Call) -> None:
        if call.timer is not None:
            call.timer.cancelled = True
            call.timer = None

    def _set_timer(self, call: _Call, seconds: float | None, action: Callable[[], None]) -> None:
        """Replace the call's pending timer (``seconds=None``: none)."""
        self._cancel_timer(call)
        if seconds is not None:
            call.timer = self._schedule(seconds, action)

    def _require_connected(self) -> None:
        if not self._connected:
            raise CommandRejected("the simulator is not connected")

    def _call(self, call_id: str) -> _Call:
        call = self._calls.get(call_id)
        if call is None:
            raise CommandRejected(f"no call {call_id!r}")
        return call

    def _new_call(self, direction: Direction, remote_number: str) -> _Call:
        call = _Call(f"sim-{next(self._call_ids)}", direction, remote_number)
        self._calls[call.call_id] = call
        return call

    def _ring_locked(self, remote_number: str, remote_name: str, local_number: str) -> str:
        call = self._new_call(Direction.INBOUND, remote_number)
        self._emit(
            CallRinging(call.call_id, Direction.INBOUND, remote_number, remote_name, local_number)
        )
        self._set_timer(
            call, self.config.ring_timeout, lambda: self._end(call, EndReason.CANCELLED)
        )
        log.debug("%s ringing from %s", call.call_id, mask(remote_number))
        return call.call_id

    def _activate(self, call: _Call) -> None:
        call.state = _State.ACTIVE
        self._emit(CallAnswered(call.call_id))
        talk = self.config.talk_seconds
        seconds = self._rng.uniform(*talk) if talk is not None else None
        self._set_timer(call, seconds, lambda: self._end(call, EndReason.HANGUP_REMOTE))

    def _end(self, call: _Call, reason: EndReason) -> None:
        if self._calls.get(call.call_id) is not call:
            return  # already ended
        self._cancel_timer(call)
        del self._calls[call.call_id]
        self._emit(CallEnded(call.call_id, reason))
        log.debug("%s ended: %s", call.call_id, reason)

    @staticmethod
    def _remote_end_reason(call: _Call) -> EndReason:
        if call.state is _State.ACTIVE:
            return EndReason.HANGUP_REMOTE
        if call.direction is Direction.INBOUND:
            return EndReason.CANCELLED
        return EndReason.REJECTED

    def _callee_responds(self, call: _Call, outcome: Outcome) -> None:
        if self._calls.get(call.call_id) is not call or call.state is not _State.RINGING:
            return
        if outcome is Outcome.ANSWERED:
            self._activate(call)
        else:
            self._end(call, _OUTCOME_REASONS[outcome])

    def _draw_outcome(self) -> Outcome:
        weights = self.config.outbound_outcomes
        return self._rng.choices(list(weights), weights=list(weights.values()))[0]

    # -- automatic traffic -----------------------------------------------------------------
    def _schedule_traffic(self) -> None:
        pace = self.config.pace_seconds
        assert pace is not None
        self._schedule(self._rng.expovariate(1.0 / pace), self._traffic)

    def _traffic(self) -> None:
        if not self._calls:
            self._ring_locked(self._pick_caller(), "", "")
        self._schedule_traffic()

    def _pick_caller(self) -> str:
        cfg = self.config
        draw = self._rng.random()
        if draw < cfg.withheld_ratio:
            return self._rng.choice(_WITHHELD_FORMS)
        draw -= cfg.withheld_ratio
        if draw < cfg.unknown_ratio:
            number = self._random_mobile()
        elif draw - cfg.unknown_ratio < cfg.shared_ratio and self._shared:
            number = self._rng.choice(self._shared)
        elif self._known:
            number = self._rng.choice(self._known)
        elif self._shared:
            number = self._rng.choice(self._shared)
        else:
            number = self._random_mobile()
        if self._rng.random() < cfg.national_format_ratio:
            return self._national_form(number)
        return number

    def _random_mobile(self) -> str:
        digits = "".join(self._rng.choice("0123456789") for _ in range(8))
        return f"+86{self._rng.choice(_CN_MOBILE_PREFIXES)}{digits}"

    def _national_form(self, number: str) -> str:
        """A Chinese number as a PBX may present it: ``138 0013 8000``, ``13800138000`` or,
        for a mobile, with the trunk prefix: ``013800138000``. Other numbers unchanged."""
        try:
            parsed = phonenumbers.parse(number, "CN")
        except NumberParseException:
            return number
        if parsed.country_code != 86:
            return number
        spaced = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        digits = "".join(ch for ch in spaced if ch.isdigit())
        forms = [spaced, digits]
        if phonenumbers.number_type(parsed) == PhoneNumberType.MOBILE:
            forms.append("0" + digits)
        return self._rng.choice(forms)

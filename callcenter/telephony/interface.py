"""The one interface every phone-system adapter implements.

An adapter owns its own thread (or asyncio loop, or socket reader) and talks to the phone system
there. It publishes plain-Python, immutable events to the listeners registered with
``subscribe``; listeners are called on the adapter's thread, so the UI re-emits them as Qt
signals (``callcenter.ui.bridge``) and the services treat them as messages. Commands
(``dial``, ``answer``…) never block on the network: they queue the request and return; the
outcome arrives as events.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from callcenter.clock import utcnow


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class EndReason(StrEnum):
    """Why a call ended, from the agent's point of view."""

    HANGUP_LOCAL = "hangup_local"  # the agent hung up
    HANGUP_REMOTE = "hangup_remote"  # the other side hung up
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    REJECTED = "rejected"  # declined by the agent or the callee
    CANCELLED = "cancelled"  # the caller gave up before it was answered
    FAILED = "failed"  # network or number error
    TRANSFERRED = "transferred"


class ConnectionState(StrEnum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    FAILED = "failed"


class Capability(StrEnum):
    HOLD = "hold"
    TRANSFER = "transfer"


@dataclass(frozen=True, slots=True)
class TelephonyEvent:
    at: datetime = field(default_factory=utcnow, kw_only=True)


@dataclass(frozen=True, slots=True)
class CallRinging(TelephonyEvent):
    """A call is ringing: inbound at the agent's phone, or outbound at the callee's."""

    call_id: str
    direction: Direction
    #: The number exactly as the phone system gave it (may be national, a SIP URI, or empty).
    remote_number: str
    remote_name: str = ""
    #: The number or line that was called (the hotline), when known.
    local_number: str = ""


@dataclass(frozen=True, slots=True)
class CallAnswered(TelephonyEvent):
    call_id: str


@dataclass(frozen=True, slots=True)
class CallEnded(TelephonyEvent):
    call_id: str
    reason: EndReason


@dataclass(frozen=True, slots=True)
class CallHeld(TelephonyEvent):
    call_id: str
    on_hold: bool


@dataclass(frozen=True, slots=True)
class ConnectionChanged(TelephonyEvent):
    state: ConnectionState
    detail: str = ""


Listener = Callable[[TelephonyEvent], None]


class CommandRejected(Exception):
    """A command that cannot apply now (no such call, not ringing, not supported)."""


class TelephonyAdapter(ABC):
    """Base of every adapter: listener bookkeeping here, the phone system in subclasses."""

    name: str = "adapter"

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()

    # -- events --------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(event)`` for every event (on the adapter's thread); returns an
        unsubscribe function."""
        with self._listeners_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._listeners_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: TelephonyEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)

    # -- life cycle ------------------------------------------------------------------------
    @abstractmethod
    def start(self) -> None:
        """Connect (in the background); a ``ConnectionChanged`` event reports the outcome."""

    @abstractmethod
    def stop(self) -> None:
        """Disconnect and stop the adapter's thread; idempotent."""

    @property
    def capabilities(self) -> frozenset[Capability]:
        return frozenset()

    # -- commands (non-blocking; outcomes arrive as events) ---------------------------------
    @abstractmethod
    def dial(self, number: str) -> str:
        """Start an outbound call to ``number`` (E.164 or dialable); returns its call id."""

    @abstractmethod
    def answer(self, call_id: str) -> None: ...

    @abstractmethod
    def hang_up(self, call_id: str) -> None:
        """End the call, or reject it while it is still ringing."""

    def hold(self, call_id: str, on: bool = True) -> None:
        raise CommandRejected(f"{self.name} cannot hold calls")

    def transfer(self, call_id: str, target: str) -> None:
        raise CommandRejected(f"{self.name} cannot transfer calls")

"""Telephony events in, Qt signals out (Electrum's ``QtEventListener`` idea).

A ``TelephonyAdapter`` publishes plain-Python events on its own thread. ``TelephonyBridge``
listens to them there and hands each one to the GUI thread by a queued signal, where it is
re-emitted as ``event`` (every event, first) and one signal per kind (``ringing``,
``answered``, ``ended``, ``held``, ``connectionChanged``). Widgets connect to those and never
see the adapter's thread.

The command methods pass straight to the adapter, whose commands are non-blocking by contract;
a ``CommandRejected`` becomes ``commandFailed(message)`` instead of an exception in a slot.

Delivery is always queued, even for an adapter that publishes on the GUI thread (the test
fake): a handler that answers a ringing call cannot make another handler see ``answered``
before ``ringing``.

Call ``close()`` before the bridge is deleted: after it, nothing more is emitted, not even the
events already on their way.
"""

from __future__ import annotations

import logging
import threading

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallRinging,
    Capability,
    CommandRejected,
    ConnectionChanged,
    TelephonyAdapter,
    TelephonyEvent,
)

log = logging.getLogger(__name__)


class TelephonyBridge(QObject):
    """Re-emits an adapter's events as signals on the thread this object lives in (the GUI)."""

    #: Every event, before the signal of its kind.
    event = Signal(object)
    ringing = Signal(object)  # CallRinging
    answered = Signal(object)  # CallAnswered
    ended = Signal(object)  # CallEnded
    held = Signal(object)  # CallHeld
    connectionChanged = Signal(object)  # ConnectionChanged
    #: A command the adapter refused (``CommandRejected``), with its message.
    commandFailed = Signal(str)

    # Emitted on the adapter's thread; delivered (queued) on the bridge's.
    _received = Signal(object)

    def __init__(self, adapter: TelephonyAdapter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._adapter = adapter
        self._closed = False
        # Held while handing an event over, so that once close() returns no hand-over is
        # still running on the adapter's thread.
        self._lock = threading.Lock()
        self._kinds = {
            CallRinging: self.ringing,
            CallAnswered: self.answered,
            CallEnded: self.ended,
            CallHeld: self.held,
            ConnectionChanged: self.connectionChanged,
        }
        self._received.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = adapter.subscribe(self._on_adapter_event)

    @property
    def adapter(self) -> TelephonyAdapter:
        return self._adapter

    @property
    def capabilities(self) -> frozenset[Capability]:
        return self._adapter.capabilities

    def close(self) -> None:
        """Stop listening; events not yet delivered are dropped. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._unsubscribe()

    # -- adapter thread ----------------------------------------------------------------------
    def _on_adapter_event(self, event: TelephonyEvent) -> None:
        with self._lock:
            if self._closed or not shiboken6.isValid(self):
                return
            self._received.emit(event)

    # -- GUI thread --------------------------------------------------------------------------
    @Slot(object)
    def _dispatch(self, event: TelephonyEvent) -> None:
        if self._closed:
            return
        self.event.emit(event)
        for kind, signal in self._kinds.items():
            if isinstance(event, kind):
                signal.emit(event)
                break

    # -- commands (non-blocking; failures come back as commandFailed) ------------------------
    @Slot(str)
    def dial(self, number: str) -> bool:
        """Dial ``number``; the call id arrives with the ``ringing`` signal (outbound).
        ``False`` when the adapter refused at once (``commandFailed`` says why)."""
        return self._command("dial", number)

    @Slot(str)
    def answer(self, call_id: str) -> None:
        self._command("answer", call_id)

    @Slot(str)
    def hang_up(self, call_id: str) -> None:
        self._command("hang_up", call_id)

    @Slot(str, bool)
    def hold(self, call_id: str, on: bool = True) -> None:
        self._command("hold", call_id, on)

    @Slot(str, str)
    def transfer(self, call_id: str, target: str) -> None:
        self._command("transfer", call_id, target)

    def _command(self, name: str, *args: object) -> bool:
        try:
            getattr(self._adapter, name)(*args)
        except CommandRejected as exc:
            # Not the message: an adapter may quote the number in it.
            log.info("%s rejected the %s command", self._adapter.name, name)
            self.commandFailed.emit(str(exc))
            return False
        return True

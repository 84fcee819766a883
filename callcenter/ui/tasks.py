"""Run blocking work off the GUI thread and get the result back on it.

One ``TaskRunner`` per database, with a single worker thread (Anki's taskman): jobs run one at a
time in the order given, each opens its own session and returns plain values. The callbacks run
on the GUI thread, delivered by a queued signal, and are skipped when their owner widget has
been deleted meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class _Delivery:
    __slots__ = ("error", "on_done", "on_error", "owner", "result")

    def __init__(self, owner: QObject | None, on_done: OnDone | None, on_error: OnError | None):
        self.owner = owner
        self.on_done = on_done
        self.on_error = on_error
        self.result: Any = None
        self.error: BaseException | None = None


class TaskRunner(QObject):
    """A single background worker whose results come back to the GUI thread."""

    _finished = Signal(object)
    #: Emitted on the GUI thread with an exception no ``on_error`` handled.
    unhandledError = Signal(object)
    #: Emitted when the number of queued or running jobs changes (for a busy indicator).
    busyChanged = Signal(bool)

    def __init__(self, name: str = "db", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"cc-{name}")
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
    ) -> Future[Any] | None:
        """Run ``fn()`` on the worker; then ``on_done(result)`` or ``on_error(exc)`` on the GUI
        thread. With ``owner``, the callbacks are dropped if that object is deleted first.
        After ``shutdown`` (the app is closing) nothing runs and ``None`` is returned."""
        if self._closed:
            log.debug("job dropped: the worker is shut down")
            return None
        delivery = _Delivery(owner, on_done, on_error)
        self._change_pending(+1)

        def job() -> None:
            try:
                delivery.result = fn()
            except BaseException as exc:  # delivered to on_error on the GUI thread
                delivery.error = exc
            self._finished.emit(delivery)

        return self._executor.submit(job)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self) -> None:
        """Finish the queued jobs (their callbacks are dropped) and stop the worker."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=False)

    @Slot(object)
    def _deliver(self, delivery: _Delivery) -> None:
        self._change_pending(-1)
        if delivery.owner is not None and not shiboken6.isValid(delivery.owner):
            return
        if delivery.error is None:
            if delivery.on_done is not None:
                delivery.on_done(delivery.result)
        elif delivery.on_error is not None:
            delivery.on_error(delivery.error)
        else:
            log.error("background job failed", exc_info=delivery.error)
            self.unhandledError.emit(delivery.error)

    def _change_pending(self, delta: int) -> None:
        with self._lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busyChanged.emit(after > 0)

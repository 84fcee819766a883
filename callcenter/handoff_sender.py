"""Sends the hand-off outbox to the sales webhook from a background thread.

The outbox (``handoff``) already guarantees that a hand-off is never lost and never delivered
twice; this only keeps a deliverer running while the app is open: every ``interval`` seconds,
or at once when woken (a lead was just qualified), it POSTs what is due to the URL in the
settings, with the bearer token from the keyring. The URL and the token are read afresh on
each round, so a change in the settings needs no restart; with no URL the messages wait in the
outbox (and can be exported). Network I/O never runs on the GUI thread or the database worker.

Qt-free: this module must not import PySide6.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from callcenter.clock import Clock
from callcenter.credentials import HANDOFF_TOKEN_SECRET, Secrets
from callcenter.handoff import DeliveryReport, WebhookDelivery
from callcenter.settings import Settings
from callcenter.storage.database import Database

__all__ = ["HandoffSender"]

log = logging.getLogger(__name__)

DeliveryFactory = Callable[[Database, Clock, str, str | None], WebhookDelivery]


def _webhook(db: Database, clock: Clock, url: str, token: str | None) -> WebhookDelivery:
    return WebhookDelivery(db, clock, url, token=token)


class HandoffSender:
    """One daemon thread delivering the outbox while ``settings.handoff_webhook_url`` is set."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: Settings,
        secrets: Secrets,
        *,
        interval: float = 30.0,
        on_report: Callable[[DeliveryReport], None] | None = None,
        delivery_factory: DeliveryFactory = _webhook,
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._secrets = secrets
        self._interval = interval
        self._on_report = on_report
        self._factory = delivery_factory
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._delivery: WebhookDelivery | None = None
        self._target: tuple[str, str | None] | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="handoff-sender", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Deliver now (a lead was qualified, or the settings changed)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the POST in flight, if any (an unfinished one is retried next time)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def deliver_now(self) -> DeliveryReport | None:
        """One round in the calling thread; ``None`` when no webhook is configured."""
        url = self._settings.handoff_webhook_url.strip()
        if not url:
            return None
        token = self._secrets.get(HANDOFF_TOKEN_SECRET)
        if self._delivery is None or self._target != (url, token):
            if self._delivery is not None:
                self._delivery.http.close()
            self._delivery = self._factory(self._db, self._clock, url, token)
            self._target = (url, token)
        return self._delivery.deliver_due(should_stop=self._stopping.is_set)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                report = self.deliver_now()
                if report is not None and self._on_report is not None:
                    self._on_report(report)
            except Exception:  # a bug or a database outage: log it and keep the loop alive
                log.exception("hand-off delivery round failed")
            self._wake.wait(self._interval)
            self._wake.clear()

"""The hand-off sender: a background thread that keeps the outbox flowing to the webhook."""

from __future__ import annotations

import threading

from callcenter.credentials import HANDOFF_TOKEN_SECRET, Secrets
from callcenter.handoff import enqueue_handoff, handoff_key
from callcenter.handoff_sender import HandoffSender
from callcenter.settings import Settings
from callcenter.storage.models import HandoffMessage, HandoffStatus, Lead, LeadState
from tests.domain.conftest import NOW
from tests.fakes.clock import FakeClock


def _qualified(rows, sqlite_db) -> str:
    lead_id = rows.lead(
        rows.call_list("宽带专线推广"),
        None,
        name="李娜",
        phone_e164="+8613800138000",
        state=LeadState.QUALIFIED,
        qualified_at=NOW,
    )
    enqueue_handoff(sqlite_db, lead_id, now=NOW)
    return lead_id


def _status(db, lead_id: str) -> tuple[str, str]:
    with db.session() as session:
        message = session.query(HandoffMessage).filter_by(lead_id=lead_id).one()
        return message.status, session.get(Lead, lead_id).state


def test_without_a_url_hand_offs_wait_in_the_outbox(sqlite_db, rows, receiver):
    lead_id = _qualified(rows, sqlite_db)
    sender = HandoffSender(sqlite_db, FakeClock(NOW), Settings(), Secrets())

    assert sender.deliver_now() is None
    assert _status(sqlite_db, lead_id) == (HandoffStatus.PENDING, LeadState.QUALIFIED)
    assert receiver.posts == []


def test_the_thread_delivers_with_the_token_from_the_keyring(sqlite_db, rows, receiver):
    lead_id = _qualified(rows, sqlite_db)
    settings, secrets = Settings(handoff_webhook_url=receiver.url), Secrets()
    secrets.set(HANDOFF_TOKEN_SECRET, "tok-42")
    reported = threading.Event()
    reports = []
    sender = HandoffSender(
        sqlite_db,
        FakeClock(NOW),
        settings,
        secrets,
        interval=60,
        on_report=lambda report: (reports.append(report), reported.set()),
    )
    sender.start()
    try:
        assert reported.wait(10)
    finally:
        sender.stop()

    assert reports[0].delivered == 1
    assert receiver.count(handoff_key(lead_id)) == 1
    assert receiver.authorizations == ["Bearer tok-42"]
    assert _status(sqlite_db, lead_id) == (HandoffStatus.DELIVERED, LeadState.HANDED_OFF)


def test_a_url_set_later_is_used_without_a_restart(sqlite_db, rows, receiver):
    settings = Settings()  # the live object the settings dialog updates in place
    delivered = threading.Event()
    sender = HandoffSender(
        sqlite_db,
        FakeClock(NOW),
        settings,
        Secrets(),
        interval=60,
        on_report=lambda report: report.delivered and delivered.set(),
    )
    sender.start()
    try:
        lead_id = _qualified(rows, sqlite_db)
        settings.handoff_webhook_url = receiver.url
        sender.wake()  # what the app does when the settings are saved
        assert delivered.wait(10)
    finally:
        sender.stop()
    assert receiver.count(handoff_key(lead_id)) == 1


def test_a_failing_round_keeps_the_thread_alive(sqlite_db, rows, receiver, caplog):
    calls = []
    done = threading.Event()

    def factory(db, clock, url, token):
        calls.append(url)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        done.set()
        from callcenter.handoff import WebhookDelivery

        return WebhookDelivery(db, clock, url, token=token)

    sender = HandoffSender(
        sqlite_db,
        FakeClock(NOW),
        Settings(handoff_webhook_url=receiver.url),
        Secrets(),
        interval=0.05,
        delivery_factory=factory,
    )
    sender.start()
    try:
        assert done.wait(10)
    finally:
        sender.stop()
    assert "hand-off delivery round failed" in caplog.text

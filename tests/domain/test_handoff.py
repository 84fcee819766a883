"""The hand-off outbox against a real HTTP server on 127.0.0.1, and the CSV/XLSX export."""

from __future__ import annotations

import csv
import json
import threading
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import select

from callcenter.handoff import (
    EXPORT_COLUMNS,
    DeliveryReport,
    WebhookDelivery,
    deliver_once,
    enqueue_handoff,
    export_handoffs,
    handoff_key,
    outbox_counts,
    retry_failed,
)
from callcenter.storage.database import open_database
from callcenter.storage.models import HandoffMessage, HandoffStatus, Lead, LeadState
from callcenter.validation import NotFound, ValidationError
from tests.domain.conftest import NOW, Rows
from tests.fakes.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


def _http() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy: the traffic stays on 127.0.0.1
    return session


def _deliverer(db, clock, receiver, **options) -> WebhookDelivery:
    options.setdefault("timeout", 5)
    return WebhookDelivery(db, clock, receiver.url, session=_http(), **options)


def _qualified_lead(rows: Rows, list_id: str, **fields) -> str:
    values = {
        "name": "李娜",
        "company": "上海示例科技有限公司",
        "phone_e164": "+8613800138000",
        "state": LeadState.QUALIFIED,
        "score": 70.0,
        "qualified_at": NOW,
        **fields,
    }
    return rows.lead(list_id, None, **values)


@pytest.fixture
def list_id(rows: Rows) -> str:
    return rows.call_list("宽带专线推广")


def _message(db, key: str) -> HandoffMessage:
    with db.session() as session:
        return session.execute(
            select(HandoffMessage).where(HandoffMessage.idempotency_key == key)
        ).scalar_one()


# --- enqueue ----------------------------------------------------------------------------


def test_enqueue_writes_one_pending_message_with_a_deterministic_key(sqlite_db, rows, list_id):
    lead_id = _qualified_lead(rows, list_id)
    rows.call(None, NOW, direction="outbound", lead_id=lead_id, answers={"has_line": True})
    key = enqueue_handoff(sqlite_db, lead_id, now=NOW)
    assert key == handoff_key(lead_id)
    assert enqueue_handoff(sqlite_db, lead_id, now=NOW + timedelta(hours=1)) == key
    with sqlite_db.session() as session:
        messages = session.execute(select(HandoffMessage)).scalars().all()
    assert len(messages) == 1
    message = messages[0]
    assert (message.status, message.attempts, message.next_attempt_at) == ("pending", 0, NOW)
    assert message.payload["lead_id"] == lead_id
    assert message.payload["idempotency_key"] == key
    assert message.payload["call_list"] == "宽带专线推广"
    assert message.payload["lead"]["name"] == "李娜"
    assert message.payload["screening"] == {
        "score": 70.0,
        "threshold": None,
        "answers": {"has_line": True},
    }
    assert "customer_id" not in json.dumps(message.payload)


def test_enqueue_joins_the_callers_transaction(sqlite_db, rows, list_id):
    lead_id = _qualified_lead(rows, list_id, state=LeadState.NEW, qualified_at=None)
    with pytest.raises(RuntimeError), sqlite_db.session() as session:
        enqueue_handoff(session, lead_id, now=NOW, answers={"has_line": True})
        raise RuntimeError("the qualification failed")
    with sqlite_db.session() as session:
        assert session.execute(select(HandoffMessage)).first() is None
    with sqlite_db.session() as session:
        enqueue_handoff(session, lead_id, now=NOW, answers={"has_line": False})
    assert _message(sqlite_db, handoff_key(lead_id)).payload["screening"]["answers"] == {
        "has_line": False
    }


def test_enqueue_of_an_unknown_lead_is_refused(sqlite_db):
    with pytest.raises(NotFound):
        enqueue_handoff(sqlite_db, "no-such-lead", now=NOW)


# --- delivery ---------------------------------------------------------------------------


def test_a_message_is_delivered_once(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    delivery = _deliverer(sqlite_db, clock, receiver)
    assert delivery.deliver_due() == DeliveryReport(delivered=1)
    assert delivery.deliver_due() == DeliveryReport()
    clock.advance(hours=5)
    assert delivery.deliver_due() == DeliveryReport()
    assert receiver.posts == [key]
    assert receiver.recorded[key]["lead"]["company"] == "上海示例科技有限公司"
    message = _message(sqlite_db, key)
    assert (message.status, message.attempts, message.delivered_at) == ("delivered", 1, NOW)
    assert message.claim_token is None


def test_a_500_is_retried_with_backoff(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.fail_next = 2
    delivery = _deliverer(sqlite_db, clock, receiver)
    assert delivery.deliver_due() == DeliveryReport(retried=1)
    message = _message(sqlite_db, key)
    assert (message.status, message.last_error) == ("pending", "http_500")
    assert message.next_attempt_at == NOW + timedelta(seconds=30)

    clock.advance(29)
    assert delivery.deliver_due() == DeliveryReport()  # not due yet
    clock.advance(1)
    assert delivery.deliver_due() == DeliveryReport(retried=1)
    assert _message(sqlite_db, key).next_attempt_at == clock.now() + timedelta(seconds=60)
    clock.advance(60)
    assert delivery.deliver_due() == DeliveryReport(delivered=1)
    assert receiver.count(key) == 3
    assert list(receiver.recorded) == [key]
    assert _message(sqlite_db, key).attempts == 3


def test_a_dropped_connection_and_429_are_retried(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.drop_next = 1
    delivery = _deliverer(sqlite_db, clock, receiver)
    assert delivery.deliver_due() == DeliveryReport(retried=1)
    assert _message(sqlite_db, key).last_error == "connection_error"
    receiver.fail_next, receiver.fail_status = 1, 429
    clock.advance(30)
    assert delivery.deliver_due() == DeliveryReport(retried=1)
    assert _message(sqlite_db, key).last_error == "http_429"
    clock.advance(60)
    assert delivery.deliver_due() == DeliveryReport(delivered=1)


def test_backoff_doubles_up_to_an_hour(sqlite_db, clock, receiver):
    delivery = _deliverer(sqlite_db, clock, receiver)
    delays = [delivery.retry_delay(n).total_seconds() for n in range(1, 10)]
    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_delivery_gives_up_after_max_attempts(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.fail_next, receiver.fail_status = 3, 503
    delivery = _deliverer(sqlite_db, clock, receiver, max_attempts=3)
    reports = []
    for _ in range(10):  # bounded
        reports.append(delivery.deliver_due())
        clock.advance(hours=1)
    assert reports[:3] == [
        DeliveryReport(retried=1),
        DeliveryReport(retried=1),
        DeliveryReport(failed=1),
    ]
    assert set(reports[3:]) == {DeliveryReport()}
    message = _message(sqlite_db, key)
    assert (message.status, message.attempts, message.last_error) == ("failed", 3, "http_503")
    assert receiver.count(key) == 3
    assert outbox_counts(sqlite_db) == {"pending": 0, "sending": 0, "delivered": 0, "failed": 1}

    assert retry_failed(sqlite_db, now=clock.now(), keys=["someone-else"]) == 0
    assert retry_failed(sqlite_db, now=clock.now()) == 1
    assert delivery.deliver_due() == DeliveryReport(delivered=1)
    assert outbox_counts(sqlite_db)["delivered"] == 1
    assert list(receiver.recorded) == [key]


def test_a_refused_payload_fails_at_once(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.fail_next, receiver.fail_status = 1, 422
    assert _deliverer(sqlite_db, clock, receiver).deliver_due() == DeliveryReport(failed=1)
    assert _message(sqlite_db, key).last_error == "http_422"


def test_409_already_received_counts_as_delivered(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.fail_next, receiver.fail_status = 1, 409
    assert _deliverer(sqlite_db, clock, receiver).deliver_due() == DeliveryReport(delivered=1)
    assert _message(sqlite_db, key).status == HandoffStatus.DELIVERED


def test_an_unreachable_server_is_retried(sqlite_db, rows, list_id, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    closed = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    url = f"http://127.0.0.1:{closed.server_port}/handoff"
    closed.server_close()  # nothing listens on that port any more
    delivery = WebhookDelivery(sqlite_db, clock, url, session=_http(), timeout=2)
    assert delivery.deliver_due() == DeliveryReport(retried=1)
    assert _message(sqlite_db, key).last_error == "connection_error"


def test_exactly_once_across_a_crash_and_restart(
    sqlite_db, rows, list_id, receiver, clock, monkeypatch
):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    other = enqueue_handoff(
        sqlite_db, _qualified_lead(rows, list_id, phone_e164="+8613900139000"), now=NOW
    )
    first = _deliverer(sqlite_db, clock, receiver)

    def crash(self, claim):
        raise SystemExit("the app died after the POST")

    monkeypatch.setattr(WebhookDelivery, "_mark_delivered", crash)
    with pytest.raises(SystemExit):
        first.deliver_due()
    monkeypatch.undo()
    path = sqlite_db.path
    sqlite_db.dispose()
    assert len(receiver.posts) == 1  # the receiver has it; the outbox does not know
    crashed_key = receiver.posts[0]
    assert _message(open_database(path), crashed_key).status == "sending"

    # The restart: a new database object, new sessions, a new HTTP session.
    db = open_database(path)
    try:
        second = _deliverer(db, clock, receiver)
        # The message that was never sent goes at once; the crashed one waits for its lease.
        assert second.deliver_due() == DeliveryReport(delivered=1)
        assert second.deliver_due() == DeliveryReport()
        clock.advance(second.lease.total_seconds())
        assert second.deliver_due() == DeliveryReport(delivered=1)
        assert Counter(receiver.posts) == {crashed_key: 2, ({key, other} - {crashed_key}).pop(): 1}
        assert set(receiver.recorded) == {key, other}  # each hand-off recorded exactly once
        for each in (key, other):
            assert _message(db, each).status == "delivered"
        clock.advance(hours=2)
        assert second.deliver_due() == DeliveryReport()
    finally:
        db.dispose()


def test_pending_messages_survive_a_restart(sqlite_db, rows, list_id, receiver, clock):
    key = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    path = sqlite_db.path
    sqlite_db.dispose()
    db = open_database(path)
    try:
        assert _deliverer(db, clock, receiver).deliver_due() == DeliveryReport(delivered=1)
    finally:
        db.dispose()
    assert list(receiver.recorded) == [key]


def test_concurrent_deliverers_never_post_a_message_twice(any_db, receiver, clock):
    rows = Rows(any_db)
    list_id = rows.call_list()
    keys = {
        enqueue_handoff(
            any_db, _qualified_lead(rows, list_id, phone_e164=f"+86138001{i:05d}"), now=NOW
        )
        for i in range(30)
    }
    receiver.delay = 0.01
    deliverers = [_deliverer(any_db, clock, receiver) for _ in range(4)]
    reports: list[DeliveryReport] = []
    errors: list[BaseException] = []

    def run(delivery: WebhookDelivery) -> None:
        try:
            reports.append(delivery.deliver_due(limit=50))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in deliverers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert not any(thread.is_alive() for thread in threads)
    assert sum(r.delivered for r in reports) == 30
    assert Counter(receiver.posts) == dict.fromkeys(keys, 1)


# --- the lead after delivery, the webhook secret -----------------------------------------


def _lead(db, lead_id: str) -> Lead:
    with db.session() as session:
        lead = session.get(Lead, lead_id)
        session.expunge(lead)
        return lead


def test_a_delivered_hand_off_hands_the_lead_off(any_db, receiver, clock):
    rows = Rows(any_db)
    lead_id = _qualified_lead(rows, rows.call_list("宽带专线推广"))
    before = _lead(any_db, lead_id)
    enqueue_handoff(any_db, lead_id, now=NOW)
    clock.advance(minutes=1)

    assert _deliverer(any_db, clock, receiver).deliver_due() == DeliveryReport(delivered=1)

    lead = _lead(any_db, lead_id)
    assert lead.state == LeadState.HANDED_OFF
    assert (lead.updated_at, lead.version) == (clock.now(), before.version + 1)
    assert lead.qualified_at == NOW  # still in the export of qualified leads


def test_a_hand_off_not_delivered_leaves_the_lead_qualified(
    sqlite_db, rows, list_id, receiver, clock
):
    lead_id = _qualified_lead(rows, list_id)
    enqueue_handoff(sqlite_db, lead_id, now=NOW)
    receiver.fail_next, receiver.fail_status = 2, 503
    delivery = _deliverer(sqlite_db, clock, receiver, max_attempts=2)

    assert delivery.deliver_due() == DeliveryReport(retried=1)
    assert _lead(sqlite_db, lead_id).state == LeadState.QUALIFIED
    clock.advance(minutes=5)
    assert delivery.deliver_due() == DeliveryReport(failed=1)
    assert _lead(sqlite_db, lead_id).state == LeadState.QUALIFIED

    retry_failed(sqlite_db, now=clock.now())
    assert delivery.deliver_due() == DeliveryReport(delivered=1)
    assert _lead(sqlite_db, lead_id).state == LeadState.HANDED_OFF


def test_a_delivery_whose_lease_was_lost_does_not_hand_the_lead_off(
    sqlite_db, rows, list_id, receiver, clock
):
    lead_id = _qualified_lead(rows, list_id)
    key = enqueue_handoff(sqlite_db, lead_id, now=NOW)
    delivery = _deliverer(sqlite_db, clock, receiver)
    claim = delivery._claim(_message(sqlite_db, key).id)
    assert claim is not None
    with sqlite_db.session() as session:  # another deliverer took the message over meanwhile
        session.get(HandoffMessage, claim.id).claim_token = "someone-else"

    assert delivery._send(claim) is None
    assert _lead(sqlite_db, lead_id).state == LeadState.QUALIFIED


def test_the_token_is_sent_as_a_bearer_and_never_logged(
    sqlite_db, rows, list_id, receiver, clock, caplog
):
    caplog.set_level("DEBUG")
    secret = "s3cr3t-token-for-sales"
    first = enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    receiver.fail_next = 1
    delivery = _deliverer(sqlite_db, clock, receiver, token=secret)

    assert delivery.deliver_due() == DeliveryReport(retried=1)
    clock.advance(hours=1)
    assert delivery.deliver_due() == DeliveryReport(delivered=1)

    assert receiver.posts == [first, first]
    assert receiver.authorizations == [f"Bearer {secret}"] * 2
    assert secret not in caplog.text
    assert secret not in repr(delivery)


def test_without_a_token_no_authorization_is_sent(sqlite_db, rows, list_id, receiver, clock):
    enqueue_handoff(sqlite_db, _qualified_lead(rows, list_id), now=NOW)
    assert _deliverer(sqlite_db, clock, receiver, token="  ").deliver_due().delivered == 1
    assert receiver.authorizations == [None]


def test_a_token_with_a_line_break_is_refused(sqlite_db, clock, receiver):
    with pytest.raises(ValueError):
        _deliverer(sqlite_db, clock, receiver, token="abc\r\nX-Evil: 1")


def test_deliver_once_is_one_round_for_a_timer(sqlite_db, rows, list_id, receiver, clock):
    lead_id = _qualified_lead(rows, list_id)
    key = enqueue_handoff(sqlite_db, lead_id, now=NOW)

    assert deliver_once(sqlite_db, clock, "", "secret") == DeliveryReport()  # not set up yet
    assert receiver.posts == []
    report = deliver_once(sqlite_db, clock, receiver.url, "secret", session=_http(), timeout=5)
    assert report == DeliveryReport(delivered=1)
    assert deliver_once(sqlite_db, clock, receiver.url, "secret", session=_http()) == (
        DeliveryReport()
    )
    assert (receiver.posts, receiver.authorizations) == ([key], ["Bearer secret"])
    assert _lead(sqlite_db, lead_id).state == LeadState.HANDED_OFF


def test_a_lead_qualified_by_the_dialer_is_handed_off_once_delivered(sqlite_db, receiver, clock):
    from callcenter.dialer import Dialer, Outcome
    from callcenter.storage.models import Agent, CallList

    rows = Rows(sqlite_db)
    list_id = rows._add(
        CallList(name="宽带专线推广", window_start_minute=0, window_end_minute=1440)
    )
    lead_id = rows.lead(list_id, None, time_zones="Asia/Shanghai")
    agent = rows._add(Agent(login="desk1", name="王芳"))
    dialer = Dialer(sqlite_db, clock)
    assert dialer.next_lead(agent).lead_id == lead_id

    result = dialer.record_outcome(lead_id, agent, Outcome.QUALIFIED)
    assert _lead(sqlite_db, lead_id).state == LeadState.QUALIFIED
    assert deliver_once(sqlite_db, clock, receiver.url, session=_http()).delivered == 1

    assert receiver.posts == [result.handoff_key]
    assert receiver.recorded[result.handoff_key]["lead_id"] == lead_id
    assert _lead(sqlite_db, lead_id).state == LeadState.HANDED_OFF


# --- export -----------------------------------------------------------------------------

HOSTILE = {"name": "=cmd|' /C calc'!A0", "company": "+1", "city": "-1", "source": "@x"}


@pytest.fixture
def exported_leads(sqlite_db, rows, list_id) -> list[str]:
    hostile = _qualified_lead(rows, list_id, notes="联系人：王经理", **HOSTILE)
    rows.call(None, NOW, direction="outbound", lead_id=hostile, answers={"remarks": "=1+1"})
    plain = _qualified_lead(
        rows,
        list_id,
        name="张伟",
        qualified_at=NOW + timedelta(hours=1),
        phone_e164="+8613900139000",
    )
    enqueue_handoff(sqlite_db, plain, now=NOW)
    _qualified_lead(rows, list_id, name="未合格", state=LeadState.NEW, qualified_at=None)
    other_list = rows.call_list("另一个名单")
    _qualified_lead(rows, other_list, name="别的名单")
    return [hostile, plain]


def test_csv_export_neutralises_formulas_and_keeps_chinese(sqlite_db, tmp_path, exported_leads):
    path = tmp_path / "handoffs.csv"
    assert export_handoffs(sqlite_db, path, list_id=None) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert tuple(records[0]) == EXPORT_COLUMNS
    hostile = next(r for r in records if r["lead_id"] == exported_leads[0])
    assert hostile["name"] == "'=cmd|' /C calc'!A0"
    assert (hostile["company"], hostile["city"], hostile["source"]) == ("'+1", "'-1", "'@x")
    assert hostile["notes"] == "联系人：王经理"
    assert json.loads(hostile["answers"]) == {"remarks": "=1+1"}
    assert hostile["phone_e164"] == "'+8613800138000"  # a leading + is neutralised too
    plain = next(r for r in records if r["lead_id"] == exported_leads[1])
    assert (plain["name"], plain["handoff_status"], plain["score"]) == ("张伟", "pending", "70.0")
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in records for cell in r.values())


def test_export_filters_by_list_and_since(sqlite_db, tmp_path, exported_leads, list_id):
    path = tmp_path / "handoffs.csv"
    assert export_handoffs(sqlite_db, path, list_id=list_id) == 2
    assert export_handoffs(sqlite_db, path, list_id=list_id, since=NOW + timedelta(minutes=1)) == 1
    with path.open(encoding="utf-8-sig") as handle:
        assert [r["name"] for r in csv.DictReader(handle)] == ["张伟"]


def test_xlsx_export_neutralises_formulas(sqlite_db, tmp_path, exported_leads, list_id):
    path = tmp_path / "handoffs.xlsx"
    assert export_handoffs(sqlite_db, path, list_id=list_id, fmt="xlsx") == 2
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == EXPORT_COLUMNS
    columns = {name: i for i, name in enumerate(EXPORT_COLUMNS)}
    hostile = values[1]
    assert hostile[columns["name"]] == "'=cmd|' /C calc'!A0"
    assert hostile[columns["company"]] == "'+1"
    assert hostile[columns["source"]] == "'@x"
    assert hostile[columns["notes"]] == "联系人：王经理"
    assert hostile[columns["score"]] == 70
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_unknown_export_format_is_refused(sqlite_db, tmp_path):
    with pytest.raises(ValidationError) as excinfo:
        export_handoffs(sqlite_db, tmp_path / "x.pdf", fmt="pdf")
    assert excinfo.value.field_codes == {"fmt": "unsupported"}

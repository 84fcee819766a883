"""Automatic call logging: ring -> answer -> end -> wrap-up, one committed write each."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from callcenter.calls import DEFAULT_DISPOSITIONS, CallLog
from callcenter.storage.database import open_database
from callcenter.storage.models import Call
from callcenter.telephony.interface import (
    CallAnswered,
    CallEnded,
    CallRinging,
    Direction,
    EndReason,
)
from callcenter.validation import NotFound, ValidationError
from tests.fakes.clock import FakeClock

RANG = datetime(2026, 11, 23, 6, 30, 0, 250_000, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(RANG + timedelta(milliseconds=40))  # the desk sees the event a bit later


@pytest.fixture
def call_log(sqlite_db, clock) -> CallLog:
    return CallLog(sqlite_db, clock)


def _ring(call_id="pbx-1", number="138 0013 8000", *, at=RANG, **fields) -> CallRinging:
    fields.setdefault("direction", Direction.INBOUND)
    return CallRinging(call_id=call_id, remote_number=number, at=at, **fields)


def _stored(db, row_id) -> Call:
    with db.session() as session:
        return session.get(Call, row_id)


def test_a_whole_inbound_call_is_logged(sqlite_db, rows, clock, call_log):
    agent = rows.team_agent()
    customer = rows.customer("张伟", "+8613800138000")

    ringing = call_log.ringing(
        _ring(remote_name="张伟", local_number="4008001234"), agent_id=agent, customer_id=customer
    )
    assert ringing.telephony_call_id == "pbx-1"
    assert ringing.direction == "inbound"
    assert ringing.remote_number_raw == "138 0013 8000"
    assert ringing.remote_e164 == "+8613800138000"
    assert (ringing.agent_id, ringing.customer_id) == (agent, customer)
    assert ringing.ring_at == RANG  # the event's moment, not the clock's
    assert (ringing.answer_at, ringing.end_at, ringing.disposition) == (None, None, None)
    stored = _stored(sqlite_db, ringing.id)
    assert stored.created_at == clock.now()
    assert stored.local_number == "4008001234"

    answered = call_log.answered(CallAnswered(call_id="pbx-1", at=RANG + timedelta(seconds=6)))
    assert answered is not None and answered.id == ringing.id
    assert answered.answer_at == RANG + timedelta(seconds=6)

    clock.advance(seconds=200)
    ended = call_log.ended(
        CallEnded(call_id="pbx-1", reason=EndReason.HANGUP_REMOTE, at=RANG + timedelta(seconds=186))
    )
    assert ended is not None
    assert ended.end_at == RANG + timedelta(seconds=186)
    assert ended.end_reason == "hangup_remote"
    assert ended.talk_seconds == 180.0
    assert _stored(sqlite_db, ringing.id).updated_at == clock.now()

    clock.advance(seconds=30)
    wrapped = call_log.wrap_up(
        ringing.id, disposition="info_given", notes="询问账单明细", agent_id=agent
    )
    assert (wrapped.disposition, wrapped.notes) == ("info_given", "询问账单明细")
    assert wrapped.answer_at == answered.answer_at and wrapped.end_at == ended.end_at
    stored = _stored(sqlite_db, ringing.id)
    assert (stored.disposition, stored.notes, stored.agent_id) == (
        "info_given",
        "询问账单明细",
        agent,
    )
    assert stored.updated_at == clock.now()


def test_every_step_is_committed_at_once(sqlite_db, call_log):
    """Another connection (or the app after a crash) sees the ringing row straight away."""
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    other = open_database(sqlite_db.path)
    try:
        with other.session() as session:
            row = session.get(Call, logged.id)
            assert row is not None and row.ring_at == RANG and row.answer_at is None
        call_log.answered(CallAnswered(call_id="pbx-1", at=RANG + timedelta(seconds=3)))
        with other.session() as session:
            assert session.get(Call, logged.id).answer_at == RANG + timedelta(seconds=3)
    finally:
        other.dispose()


def test_a_call_that_ends_unanswered_keeps_answer_at_null(sqlite_db, call_log):
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    ended = call_log.ended(
        CallEnded(call_id="pbx-1", reason=EndReason.CANCELLED, at=RANG + timedelta(seconds=20))
    )
    assert ended.answer_at is None
    assert ended.end_reason == "cancelled"
    assert ended.talk_seconds is None
    assert _stored(sqlite_db, logged.id).answer_at is None
    # An answer arriving after the end (out-of-order events) changes nothing.
    assert call_log.answered(CallAnswered(call_id="pbx-1")) is None


def test_an_outbound_call_is_logged_with_its_direction(call_log):
    logged = call_log.ringing(
        _ring("out-7", "+44 20 7946 0000", direction=Direction.OUTBOUND),
        agent_id=None,
        customer_id=None,
    )
    assert (logged.direction, logged.remote_e164) == ("outbound", "+442079460000")


def test_a_dialler_call_is_tied_to_its_lead(sqlite_db, rows, call_log):
    lead_id = rows.lead(rows.call_list(), None, phone_e164="+8613800138000")
    logged = call_log.ringing(
        _ring("out-8", "+8613800138000", direction=Direction.OUTBOUND),
        agent_id=None,
        customer_id=None,
        lead_id=lead_id,
    )
    assert _stored(sqlite_db, logged.id).lead_id == lead_id


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("sip:13800138000@pbx.example.com", "+8613800138000"),
        ("tel:+86-10-6234-5678", "+861062345678"),
        ("anonymous", None),
        ("", None),
        ("sip:anonymous@anonymous.invalid", None),
        ("12", None),
    ],
)
def test_the_number_is_normalised_when_possible(sqlite_db, call_log, raw, e164):
    logged = call_log.ringing(_ring(number=raw), agent_id=None, customer_id=None)
    assert logged.remote_e164 == e164
    assert logged.remote_number_raw == (raw or None)


def test_the_default_region_reads_national_numbers(sqlite_db, clock):
    call_log = CallLog(sqlite_db, clock, default_region="US")
    logged = call_log.ringing(_ring(number="(415) 555-0123"), agent_id=None, customer_id=None)
    assert logged.remote_e164 == "+14155550123"


def test_events_for_unknown_calls_are_ignored(call_log, caplog):
    caplog.set_level(logging.DEBUG, logger="callcenter.calls")
    assert call_log.answered(CallAnswered(call_id="elsewhere")) is None
    assert call_log.ended(CallEnded(call_id="elsewhere", reason=EndReason.FAILED)) is None
    assert "elsewhere" in caplog.text


def test_repeated_events_do_not_duplicate_or_move_anything(sqlite_db, call_log):
    first = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    again = call_log.ringing(_ring(at=RANG + timedelta(seconds=1)), agent_id=None, customer_id=None)
    assert again.id == first.id and again.ring_at == RANG
    assert call_log.row_for("pbx-1") == first.id

    call_log.answered(CallAnswered(call_id="pbx-1", at=RANG + timedelta(seconds=5)))
    later = call_log.answered(CallAnswered(call_id="pbx-1", at=RANG + timedelta(seconds=9)))
    assert later.answer_at == RANG + timedelta(seconds=5)

    call_log.ended(CallEnded(call_id="pbx-1", reason=EndReason.HANGUP_LOCAL))
    assert call_log.row_for("pbx-1") is None
    assert call_log.ended(CallEnded(call_id="pbx-1", reason=EndReason.FAILED)) is None
    assert _stored(sqlite_db, first.id).end_reason == "hangup_local"


def test_a_restarted_desk_forgets_the_calls_of_the_crashed_one(sqlite_db, clock):
    logged = CallLog(sqlite_db, clock).ringing(_ring(), agent_id=None, customer_id=None)
    restarted = CallLog(sqlite_db, clock)
    assert restarted.ended(CallEnded(call_id="pbx-1", reason=EndReason.HANGUP_REMOTE)) is None
    stored = _stored(sqlite_db, logged.id)
    assert (stored.ring_at, stored.answer_at, stored.end_at) == (RANG, None, None)


def test_attach_customer_ties_the_call_to_the_chosen_customer(sqlite_db, rows, call_log):
    father = rows.customer("张建国", "+8613800138000")
    rows.customer("张丽", "+8613800138000")
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)

    attached = call_log.attach_customer(logged.id, father)

    assert attached.customer_id == father
    assert _stored(sqlite_db, logged.id).customer_id == father
    # Still logged as the same call: the end arrives normally.
    ended = call_log.ended(CallEnded(call_id="pbx-1", reason=EndReason.HANGUP_LOCAL))
    assert ended.customer_id == father


def test_attach_customer_refuses_missing_records(rows, call_log):
    gone = rows.customer("赵强", deleted=True)
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    with pytest.raises(NotFound):
        call_log.attach_customer(logged.id, gone)
    with pytest.raises(NotFound):
        call_log.attach_customer(logged.id, "no-such-customer")
    with pytest.raises(NotFound) as caught:
        call_log.attach_customer("no-such-call", rows.customer("李娜"))
    assert caught.value.code == "not_found"


def test_wrap_up_accepts_only_the_configured_dispositions(sqlite_db, clock, call_log):
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    with pytest.raises(ValidationError) as caught:
        call_log.wrap_up(logged.id, disposition="sold", notes=None, agent_id=None)
    assert caught.value.code == "validation_failed"
    assert caught.value.field_codes == {"disposition": "invalid"}
    assert _stored(sqlite_db, logged.id).disposition is None
    assert call_log.dispositions == DEFAULT_DISPOSITIONS

    sales = CallLog(sqlite_db, clock, dispositions=("sold", "not_interested"))
    assert sales.wrap_up(logged.id, disposition="sold", notes="  ", agent_id=None).notes is None
    with pytest.raises(ValidationError):
        sales.wrap_up(logged.id, disposition="resolved", notes=None, agent_id=None)


def test_wrap_up_can_be_corrected(call_log):
    logged = call_log.ringing(_ring(), agent_id=None, customer_id=None)
    call_log.wrap_up(logged.id, disposition="other", notes="先记一下", agent_id=None)
    fixed = call_log.wrap_up(logged.id, disposition="resolved", notes="已解决", agent_id=None)
    assert (fixed.disposition, fixed.notes) == ("resolved", "已解决")


def test_the_log_never_shows_names_or_full_numbers(rows, call_log, caplog):
    caplog.set_level(logging.DEBUG)
    customer = rows.customer("张伟", "+8613800138000")
    logged = call_log.ringing(_ring(remote_name="张伟"), agent_id=None, customer_id=None)
    call_log.answered(CallAnswered(call_id="pbx-1"))
    call_log.attach_customer(logged.id, customer)
    call_log.ended(CallEnded(call_id="pbx-1", reason=EndReason.HANGUP_REMOTE))
    call_log.wrap_up(logged.id, disposition="resolved", notes="张伟 13800138000", agent_id=None)
    assert "13800138000" not in caplog.text
    assert "张伟" not in caplog.text
    assert "138****8000" in caplog.text

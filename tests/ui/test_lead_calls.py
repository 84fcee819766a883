"""A call placed for a lead: logged with the lead, and handed back to the dialer when it ends
(its outcome, recorded on the dialer page, is the wrap-up)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from callcenter.agent_states import AgentState
from callcenter.storage.models import AgentStateEntry, Call, CallList, Lead


def _a_lead(db) -> tuple[str, str]:
    with db.session() as session:
        lead = session.scalars(select(Lead).order_by(Lead.id).limit(1)).one()
        return lead.id, lead.phone_e164


def test_a_lead_call_is_logged_with_the_lead_and_skips_the_wrap_up(qtbot, desk, phone, demo_db):
    lead_id, e164 = _a_lead(demo_db)
    calls = desk.calls
    with qtbot.waitSignal(calls.leadCallLogged, timeout=5000) as logged:
        assert calls.dial(e164, lead_id)
    assert logged.args[0] == lead_id
    row_id = logged.args[1]
    call_id = calls.call.call_id
    phone.answer_remote(call_id)
    qtbot.waitUntil(lambda: calls.call is not None and calls.call.answered, timeout=5000)

    with qtbot.waitSignal(calls.leadCallEnded, timeout=5000) as ended:
        phone.hang_up_remote(call_id)
    assert ended.args == [lead_id]
    assert calls.call is None  # the next call may come; the outcome is the dialer page's
    assert desk.call_panel.pages.currentIndex() != desk.call_panel.WRAP_UP
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    with demo_db.session() as session:
        call = session.get(Call, row_id)
        assert (call.lead_id, call.direction) == (lead_id, "outbound")
        assert call.end_at is not None

    with qtbot.waitSignal(calls.agentStateChanged, timeout=5000) as state:
        calls.lead_wrapped_up()
    assert state.args[0] == AgentState.READY


def test_a_customer_call_after_a_lead_call_is_not_tied_to_the_lead(qtbot, desk, phone, demo_db):
    lead_id, e164 = _a_lead(demo_db)
    calls = desk.calls
    phone.force_next_outcome("no_answer")
    with qtbot.waitSignal(calls.leadCallEnded, timeout=5000):
        calls.dial(e164, lead_id)
    phone.force_next_outcome("answered")
    calls.dial("+8613900139000")
    qtbot.waitUntil(lambda: calls.call is not None and calls.call.row_id is not None, timeout=5000)
    assert calls.call.lead_id is None
    with demo_db.session() as session:
        assert session.get(Call, calls.call.row_id).lead_id is None


def test_closing_the_app_during_a_call_ends_it_in_the_log(qtbot, desk, phone, demo_db):
    calls = desk.calls
    phone.force_next_outcome("answered")
    calls.dial("+8613900139000")
    qtbot.waitUntil(lambda: calls.call is not None and calls.call.row_id is not None, timeout=5000)
    row_id, call_id = calls.call.row_id, calls.call.call_id

    desk.close()
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)

    assert ("hang_up", call_id) in phone.commands
    with demo_db.session() as session:
        call = session.get(Call, row_id)
        assert call.end_at is not None
        assert call.end_reason == "hangup_local"
        states = session.scalars(
            select(AgentStateEntry.state)
            .where(AgentStateEntry.agent_id == call.agent_id)
            .order_by(AgentStateEntry.started_at)
        ).all()
        still_open = session.scalars(
            select(AgentStateEntry.state).where(
                AgentStateEntry.agent_id == call.agent_id, AgentStateEntry.ended_at.is_(None)
            )
        ).all()
    assert states[-2:] == ["on_call", "ready"]  # the call's time is counted as a call
    assert still_open == []  # signed out: nothing runs on


def _dialer_with_a_lead(qtbot, desk):
    with desk.context.database.session() as session:  # callable at any hour the test runs
        session.execute(
            update(CallList).values(window_start_minute=0, window_end_minute=1440, weekdays=127)
        )
    page = desk.outbound.dialer_page
    desk.context.settings.dialer_auto_advance = False
    desk.go_to(list(desk.pages).index("dialer"))
    qtbot.waitUntil(lambda: page.next_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert shown.args[0] is not None
    return page, shown.args[0]


def _reserved_by(db, lead_id: str) -> str | None:
    with db.session() as session:
        return session.get(Lead, lead_id).reserved_by


def test_a_dial_the_phone_refuses_gives_the_page_back(qtbot, desk, phone, demo_db):
    page, _card = _dialer_with_a_lead(qtbot, desk)
    phone.fail_next("dial", "no line")
    with qtbot.waitSignal(desk.calls.bridge.commandFailed, timeout=5000):
        qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert page.call_state == "none"
    assert page.next_button.isEnabled() and page.call_button.isEnabled()
    # The next call from anywhere is not taken for this lead.
    phone.force_next_outcome("answered")
    desk.calls.dial("+8613900139000")
    qtbot.waitUntil(lambda: desk.calls.call is not None, timeout=5000)
    assert desk.calls.call.lead_id is None


def test_closing_the_window_gives_the_lead_on_the_card_back(qtbot, desk, demo_db):
    _page, card = _dialer_with_a_lead(qtbot, desk)
    assert _reserved_by(demo_db, card.lead_id) is not None
    desk.close()
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert _reserved_by(demo_db, card.lead_id) is None


def test_choosing_another_list_gives_the_lead_back(qtbot, desk, demo_db):
    page, card = _dialer_with_a_lead(qtbot, desk)
    page.list_filter.addItem("another list", "no-such-list-id")  # as if a second list existed
    page.list_filter.setCurrentIndex(page.list_filter.count() - 1)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert page.card is None
    assert _reserved_by(demo_db, card.lead_id) is None


def test_a_lead_outcome_does_not_end_an_inbound_calls_wrap_up(qtbot, desk, phone, demo_db):
    page, _card = _dialer_with_a_lead(qtbot, desk)
    calls = desk.calls
    with qtbot.waitSignal(calls.popShown, timeout=5000):
        call_id = phone.ring("+8613700137000")
    calls.answer()
    qtbot.waitUntil(lambda: calls.call is not None and calls.call.answered, timeout=5000)
    phone.hang_up_remote(call_id)
    qtbot.waitUntil(
        lambda: desk.call_panel.pages.currentIndex() == desk.call_panel.WRAP_UP, timeout=5000
    )
    # Before dialling it, the agent finds the lead's number is wrong.
    with qtbot.waitSignal(page.outcomeRecorded, timeout=5000):
        qtbot.mouseClick(page.outcome_bar.buttons["wrong_number"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert desk.call_panel.pages.currentIndex() == desk.call_panel.WRAP_UP
    assert calls._tracker.state == AgentState.WRAP_UP

"""A call placed for a lead: logged with the lead, and handed back to the dialer when it ends
(its outcome, recorded on the dialer page, is the wrap-up)."""

from __future__ import annotations

from sqlalchemy import select

from callcenter.agent_states import AgentState
from callcenter.storage.models import AgentStateEntry, Call, Lead


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

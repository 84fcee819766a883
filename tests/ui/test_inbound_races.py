"""The inbound desk when the database worker is slow (a slow disk, a long import): the agent's
gestures are queued behind the work already on its way, never refused or applied twice, and a
late result never overwrites what happened since."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from callcenter.storage.models import Call, Complaint, Lead
from tests.ui.inbound_calls import held_worker, ring, single_customer_number


def _call_row(db, call_id: str) -> Call:
    with db.session() as session:
        return session.execute(select(Call).where(Call.telephony_call_id == call_id)).scalar_one()


def _answer_and_end(qtbot, desk, phone, call_id: str):
    desk.calls.answer()
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=5000)
    phone.hang_up_remote(call_id)
    wrap = desk.call_panel.wrap_up
    qtbot.waitUntil(wrap.isVisible, timeout=5000)
    return wrap


def test_a_wrap_up_sent_before_the_calls_row_is_written_is_saved(qtbot, desk, phone, demo_db):
    """The agent finishes the call and submits while the call's row is still queued: the
    wrap-up waits its turn instead of being refused."""
    customer_id, _, e164 = single_customer_number(demo_db)
    gate = threading.Event()

    def hold_the_worker(_pop) -> None:  # runs as the pop shows, before the row's write is queued
        desk.calls.popShown.disconnect(hold_the_worker)
        desk.context.tasks.run(lambda: gate.wait(30))

    desk.calls.popShown.connect(hold_the_worker)
    try:
        call_id = ring(qtbot, desk, phone, e164)
        wrap = _answer_and_end(qtbot, desk, phone, call_id)
        assert desk.calls.call.row_id is None  # the row has not been written yet
        wrap.disposition_buttons["info_given"].setChecked(True)
        wrap.notes.setPlainText("账单问题")
        wrap.submit()
        assert not wrap.problem.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    call = _call_row(demo_db, call_id)
    assert (call.disposition, call.notes, call.customer_id) == (
        "info_given",
        "账单问题",
        customer_id,
    )


def test_a_wrap_up_sent_twice_while_saving_is_saved_once(qtbot, desk, phone, demo_db):
    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, call_id)
    wrap.disposition_buttons["complaint_opened"].setChecked(True)
    wrap.open_complaint.setChecked(True)
    wrap.complaint_subject.setText("账单多扣费")
    with held_worker(desk):
        wrap.submit()
        assert not wrap.save_button.isEnabled()  # the agent sees it is on its way
        wrap.submit()  # a second Ctrl+Enter
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert _complaints_of(demo_db, call_id) == 1


def test_the_desk_saves_a_wrap_up_once_whatever_sends_it_twice(qtbot, desk, phone, demo_db):
    from callcenter.ui.inbound.wrap_up import WrapUp

    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, call_id)
    sent = WrapUp("complaint_opened", "", ("billing", "high", "重复扣费"), None, "")
    with held_worker(desk):
        wrap.submitted.emit(sent)
        wrap.submitted.emit(sent)
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert _complaints_of(demo_db, call_id) == 1


def _complaints_of(db, call_id: str) -> int:
    row = _call_row(db, call_id)
    with db.session() as session:
        return session.scalar(
            select(func.count()).select_from(Complaint).where(Complaint.call_id == row.id)
        )


def test_a_call_ringing_while_the_last_wrap_up_is_saved_pops(qtbot, desk, phone, demo_db):
    _, _, e164 = single_customer_number(demo_db)
    first = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, first)
    wrap.disposition_buttons["resolved"].setChecked(True)
    with qtbot.waitSignal(desk.calls.popShown, timeout=10000), held_worker(desk):
        wrap.submit()
        second = phone.ring("+8613912345678")
        qtbot.waitUntil(lambda: desk.calls.call.call_id == second, timeout=5000)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert desk.calls.call is not None and desk.calls.call.call_id == second
    assert desk.call_panel.answer_button.isVisible()  # the agent can still answer it
    assert _call_row(demo_db, first).disposition == "resolved"


def test_the_agent_may_dial_while_the_last_wrap_up_is_saved(qtbot, desk, phone, demo_db):
    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, call_id)
    wrap.disposition_buttons["resolved"].setChecked(True)
    with held_worker(desk):
        wrap.submit()
        assert desk.calls.dial("+8613912345678")
    assert ("dial", "+8613912345678") in phone.commands


def test_a_known_caller_who_hangs_up_before_the_pop_is_on_the_missed_call(
    qtbot, desk, phone, demo_db
):
    customer_id, _, e164 = single_customer_number(demo_db)
    with held_worker(desk, lookups=True):
        call_id = phone.ring(e164)
        qtbot.waitUntil(lambda: desk.calls.call is not None, timeout=5000)
        phone.hang_up_remote(call_id)
        qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    workers = (desk.context.tasks, desk.context.lookup_tasks())
    qtbot.waitUntil(lambda: not any(w.busy for w in workers), timeout=5000)
    call = _call_row(demo_db, call_id)
    assert call.answer_at is None and call.end_at is not None
    assert call.customer_id == customer_id


def test_pausing_while_a_call_rings_pauses(qtbot, desk, phone, demo_db):
    label = desk.agent_state
    qtbot.waitUntil(lambda: label.property("state") == "ready", timeout=5000)
    _, _, e164 = single_customer_number(demo_db)
    ring(qtbot, desk, phone, e164)
    desk.phone.pause["lunch"].trigger()
    qtbot.waitUntil(lambda: label.property("state") == "paused", timeout=5000)


def test_pausing_right_after_the_wrap_up_is_sent_pauses(qtbot, desk, phone, demo_db):
    label = desk.agent_state
    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, call_id)
    qtbot.waitUntil(lambda: label.property("state") == "wrap_up", timeout=5000)
    wrap.disposition_buttons["resolved"].setChecked(True)
    with held_worker(desk):
        wrap.submit()
        desk.phone.pause["lunch"].trigger()  # the desk still shows the call being wrapped up
    qtbot.waitUntil(lambda: label.property("state") == "paused", timeout=5000)


def test_a_customer_made_for_a_caller_who_hung_up_is_not_given_to_the_next_call(
    qtbot, desk, phone, demo_db
):
    first = ring(qtbot, desk, phone, "+86 139 0000 0173")
    panel = desk.call_panel
    qtbot.mouseClick(panel.new_customer_button, Qt.MouseButton.LeftButton)
    dialog = desk.new_customer_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    phone.hang_up_remote(first)  # the caller gives up while the agent types
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    second = ring(qtbot, desk, phone, "+86 139 0000 0174")
    dialog.form.name.setText("司马青")
    with qtbot.waitSignal(dialog.created, timeout=5000) as created:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert _call_row(demo_db, first).customer_id == created.args[0].id
    assert _call_row(demo_db, second).customer_id is None
    assert panel.customer_name is None  # the second caller is still unknown on screen


@pytest.fixture
def opening(qtbot, context, demo_db, phone):
    """The window with the database open and the agent known, while the call services are
    still being built on the worker (held until ``opening.ready()``)."""
    from callcenter.agents import find_agent
    from callcenter.ui.bridge import TelephonyBridge
    from callcenter.ui.main_window import MainWindow

    bridge = TelephonyBridge(phone)
    win = MainWindow(context, bridge)
    qtbot.addWidget(win)
    win.show()
    gate = threading.Event()
    context.tasks.run(lambda: gate.wait(30))
    win.database_ready(demo_db, find_agent(demo_db, "agent1"))
    try:
        yield SimpleNamespace(win=win, bridge=bridge, ready=gate.set)
    finally:
        gate.set()
        bridge.close()


def test_a_call_ringing_while_the_app_opens_pops_once_it_is_ready(qtbot, opening, demo_db, phone):
    _, name, e164 = single_customer_number(demo_db)
    with qtbot.waitSignal(opening.bridge.ringing, timeout=5000):
        call_id = phone.ring(e164)
    win = opening.win
    assert not win.calls.ready
    opening.ready()
    with qtbot.waitSignal(win.calls.popShown, timeout=10000):
        pass
    assert win.call_panel.customer_name.text() == name
    qtbot.waitUntil(lambda: win.calls.call.row_id is not None, timeout=10000)
    assert _call_row(demo_db, call_id).customer_id is not None


def test_a_pause_pressed_while_the_app_opens_pauses_once_it_is_ready(qtbot, opening):
    win = opening.win
    win.phone.pause["lunch"].trigger()
    assert not win.calls.ready
    opening.ready()
    qtbot.waitUntil(lambda: win.agent_state.property("state") == "paused", timeout=10000)


def test_the_pop_the_search_and_the_360_view_do_not_wait_behind_the_database_worker(
    qtbot, desk, phone, demo_db
):
    """A lead import or a long save is running: the caller still pops at once, and the agent
    can search and open the customer."""
    customer_id, name, e164 = single_customer_number(demo_db)
    with held_worker(desk):
        ring(qtbot, desk, phone, e164)
        assert desk.call_panel.customer_name.text() == name
        with qtbot.waitSignal(desk.search.resultsShown, timeout=5000) as shown:
            desk.search.setText(name)
            desk.search.textEdited.emit(name)
        assert customer_id in {hit.customer_id for hit in shown.args[0]}
        with qtbot.waitSignal(desk.customer_page.loaded, timeout=5000):
            desk.open_customer(customer_id)
        assert desk.customer_page.title.text() == name


def test_a_wrap_up_sent_while_the_next_call_rings_is_saved_on_its_own_call(
    qtbot, desk, phone, demo_db
):
    _, _, e164 = single_customer_number(demo_db)
    first = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, first)
    wrap.disposition_buttons["resolved"].setChecked(True)
    wrap.notes.setPlainText("已解决")
    with held_worker(desk, lookups=True):  # the next caller's pop is on its way
        second = phone.ring("+8613912345678")
        qtbot.waitUntil(lambda: desk.calls.call.call_id == second, timeout=5000)
        assert wrap.isVisible()  # still on screen until the pop arrives
        wrap.submit()
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert desk.calls.call is not None and desk.calls.call.call_id == second
    assert desk.call_panel.answer_button.isVisible()
    assert (_call_row(demo_db, first).disposition, _call_row(demo_db, first).notes) == (
        "resolved",
        "已解决",
    )
    assert _call_row(demo_db, second).disposition is None


def test_a_call_missed_during_a_wrap_up_gives_the_wrap_up_back(qtbot, desk, phone, demo_db):
    _, _, e164 = single_customer_number(demo_db)
    first = ring(qtbot, desk, phone, e164)
    wrap = _answer_and_end(qtbot, desk, phone, first)
    wrap.disposition_buttons["info_given"].setChecked(True)
    wrap.notes.setPlainText("客户询问套餐")
    second = ring(qtbot, desk, phone, "+8613912345678")
    assert not wrap.isVisible()  # the ringing call is on screen
    phone.hang_up_remote(second)  # the caller gives up
    qtbot.waitUntil(wrap.isVisible, timeout=5000)
    assert wrap.notes.toPlainText() == "客户询问套餐"  # as the agent left it
    with qtbot.waitSignal(desk.calls.callLogged, timeout=5000):
        wrap.submit()
    assert _call_row(demo_db, first).disposition == "info_given"


@pytest.mark.parametrize("caller", ["gave_up", "still_ringing"])
def test_a_call_during_a_lead_calls_wrap_up_does_not_keep_the_agent_in_it(
    qtbot, desk, phone, demo_db, caller
):
    """A lead call is answered and ends (the agent records its outcome on the dialer page); a
    caller rings, and gives up or is still ringing: the lead's outcome ends the wrap-up."""
    from callcenter.agent_states import AgentState

    with demo_db.session() as session:
        lead_id, e164 = session.execute(
            select(Lead.id, Lead.phone_e164).order_by(Lead.id).limit(1)
        ).one()
    calls = desk.calls
    with qtbot.waitSignal(calls.leadCallLogged, timeout=5000):
        assert calls.dial(e164, lead_id)
    lead_call = calls.call.call_id
    phone.answer_remote(lead_call)
    qtbot.waitUntil(lambda: calls.call is not None and calls.call.answered, timeout=5000)
    with qtbot.waitSignal(calls.leadCallEnded, timeout=5000):
        phone.hang_up_remote(lead_call)
    qtbot.waitUntil(lambda: desk.agent_state.property("state") == "wrap_up", timeout=5000)

    _, _, number = single_customer_number(demo_db)
    inbound = ring(qtbot, desk, phone, number)
    if caller == "gave_up":
        phone.hang_up_remote(inbound)
        qtbot.waitUntil(lambda: calls.call is None, timeout=5000)
    with qtbot.waitSignal(
        calls.agentStateChanged,
        timeout=5000,
        check_params_cb=lambda state, *_: state == AgentState.READY,
    ):
        calls.lead_wrapped_up()


def test_a_complaint_asked_for_a_caller_who_hung_up_stays_with_that_call(
    qtbot, desk, phone, demo_db
):
    first = ring(qtbot, desk, phone, "+86 139 0000 0175")
    qtbot.mouseClick(desk.call_panel.new_customer_button, Qt.MouseButton.LeftButton)
    dialog = desk.new_customer_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    phone.hang_up_remote(first)
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    ring(qtbot, desk, phone, "+86 139 0000 0176")
    dialog.form.name.setText("慕容雪")
    with qtbot.waitSignal(dialog.created, timeout=5000):
        qtbot.mouseClick(dialog.complaint_button, Qt.MouseButton.LeftButton)
    assert not desk.calls.call.complaint_requested  # the ringing caller did not complain

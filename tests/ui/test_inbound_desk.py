"""An agent's inbound calls, driven as the agent would: the pop, the chooser, a new customer,
the wrap-up and the agent's states, on a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from callcenter.storage.models import AgentStateEntry, Call, Customer, CustomerPhone
from tests.ui.inbound_calls import national, ring, shared_number, single_customer_number


def test_a_known_caller_pops_the_customer_before_the_agent_answers(qtbot, desk, phone, demo_db):
    _, name, e164 = single_customer_number(demo_db)
    ring(qtbot, desk, phone, national(e164))  # no country code, as the PBX sends it
    panel = desk.call_panel
    assert panel.isVisible()
    assert panel.customer_name is not None
    assert panel.customer_name.text() == name
    assert panel.answer_button.isVisible()


def test_a_number_shared_by_two_customers_asks_who_is_calling(qtbot, desk, phone, demo_db):
    e164, names = shared_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    panel = desk.call_panel
    assert panel.chooser.isVisible()
    shown = {panel.chooser.item(i).text().split(" · ")[0] for i in range(panel.chooser.count())}
    assert shown == names
    item = panel.chooser.item(1)
    chosen = item.data(Qt.ItemDataRole.UserRole)
    panel.chooser.itemClicked.emit(item)
    assert panel.customer_name.text() == chosen.name
    # The choice sticks to the call.
    qtbot.keyClick(desk, Qt.Key.Key_F8)  # reject: the call is logged
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=3000)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=3000)
    with demo_db.session() as session:
        logged = session.scalar(select(Call.customer_id).where(Call.telephony_call_id == call_id))
    assert logged == chosen.customer_id
    assert ("hang_up", call_id) in phone.commands


def test_an_unknown_caller_becomes_a_customer_who_pops_next_time(qtbot, desk, phone):
    number = "+86 139 0000 0172"
    call_id = ring(qtbot, desk, phone, number)
    panel = desk.call_panel
    assert panel.customer_name is None
    assert panel.new_customer_button.isVisible()
    assert panel.place.text()  # where the number is from, and its carrier
    qtbot.mouseClick(panel.new_customer_button, Qt.MouseButton.LeftButton)
    dialog = desk.new_customer_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    assert dialog.form.phones.item(0, 0).text() == "+86 139 0000 0172"
    assert dialog.form.city.text() == panel.pop.place
    dialog.form.name.setText("欧阳晓明")
    with qtbot.waitSignal(dialog.created, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.customer_name is not None, timeout=3000)
    assert panel.customer_name.text() == "欧阳晓明"
    phone.hang_up_remote(call_id)
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=3000)

    ring(qtbot, desk, phone, "13900000172")
    assert panel.customer_name is not None
    assert panel.customer_name.text() == "欧阳晓明"


def test_after_the_call_the_wrap_up_is_saved_and_shows_in_the_timeline(qtbot, desk, phone, demo_db):
    customer_id, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    qtbot.keyClick(desk, Qt.Key.Key_F7)  # answer
    assert ("answer", call_id) in phone.commands
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=2000)
    phone.hang_up_remote(call_id)
    wrap = desk.call_panel.wrap_up
    qtbot.waitUntil(wrap.isVisible, timeout=2000)
    qtbot.keyClick(wrap, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # "Information given"
    wrap.notes.setPlainText("客户询问账单明细，已解释。")
    with qtbot.waitSignal(desk.calls.callLogged, timeout=5000):
        qtbot.keyClick(wrap.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not wrap.isVisible()

    with qtbot.waitSignal(desk.customer_page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    model = desk.customer_page.timeline_model
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert any(
        "Information given" in row[2] and row[4] == "客户询问账单明细，已解释。" for row in rows
    ), rows
    with demo_db.session() as session:
        call = session.execute(select(Call).where(Call.telephony_call_id == call_id)).scalar_one()
        assert (call.disposition, call.customer_id) == ("info_given", customer_id)
        assert call.answer_at is not None and call.end_at >= call.answer_at


def test_a_wrap_up_without_a_disposition_is_refused(qtbot, desk, phone, demo_db):
    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    desk.calls.answer()
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=2000)
    desk.calls.hang_up()
    wrap = desk.call_panel.wrap_up
    qtbot.waitUntil(wrap.isVisible, timeout=2000)
    wrap.submit()
    assert wrap.problem.isVisible()
    assert "Choose a disposition" in wrap.problem.text()
    assert desk.calls.call is not None and desk.calls.call.call_id == call_id


def test_agent_states_follow_the_call_and_are_recorded(qtbot, desk, phone, demo_db):
    label = desk.agent_state
    qtbot.waitUntil(lambda: label.property("state") == "ready", timeout=3000)
    _, _, e164 = single_customer_number(demo_db)
    call_id = ring(qtbot, desk, phone, e164)
    desk.calls.answer()
    qtbot.waitUntil(lambda: label.property("state") == "on_call", timeout=3000)
    phone.hang_up_remote(call_id)
    qtbot.waitUntil(lambda: label.property("state") == "wrap_up", timeout=3000)
    wrap = desk.call_panel.wrap_up
    wrap.disposition_buttons["resolved"].setChecked(True)
    wrap.submit()
    qtbot.waitUntil(lambda: label.property("state") == "ready", timeout=3000)
    desk.phone.pause["lunch"].trigger()
    qtbot.waitUntil(lambda: label.property("state") == "paused", timeout=3000)
    assert "Lunch" in label.text()
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=3000)
    with demo_db.session() as session:
        states = session.execute(
            select(AgentStateEntry.state, AgentStateEntry.seconds)
            .where(AgentStateEntry.agent_id == desk.agent.id)
            .order_by(AgentStateEntry.started_at, AgentStateEntry.created_at)
        ).all()
    assert [s.state for s in states][-5:] == ["ready", "on_call", "wrap_up", "ready", "paused"]
    assert all(s.seconds is not None and s.seconds >= 0 for s in states[:-1])
    assert states[-1].seconds is None  # the pause is still going on


def test_the_phone_state_is_shown(qtbot, desk, phone):
    from callcenter.telephony.interface import ConnectionState

    phone.set_connection(ConnectionState.FAILED, "registrar unreachable")
    qtbot.waitUntil(lambda: desk.phone_state.text() == "Phone: connection failed", timeout=2000)
    assert desk.phone_state.toolTip() == "registrar unreachable"


def test_from_the_new_customer_form_one_step_to_a_complaint(qtbot, desk, phone, demo_db):
    from callcenter.storage.models import Complaint

    call_id = ring(qtbot, desk, phone, "+86 139 0000 0173")
    desk.calls.answer()
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=2000)
    qtbot.mouseClick(desk.call_panel.new_customer_button, Qt.MouseButton.LeftButton)
    dialog = desk.new_customer_dialog
    dialog.form.name.setText("Liam Turner")
    with qtbot.waitSignal(dialog.created, timeout=5000) as created:
        qtbot.mouseClick(dialog.complaint_button, Qt.MouseButton.LeftButton)
    customer_id = created.args[0].id
    phone.hang_up_remote(call_id)
    wrap = desk.call_panel.wrap_up
    qtbot.waitUntil(wrap.isVisible, timeout=2000)
    assert wrap.open_complaint.isChecked()
    wrap.disposition_buttons["complaint_opened"].setChecked(True)
    wrap.complaint_subject.setText("Parcel arrived damaged")
    wrap.complaint_severity.setCurrentIndex(wrap.complaint_severity.findData("high"))
    with qtbot.waitSignal(desk.calls.callLogged, timeout=5000):
        wrap.submit()
    with demo_db.session() as session:
        complaint = session.execute(
            select(Complaint).where(Complaint.customer_id == customer_id)
        ).scalar_one()
        call = session.execute(select(Call).where(Call.telephony_call_id == call_id)).scalar_one()
    assert complaint.subject == "Parcel arrived damaged"
    assert complaint.call_id == call.id
    assert complaint.severity == "high"
    assert (complaint.sla_due_at - complaint.created_at).total_seconds() == 24 * 3600


def test_from_the_new_customer_form_one_step_to_a_lead(qtbot, desk, phone, demo_db):
    from callcenter.storage.models import Lead

    ring(qtbot, desk, phone, "+86 139 0000 0174")
    qtbot.mouseClick(desk.call_panel.new_customer_button, Qt.MouseButton.LeftButton)
    dialog = desk.new_customer_dialog
    qtbot.waitUntil(dialog.lead_button.isEnabled, timeout=3000)
    dialog.form.name.setText("周晓东")
    with qtbot.waitSignal(dialog.created, timeout=5000) as created:
        qtbot.mouseClick(dialog.lead_button, Qt.MouseButton.LeftButton)
    with demo_db.session() as session:
        lead = session.execute(
            select(Lead).where(Lead.customer_id == created.args[0].id)
        ).scalar_one()
    assert (lead.name, lead.phone_e164, lead.state) == ("周晓东", "+8613900000174", "new")
    assert lead.call_list_id == dialog.call_list.currentData()


def test_the_agent_edits_the_customer_in_the_360_view(qtbot, desk, demo_db):
    customer_id, _, _ = single_customer_number(demo_db)
    page = desk.customer_page
    with qtbot.waitSignal(page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    page.form.company.setText("杭州新锐科技有限公司")
    page.form.add_phone("010 6552 9988", "work", False)
    with qtbot.waitSignal(page.saved, timeout=5000):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    with demo_db.session() as session:
        company = session.scalar(select(Customer.company).where(Customer.id == customer_id))
        numbers = set(
            session.scalars(
                select(CustomerPhone.e164).where(
                    CustomerPhone.customer_id == customer_id, CustomerPhone.deleted_at.is_(None)
                )
            )
        )
    assert company == "杭州新锐科技有限公司"
    assert "+861065529988" in numbers


def test_a_bad_number_in_the_360_view_is_explained_and_nothing_is_saved(qtbot, desk, demo_db):
    customer_id, _, _ = single_customer_number(demo_db)
    page = desk.customer_page
    with qtbot.waitSignal(page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    page.form.add_phone("12345", "work", False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.form.problems.isVisible, timeout=3000)
    assert "Phone" in page.form.problems.text()
    with demo_db.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(CustomerPhone)
            .where(CustomerPhone.customer_id == customer_id, CustomerPhone.deleted_at.is_(None))
        )
    assert count == len(page.view.profile.phones)


def test_the_wrap_up_offers_the_centers_own_dispositions(qtbot):
    from callcenter.ui.inbound.wrap_up import WrapUpPanel

    panel = WrapUpPanel(("resolved", "已报价"))
    qtbot.addWidget(panel)
    texts = [b.text() for b in panel.disposition_buttons.values()]
    assert texts == ["1  Resolved", "2  已报价"]


def test_calling_a_customer_from_the_360_view_is_logged_as_outbound(qtbot, desk, phone, demo_db):
    customer_id, name, _ = single_customer_number(demo_db)
    page = desk.customer_page
    with qtbot.waitSignal(page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    primary = next(p for p in page.view.profile.phones if p.is_primary)
    with qtbot.waitSignal(desk.calls.popShown, timeout=5000):
        qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert ("dial", primary.e164) in phone.commands
    panel = desk.call_panel
    assert panel.call_title.text() == "Calling…"
    assert panel.customer_name.text() == name
    call_id = desk.calls.call.call_id
    phone.answer_remote(call_id)
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=2000)
    desk.calls.hang_up()
    qtbot.waitUntil(panel.wrap_up.isVisible, timeout=2000)
    panel.wrap_up.disposition_buttons["info_given"].setChecked(True)
    with qtbot.waitSignal(desk.calls.callLogged, timeout=5000):
        panel.wrap_up.submit()
    with demo_db.session() as session:
        call = session.execute(select(Call).where(Call.telephony_call_id == call_id)).scalar_one()
    assert (call.direction, call.customer_id, call.remote_e164) == (
        "outbound",
        customer_id,
        primary.e164,
    )
    assert call.end_reason == "hangup_local"


def test_the_open_360_view_shows_the_call_just_wrapped_up_and_keeps_the_agents_edits(
    qtbot, desk, phone, demo_db
):
    customer_id, _, e164 = single_customer_number(demo_db)
    page = desk.customer_page
    with qtbot.waitSignal(page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    page.form.company.setText("正在修改的公司名")  # an edit not saved yet
    call_id = ring(qtbot, desk, phone, e164)
    desk.calls.answer()
    qtbot.waitUntil(lambda: desk.calls.call.answered, timeout=5000)
    phone.hang_up_remote(call_id)
    wrap = desk.call_panel.wrap_up
    qtbot.waitUntil(wrap.isVisible, timeout=5000)
    wrap.disposition_buttons["info_given"].setChecked(True)
    wrap.notes.setPlainText("询问发票寄送地址")
    with qtbot.waitSignal(page.timelineRefreshed, timeout=10000):
        wrap.submit()
    model = page.timeline_model
    details = [model.index(row, 4).data() for row in range(model.rowCount())]
    assert "询问发票寄送地址" in details
    assert page.form.company.text() == "正在修改的公司名"


def test_a_hidden_360_view_is_not_read_again_on_every_call(qtbot, desk, phone, demo_db):
    customer_id, _, e164 = single_customer_number(demo_db)
    page = desk.customer_page
    with qtbot.waitSignal(page.loaded, timeout=5000):
        desk.open_customer(customer_id)
    desk.go_to(0)  # the agent went back to the call list
    refreshed: list[bool] = []
    page.timelineRefreshed.connect(lambda: refreshed.append(True))
    call_id = ring(qtbot, desk, phone, e164)
    phone.hang_up_remote(call_id)  # a missed call: logged at once
    qtbot.waitUntil(lambda: desk.calls.call is None, timeout=5000)
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=5000)
    assert refreshed == []


def test_the_pop_speaks_the_language_the_window_speaks(qtbot, desk, phone):
    """With the language set to follow the system, the place and carrier of an unknown
    caller are in the system's language, as the window is (not always in Chinese)."""
    from callcenter.ui.i18n import resolve_language

    desk.context.settings.language = "system"
    ring(qtbot, desk, phone, "+86 139 0000 0177")
    place = desk.call_panel.place.text()
    chinese = any("\u4e00" <= char <= "\u9fff" for char in place)
    assert place and chinese == (resolve_language("system") == "zh_CN"), place

"""The preview dialer page on the demo database, driven as an agent would: next lead, skip, call,
answer the screening script and record the outcome."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlalchemy import select, update

from callcenter.agents import find_agent
from callcenter.dialer import LeadCard
from callcenter.storage.models import (
    Call,
    Callback,
    CallbackStatus,
    CallList,
    DncNumber,
    HandoffMessage,
    Lead,
)
from callcenter.ui.labels import phone_display
from callcenter.ui.outbound.dialer_page import CallState, DialerPage
from callcenter.ui.outbound.lead_card import LeadCardView
from tests.fakes.clock import FakeClock

DEMO_LIST = "2026 Q4 企业宽带 / Business broadband"


@pytest.fixture
def clock() -> FakeClock:
    """Tomorrow 14:05 in Shanghai: inside the demo list's calling window (09:00–21:00)."""
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    return FakeClock(tomorrow.replace(hour=6, minute=5, second=0, microsecond=0))


@pytest.fixture
def agent_id(demo_db) -> str:
    agent = find_agent(demo_db, "agent1")
    assert agent is not None
    return agent.id


@pytest.fixture
def page(qtbot, context, demo_db, clock, agent_id) -> DialerPage:
    context.database = demo_db
    context.settings.dialer_auto_advance = False
    widget = DialerPage(context, clock)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.set_agent(agent_id)
    qtbot.waitUntil(lambda: widget.list_filter.count() > 1, timeout=5000)
    return widget


def _next(qtbot, page: DialerPage) -> LeadCard:
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert shown.args[0] is not None
    return shown.args[0]


def _lead(db, lead_id: str) -> Lead:
    with db.session() as session:
        lead = session.get(Lead, lead_id)
        session.expunge(lead)
    return lead


def _call(qtbot, page: DialerPage, call_id: str | None = None) -> None:
    qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    page.call_started(call_id)
    page.call_answered()
    page.call_ended()


def _record(qtbot, page: DialerPage, outcome: str):
    with qtbot.waitSignal(page.outcomeRecorded, timeout=5000) as recorded:
        qtbot.mouseClick(page.outcome_bar.buttons[outcome], Qt.MouseButton.LeftButton)
    return recorded.args[0]


def _answer_demo_script(qtbot, page: DialerPage, *, qualifying: bool) -> None:
    form = page.script_form
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(form.inputs["has_line"].buttons[True], click)  # 15
    qtbot.mouseClick(form.inputs["provider"].buttons["unicom"], click)  # 10
    if qualifying:
        for box in form.inputs["needs"].findChildren(QCheckBox):
            if box.property("option") in ("static_ip", "sla"):
                qtbot.mouseClick(box, click)  # 20
        qtbot.keyClicks(form.inputs["employees"].findChild(QLineEdit), "150")  # 25
        qtbot.mouseClick(form.inputs["decision_maker"].buttons[True], click)  # 20


# -- next lead, skip, signed out, no list ---------------------------------------------------


def test_next_lead_shows_a_reserved_card_of_the_demo_list(qtbot, page, demo_db, agent_id):
    card = _next(qtbot, page)
    assert card.call_list_name == DEMO_LIST
    view = page.lead_card
    assert view.number.text() == phone_display(card.phone_e164)
    assert view.name.text() == (card.name or "(no name)")
    assert view.attempts.text() == f"{card.attempts} of {card.max_attempts}"
    assert view.call_list.text() == DEMO_LIST
    assert view.local_time.text().startswith("Local time ")
    zone = (card.time_zones or ("Asia/Shanghai",))[0]
    assert zone in view.local_time.text()
    assert page.pages.currentIndex() == page.LEAD
    assert _lead(demo_db, card.lead_id).reserved_by == agent_id
    # The demo list's script is shown.
    assert "has_line" in page.script_form.inputs


def test_the_list_filter_offers_all_lists_and_the_demo_list(page):
    items = [page.list_filter.itemText(i) for i in range(page.list_filter.count())]
    assert items == ["All active lists", DEMO_LIST]


def test_skip_releases_the_lead(qtbot, page, demo_db, agent_id):
    first = _next(qtbot, page)
    version = _lead(demo_db, first.lead_id).version
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    lead = _lead(demo_db, first.lead_id)
    assert lead.reserved_by is None
    assert lead.version == version + 1
    assert shown.args[0] is not None and shown.args[0].lead_id != first.lead_id
    assert first.lead_id in page.skipped


def test_skip_shows_another_lead(qtbot, page, demo_db):
    first = _next(qtbot, page)
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    second = shown.args[0]
    assert second is not None and second.lead_id != first.lead_id
    assert _lead(demo_db, first.lead_id).reserved_by is None


def test_signed_out_the_page_is_disabled_says_why_and_gives_the_lead_back(
    qtbot, page, demo_db, context
):
    card = _next(qtbot, page)
    page.set_agent(None)
    qtbot.waitUntil(lambda: not context.tasks.busy, timeout=5000)
    assert _lead(demo_db, card.lead_id).reserved_by is None
    assert not page.next_button.isEnabled()
    assert not page.skip_button.isEnabled()
    assert not page.list_filter.isEnabled()
    assert page.pages.currentIndex() == page.MESSAGE
    assert "Sign in" in page.message.text()


def test_without_an_active_list_the_page_says_so(qtbot, context, demo_db, clock, agent_id):
    with demo_db.session() as session:
        session.execute(update(CallList).values(active=False))
    context.database = demo_db
    widget = DialerPage(context, clock)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_agent(agent_id)
    qtbot.waitUntil(lambda: "No call list is active" in widget.message.text(), timeout=5000)
    assert widget.list_filter.count() == 1
    with qtbot.waitSignal(widget.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(widget.next_button, Qt.MouseButton.LeftButton)
    assert shown.args[0] is None
    assert "No call list is active" in widget.message.text()


def test_when_no_lead_is_callable_the_page_says_so(qtbot, page, clock):
    clock.set(clock.now().replace(hour=16))  # midnight in Shanghai: the window is closed
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert shown.args[0] is None
    assert "No lead can be called now" in page.message.text()


def test_when_no_lead_is_callable_the_page_says_from_when_one_is(qtbot, page, clock):
    clock.set(clock.now().replace(hour=16, minute=0))  # midnight in Shanghai: window closed
    with qtbot.waitSignal(page.leadShown, timeout=5000):
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    text = page.message.text()
    assert "The next one can be called from" in text
    told = text.split("from ")[1].split(" (")[0]  # "Tue 01:00" on the agent's clock

    for _quarter in range(24 * 4):  # the first quarter hour when Next lead finds one
        clock.advance(minutes=15)
        with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
            qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
        if shown.args[0] is not None:
            break
    assert shown.args[0] is not None
    assert told.endswith(clock.now().astimezone().strftime("%H:%M"))


# -- the call ---------------------------------------------------------------------------------


def test_call_asks_to_dial_the_leads_number_and_follows_the_call(qtbot, page):
    card = _next(qtbot, page)
    bar = page.outcome_bar
    enabled = {code for code, button in bar.buttons.items() if button.isEnabled()}
    assert enabled == {"wrong_number", "do_not_call"}  # before the call
    with qtbot.waitSignal(page.dialRequested, timeout=1000) as dialled:
        qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    assert dialled.args == [card.phone_e164, card.lead_id, card.customer_id]
    assert page.call_state_label.text() == "Calling…"
    assert not page.next_button.isEnabled()
    assert not page.skip_button.isEnabled()
    assert not any(button.isEnabled() for button in bar.buttons.values())
    page.call_started("call-row-1")
    page.call_answered()
    assert page.call_state == CallState.TALKING
    assert page.call_state_label.text() == "Talking"
    assert not page.next_button.isEnabled()
    page.call_ended()
    assert page.call_state_label.text().startswith("Call ended")
    assert all(button.isEnabled() for button in bar.buttons.values())
    assert page.next_button.isEnabled()
    assert page.call_id == "call-row-1"


def test_a_refused_call_goes_back_to_before_the_call(qtbot, page):
    _next(qtbot, page)
    qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    page.call_refused()
    assert page.call_state == CallState.NONE
    assert page.next_button.isEnabled()


def test_without_a_phone_every_outcome_is_offered(qtbot, page):
    page.set_phone_available(False)
    _next(qtbot, page)
    assert not page.call_button.isVisible()
    assert all(button.isEnabled() for button in page.outcome_bar.buttons.values())


def test_every_outcome_has_a_shortcut_named_in_its_tooltip(page):
    for number, (code, button) in enumerate(page.outcome_bar.buttons.items(), start=1):
        assert page.outcome_bar.shortcuts[code].key().toString() == f"Alt+{number}"
        assert f"Alt+{number}" in button.toolTip()
    assert page.next_button.shortcut().toString() == "Ctrl+N"


# -- outcomes ---------------------------------------------------------------------------------


def test_qualifying_answers_and_qualified_store_the_lead_and_its_hand_off(qtbot, page, demo_db):
    card = _next(qtbot, page)
    _call(qtbot, page)
    _answer_demo_script(qtbot, page, qualifying=True)
    assert page.script_form.verdict.text() == "Score 90 of threshold 60 — qualifies"
    result = _record(qtbot, page, "qualified")
    assert result.lead_id == card.lead_id
    assert result.state == "qualified"
    assert result.score == 90
    assert page.status.text() == "Lead qualified — handed off to sales."
    assert _lead(demo_db, card.lead_id).state == "qualified"
    with demo_db.session() as session:
        keys = session.scalars(
            select(HandoffMessage.idempotency_key).where(HandoffMessage.lead_id == card.lead_id)
        ).all()
    assert keys == [result.handoff_key]
    assert page.card is None
    assert page.script_form.answers() == {}


def test_qualified_below_the_threshold_is_refused_and_the_lead_stays(
    qtbot, page, demo_db, agent_id
):
    card = _next(qtbot, page)
    _call(qtbot, page)
    _answer_demo_script(qtbot, page, qualifying=False)
    qtbot.mouseClick(page.outcome_bar.buttons["qualified"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert "does not qualify" in page.problem.text()
    assert page.card is not None and page.card.lead_id == card.lead_id
    lead = _lead(demo_db, card.lead_id)
    assert lead.state == card.state
    assert lead.attempts == card.attempts
    assert lead.reserved_by == agent_id
    with demo_db.session() as session:
        assert (
            session.scalars(
                select(HandoffMessage.id).where(HandoffMessage.lead_id == card.lead_id)
            ).all()
            == []
        )
    assert page.script_form.answers()  # the answers are kept


def test_an_override_without_a_reason_is_refused(qtbot, page, demo_db):
    card = _next(qtbot, page)
    _call(qtbot, page)
    _answer_demo_script(qtbot, page, qualifying=False)
    qtbot.mouseClick(page.script_form.override, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.outcome_bar.buttons["qualified"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.problem.isVisible(), timeout=5000)
    assert page.problem.text() == "Give a reason for the override."
    assert _lead(demo_db, card.lead_id).state == card.state


def test_an_override_with_a_reason_qualifies_below_the_threshold(qtbot, page, demo_db):
    card = _next(qtbot, page)
    _call(qtbot, page)
    _answer_demo_script(qtbot, page, qualifying=False)
    qtbot.mouseClick(page.script_form.override, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.script_form.override_reason, "Budget approved already")
    result = _record(qtbot, page, "qualified")
    assert result.overridden
    assert result.score == 25
    assert _lead(demo_db, card.lead_id).state == "qualified"


def test_callback_schedules_the_call_at_the_picked_time(qtbot, page, demo_db, clock, agent_id):
    card = _next(qtbot, page)
    _call(qtbot, page, "call-row-1")
    qtbot.keyClicks(page.outcome_bar.notes, "after the board meeting")
    qtbot.mouseClick(page.outcome_bar.buttons["callback"], Qt.MouseButton.LeftButton)
    picker = page.outcome_bar.picker
    assert picker is not None and picker.isVisible()
    picked = (clock.now() + timedelta(days=2)).replace(minute=30)
    picker.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(picked.timestamp())))
    with qtbot.waitSignal(page.outcomeRecorded, timeout=5000) as recorded:
        picker.accept()
    result = recorded.args[0]
    assert result.state == "callback"
    lead = _lead(demo_db, card.lead_id)
    assert lead.state == "callback"
    assert lead.next_attempt_at.replace(tzinfo=UTC) == picked
    with demo_db.session() as session:
        callback = session.scalars(
            select(Callback).where(
                Callback.lead_id == card.lead_id, Callback.status == CallbackStatus.SCHEDULED
            )
        ).one()
        assert callback.due_at.replace(tzinfo=UTC) == picked
        assert callback.agent_id == agent_id
        assert callback.notes == "after the board meeting"
    assert page.status.text().startswith("Callback scheduled for ")


def test_the_callback_picker_proposes_tomorrow_ten_and_refuses_the_past(qtbot, page, clock):
    _next(qtbot, page)
    _call(qtbot, page)
    with qtbot.assertNotEmitted(page.outcomeRecorded, wait=100):
        qtbot.mouseClick(page.outcome_bar.buttons["callback"], Qt.MouseButton.LeftButton)
        picker = page.outcome_bar.picker
        proposed = picker.when.dateTime()
        tomorrow = (clock.now().astimezone() + timedelta(days=1)).date()
        assert proposed.date().toPython() == tomorrow
        assert proposed.time().toString("HH:mm") == "10:00"
        past = clock.now() - timedelta(hours=1)
        picker.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(past.timestamp())))
        picker.accept()
        assert picker.isVisible()
        assert picker.problem.text() == "The callback must be in the future."
        picker.reject()


def test_do_not_call_asks_for_confirmation_and_cancel_changes_nothing(
    qtbot, page, demo_db, agent_id
):
    card = _next(qtbot, page)
    with qtbot.assertNotEmitted(page.outcomeRecorded, wait=100):
        qtbot.mouseClick(page.outcome_bar.buttons["do_not_call"], Qt.MouseButton.LeftButton)
        box = page.outcome_bar.confirm_box
        assert box is not None and box.isVisible()
        assert "never be called again by any list" in box.text()
        box.button(box.StandardButton.Cancel).click()
    lead = _lead(demo_db, card.lead_id)
    assert lead.state == card.state
    assert lead.reserved_by == agent_id


def test_do_not_call_confirmed_lists_the_number(qtbot, page, demo_db):
    card = _next(qtbot, page)
    qtbot.mouseClick(page.outcome_bar.buttons["do_not_call"], Qt.MouseButton.LeftButton)
    box = page.outcome_bar.confirm_box
    yes = next(b for b in box.buttons() if b.text() == "Never call again")
    with qtbot.waitSignal(page.outcomeRecorded, timeout=5000):
        yes.click()
    assert _lead(demo_db, card.lead_id).state == "do_not_call"
    with demo_db.session() as session:
        assert session.scalar(select(DncNumber.id).where(DncNumber.e164 == card.phone_e164))


def test_no_answer_tells_when_the_next_try_is_and_auto_advances(qtbot, page, demo_db, context):
    context.settings.dialer_auto_advance = True
    card = _next(qtbot, page)
    _call(qtbot, page)
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        result = _record(qtbot, page, "no_answer")
    assert result.state in ("retry", "exhausted")
    assert page.status.text().startswith("No answer — ")
    assert shown.args[0] is not None and shown.args[0].lead_id != card.lead_id


# -- the lead card ----------------------------------------------------------------------------


def _card(**changes) -> LeadCard:
    values = dict(
        lead_id="lead-1",
        call_list_id="list-1",
        call_list_name="Spring offer",
        name="Wang Fang",
        company="Acme",
        city="Hangzhou",
        phone_e164="+8613800138000",
        time_zones=("America/New_York", "America/Chicago"),
        state="retry",
        attempts=2,
        max_attempts=5,
        last_outcome="no_answer",
        score=0.0,
        customer_id=None,
        abc_class=None,
        script=None,
        reserved_until=None,
    )
    values.update(changes)
    return LeadCard(**values)


def test_the_card_shows_every_zone_and_the_customer_link_and_callback_badge(qtbot):
    view = LeadCardView()
    qtbot.addWidget(view)
    view.show()
    now = datetime(2026, 7, 1, 18, 5, tzinfo=UTC)
    view.show_card(_card(), now)
    assert view.local_time.text() == (
        "Local time 14:05 (America/New_York) · 13:05 (America/Chicago)"
    )
    assert view.attempts.text() == "2 of 5"
    assert view.last_outcome.text() == "No answer"
    assert view.company.text() == "Acme · Hangzhou"
    assert not view.open_customer.isVisible()
    assert not view.callback_badge.isVisible()

    view.show_card(_card(customer_id="cust-1", callback_id="cb-1", callback_due_at=now), now)
    assert view.open_customer.isVisible()
    assert view.callback_badge.isVisible()
    assert view.callback_badge.text().startswith("Callback due")
    with qtbot.waitSignal(view.openCustomer, timeout=1000) as opened:
        view.open_customer.linkActivated.emit("#")
    assert opened.args == ["cust-1"]


def test_the_next_time_is_never_shown_sooner_than_it_is(page, clock):
    moment = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=3, seconds=27)
    shown = page._when_text(moment)
    assert shown.endswith((moment + timedelta(minutes=1)).astimezone().strftime("%H:%M"))
    assert page._when_text(moment.replace(second=0)).endswith(moment.astimezone().strftime("%H:%M"))


def test_a_short_call_that_ends_before_its_row_is_known_gets_its_outcome(
    qtbot, page, demo_db, agent_id, clock
):
    """Busy or no answer: the call ended before the call log told the page its row (a slow
    disk). The row arrives after; the outcome goes on that call."""
    card = _next(qtbot, page)
    row = Call(
        direction="outbound",
        agent_id=agent_id,
        lead_id=card.lead_id,
        remote_e164=card.phone_e164,
        ring_at=clock.now(),
    )
    with demo_db.session() as session:
        session.add(row)
        session.flush()
        row_id = row.id
    qtbot.mouseClick(page.call_button, Qt.MouseButton.LeftButton)
    page.call_ended()  # no answer, at once
    page.call_started(row_id, card.lead_id)  # the row's id, late
    page.call_started("another-leads-call", "another-lead")  # not this card's: ignored
    assert page.call_id == row_id
    _record(qtbot, page, "no_answer")
    with demo_db.session() as session:
        assert session.get(Call, row_id).disposition == "no_answer"

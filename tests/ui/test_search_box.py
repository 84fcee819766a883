"""The search box: type, see matches, press Enter, land on the customer."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from callcenter.search import search
from callcenter.storage.models import Complaint, Customer, CustomerPhone
from callcenter.ui.search_box import SearchBox


def test_ctrl_f_then_a_phone_fragment_finds_the_customer(qtbot, desk, demo_db):
    with demo_db.session() as session:
        customer_id, name, e164 = session.execute(
            select(Customer.id, Customer.name, CustomerPhone.e164)
            .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
            .where(CustomerPhone.e164.like("+861%"))
            .limit(1)
        ).one()
    qtbot.keyClick(desk, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert desk.search.hasFocus()
    fragment = e164[-8:-4] + " " + e164[-4:]  # as an agent reads it off a note
    with qtbot.waitSignal(desk.search.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(desk.search, fragment)
    hits = shown.args[0]
    assert customer_id in [hit.customer_id for hit in hits]
    row = [hit.customer_id for hit in hits].index(customer_id)
    desk.search.results.setCurrentRow(row)
    with qtbot.waitSignal(desk.customer_page.loaded, timeout=5000):
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert desk.customer_page.title.text() == name


def test_a_case_number_finds_its_complaint(qtbot, desk, demo_db):
    with demo_db.session() as session:
        case_number = session.scalar(select(Complaint.case_number).limit(1))
    desk.search.setFocus()
    with qtbot.waitSignal(desk.search.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(desk.search, case_number.lower())
    assert shown.args[0][0].title == case_number


def test_nothing_found_says_so(qtbot, desk):
    desk.search.setFocus()
    with qtbot.waitSignal(desk.search.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(desk.search, "zzqqxx")
    assert shown.args[0] == []
    assert desk.search.results.item(0).text() == "Nothing found"


def _enter_while_the_search_is_queued(qtbot, box, context, first: str, more: str) -> list[str]:
    """Type ``first`` and see its results, type ``more``, let the debounce timer fire while
    the worker is busy, press Enter, then let the worker go: the customers picked."""
    picked: list[str] = []
    box.customerPicked.connect(picked.append)
    box.setFocus()
    with qtbot.waitSignal(box.resultsShown, timeout=5000):
        qtbot.keyClicks(box, first)
    gate = threading.Event()
    try:
        context.lookup_tasks().run(lambda: gate.wait(30))  # the worker the search runs on
        qtbot.keyClicks(box, more)
        qtbot.waitUntil(lambda: not box._timer.isActive(), timeout=2000)  # search queued
        assert box.results.isVisible()  # still the results for `first`
        qtbot.keyClick(box, Qt.Key.Key_Return)
        assert picked == []
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not context.lookup_tasks().busy, timeout=5000)
    return picked


@pytest.fixture
def box(qtbot, context, demo_db) -> SearchBox:
    context.database = demo_db
    widget = SearchBox(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_enter_while_a_search_is_queued_opens_the_new_first_hit(qtbot, box, context, demo_db):
    with demo_db.session() as session:
        names = session.scalars(select(Customer.name).order_by(Customer.name)).all()
    region = context.settings.default_region
    for name in names:
        first, rest = name.split(" ", 1)
        old_hits = search(demo_db, first, limit=20, default_region=region)
        new_hits = search(demo_db, name, limit=20, default_region=region)
        if old_hits[0].customer_id != new_hits[0].customer_id:
            break
    else:
        pytest.fail("no name whose first word finds someone else first")
    picked = _enter_while_the_search_is_queued(qtbot, box, context, first, " " + rest)
    assert picked == [new_hits[0].customer_id]


def test_enter_while_a_search_for_nothing_is_queued_opens_nobody(qtbot, box, context):
    picked = _enter_while_the_search_is_queued(qtbot, box, context, "Amelia", "zzqqxx")
    assert picked == []
    assert box.results.item(0).text() == "Nothing found"


def test_escape_after_enter_while_a_search_is_queued_opens_nobody(qtbot, box, context, demo_db):
    with demo_db.session() as session:
        name = session.scalars(select(Customer.name).order_by(Customer.name)).first()
    picked: list[str] = []
    box.customerPicked.connect(picked.append)
    box.setFocus()
    gate = threading.Event()
    try:
        context.lookup_tasks().run(lambda: gate.wait(30))
        qtbot.keyClicks(box, name)
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the search is queued: its first hit is wanted…
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # …until the agent changes their mind
    finally:
        gate.set()
    with qtbot.waitSignal(box.resultsShown, timeout=10000):
        pass
    assert picked == []


def test_a_failing_search_stays_quiet_and_the_next_keystroke_tries_again(
    qtbot, box, context, monkeypatch
):
    """No message box per keystroke when the database is gone for a moment."""
    import callcenter.ui.search_box as search_box

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    unhandled: list[BaseException] = []
    context.lookup_tasks().unhandledError.connect(unhandled.append)
    monkeypatch.setattr(search_box, "search", broken)
    box.setFocus()
    qtbot.keyClicks(box, "wa")
    qtbot.waitUntil(lambda: not box._timer.isActive(), timeout=5000)
    qtbot.waitUntil(lambda: not context.lookup_tasks().busy, timeout=5000)
    assert unhandled == [] and not box.results.isVisible()
    monkeypatch.undo()
    with qtbot.waitSignal(box.resultsShown, timeout=5000):
        qtbot.keyClicks(box, "n")

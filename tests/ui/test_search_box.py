"""The search box: type, see matches, press Enter, land on the customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from callcenter.storage.models import Complaint, Customer, CustomerPhone


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

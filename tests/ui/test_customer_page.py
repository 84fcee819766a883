"""The customer 360° page while the worker is busy: it never acts on a customer it no longer
shows, and a late answer about one customer never replaces another."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from callcenter.storage.models import Customer, CustomerPhone
from callcenter.ui.customer.page import CustomerPage
from tests.ui.inbound_calls import held

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, context, demo_db) -> CustomerPage:
    context.database = demo_db
    widget = CustomerPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def two_customers_with_phones(db) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two customers (id, name) with numbers, and different names."""
    with db.session() as session:
        rows = session.execute(
            select(Customer.id, Customer.name)
            .where(Customer.id.in_(select(CustomerPhone.customer_id)))
            .order_by(Customer.name)
        ).all()
    first = rows[0]
    second = next(row for row in rows if row.name != first.name)
    return (first.id, first.name), (second.id, second.name)


def held_workers(context):
    """The database and lookup workers are busy (a slow disk, an import) until the block ends."""
    return held(context.tasks, context.lookup_tasks())


def idle(context) -> bool:
    return not context.tasks.busy and not context.lookup_tasks().busy


def open_customer(qtbot, page: CustomerPage, customer_id: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show_customer(customer_id)


def test_call_and_save_wait_for_the_customer_being_opened(qtbot, page, context, demo_db):
    (a_id, _), (b_id, b_name) = two_customers_with_phones(demo_db)
    open_customer(qtbot, page, a_id)
    dialled: list[str] = []
    saved: list[object] = []
    page.dialRequested.connect(dialled.append)
    page.saved.connect(saved.append)
    with held_workers(context):
        page.show_customer(b_id)  # B is loading; the page still shows A
        qtbot.mouseClick(page.call_button, LEFT)
        qtbot.mouseClick(page.save_button, LEFT)
        assert dialled == []  # not A's number
        assert not page.call_button.isEnabled()
        assert not page.save_button.isEnabled()
    qtbot.waitUntil(lambda: page.view is not None and page.view.profile.id == b_id, timeout=5000)
    qtbot.waitUntil(lambda: idle(context), timeout=5000)
    assert saved == []  # nothing of A was saved
    assert page.title.text() == b_name
    assert page.call_button.isEnabled() and page.save_button.isEnabled()
    qtbot.mouseClick(page.call_button, LEFT)
    b_phones = page.view.profile.phones
    assert dialled == [next((p for p in b_phones if p.is_primary), b_phones[0]).e164]


def test_saving_then_opening_another_customer_stays_on_that_customer(qtbot, page, context, demo_db):
    (a_id, _), (b_id, b_name) = two_customers_with_phones(demo_db)
    open_customer(qtbot, page, a_id)
    page.form.company.setText("杭州新锐科技有限公司")
    saved: list[object] = []
    page.saved.connect(saved.append)
    with held_workers(context):
        qtbot.mouseClick(page.save_button, LEFT)  # A's save waits…
        page.show_customer(b_id)  # …and so does B's load
    qtbot.waitUntil(lambda: len(saved) == 1 and idle(context), timeout=5000)
    with demo_db.session() as session:
        company = session.scalar(select(Customer.company).where(Customer.id == a_id))
    assert company == "杭州新锐科技有限公司"
    assert page.view is not None and page.view.profile.id == b_id
    assert page.title.text() == b_name
    assert page.form.name.text() == b_name


def test_reopening_a_customer_while_their_save_is_queued_shows_the_saved_data(
    qtbot, page, context, demo_db
):
    (a_id, _), _ = two_customers_with_phones(demo_db)
    open_customer(qtbot, page, a_id)
    page.form.company.setText("宁波海曙贸易有限公司")
    with held_workers(context):
        qtbot.mouseClick(page.save_button, LEFT)
        page.show_customer(a_id)  # F5, or the pop of the same customer
    qtbot.waitUntil(lambda: idle(context) and page.view is not None, timeout=10000)
    assert page.view.profile.company == "宁波海曙贸易有限公司"
    assert page.form.company.text() == "宁波海曙贸易有限公司"


def test_a_save_that_fails_after_the_agent_moved_on_is_reported(qtbot, page, context, demo_db):
    (a_id, a_name), (b_id, b_name) = two_customers_with_phones(demo_db)
    open_customer(qtbot, page, a_id)
    page.form.company.setText("宁波海曙贸易有限公司")
    with held_workers(context):
        qtbot.mouseClick(page.save_button, LEFT)
        with demo_db.session() as session:  # someone else saves A first
            session.get(Customer, a_id).version += 1
        page.show_customer(b_id)
    qtbot.waitUntil(lambda: idle(context) and page.view is not None, timeout=10000)
    assert page.title.text() == b_name
    boxes = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and a_name in boxes[0].text()
    assert "not saved" in boxes[0].text()
    assert boxes[0].informativeText() == "Someone else changed this record in the meantime."

"""The main window as an agent sees it: work areas filled from the database, keyboard navigation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from callcenter.storage.models import Agent, Call, Complaint, Customer, Lead
from callcenter.ui.main_window import MainWindow


def _column(model, header: str) -> int:
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == header:
            return column
    raise AssertionError(f"no column {header!r}")


def test_the_first_screen_shows_the_newest_calls_with_their_customers(window, demo_db):
    page = window.current_page()
    model = page.model
    assert page is window.pages["inbound"]
    with demo_db.session() as session:
        newest = session.execute(
            select(Call.ring_at, Customer.name)
            .outerjoin(Customer, Customer.id == Call.customer_id)
            .order_by(Call.ring_at.desc(), Call.id.desc())
            .limit(1)
        ).one()
        total = session.scalar(select(func.count()).select_from(Call))
    assert model.rowCount() > 0
    customer = model.index(0, _column(model, "Customer")).data()
    assert customer == (newest.name or "")
    when = model.index(0, _column(model, "Time")).data()
    assert when == newest.ring_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert model.index(0, _column(model, "Direction")).data() in ("Inbound", "Outbound")
    assert total > model.rowCount() > 0


def test_the_count_of_calls_is_shown(qtbot, window, demo_db):
    with demo_db.session() as session:
        total = session.scalar(select(func.count()).select_from(Call))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.count.text() == f"{total} call(s)", timeout=10_000)


def test_ctrl_5_opens_the_complaints_with_their_case_numbers(qtbot, window, demo_db):
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page is window.pages["complaints"]
    assert window.nav.currentRow() == 4
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    with demo_db.session() as session:
        cases = set(session.scalars(select(Complaint.case_number)))
    shown = {
        page.model.index(r, _column(page.model, "Case")).data()
        for r in range(page.model.rowCount())
    }
    assert shown == cases


def test_a_long_list_is_fetched_page_by_page_as_the_agent_scrolls(qtbot, window, demo_db):
    window.nav.setCurrentRow(2)
    page = window.current_page()
    assert page is window.pages["leads"]
    model = page.model
    model._page_size = 25  # the demo list is small; make it span pages
    first_page = []
    model.firstPageLoaded.connect(lambda: first_page.append(model.rowCount()))
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    with qtbot.waitSignal(model.firstPageLoaded, timeout=10_000):
        page.reload()
    assert first_page == [25]  # counted when the page arrived, before the view asks for more
    with demo_db.session() as session:
        total = session.scalar(select(func.count()).select_from(Lead))
    assert total > 50

    def scrolled_to_the_end():
        page.table.scrollToBottom()
        return not model.canFetchMore(model.index(-1, -1)) and not model.loading

    qtbot.waitUntil(scrolled_to_the_end, timeout=30_000)  # fails, rather than hangs, if stuck
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert len(names) == total
    assert len(inserted) >= 3 and max(inserted) == 25  # page by page, never all at once


def test_team_page_lists_every_agent_with_a_translated_role(qtbot, window, demo_db):
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    with demo_db.session() as session:
        logins = sorted(session.scalars(select(Agent.login)))
    model = page.model
    shown = [model.index(r, _column(model, "Login")).data() for r in range(model.rowCount())]
    assert shown == logins
    roles = {model.index(r, _column(model, "Role")).data() for r in range(model.rowCount())}
    assert roles == {"Agent", "Team lead"}


def test_f5_reloads_the_list_and_shows_new_rows(qtbot, window, demo_db):
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    before = page.model.rowCount()
    with demo_db.session() as session:
        session.add(Agent(login="agent9", name="新坐席", role="agent"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=10_000)


def test_the_status_bar_says_where_the_data_is(window):
    assert window.database_state.text() == "Database: demo database"
    assert window.findChild(type(window.agent_state), "demoBadge").text() == "DEMO"
    assert window.phone_state.text() == "Phone: not connected"


def test_navigation_waits_for_the_database(qtbot, context):
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    assert not win.nav.isEnabled()
    assert win.database_state.text() == "Database: opening…"


def test_a_database_that_cannot_be_opened_is_reported(qtbot, context):
    from callcenter.errors import DatabaseUnavailable

    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.databaseFailed):
        win.database_failed(DatabaseUnavailable("Cannot open the database x"))
    assert win.database_state.text() == "Database: unavailable"
    assert not win.nav.isEnabled()
    box = win.findChild(QMessageBox)
    assert box is not None and "cannot be opened" in box.text()
    box.close()


def test_the_shortcuts_the_agent_needs_are_listed(desk):
    listed = dict(desk.shortcut_lines())
    assert listed["F7"] == "Answer"
    assert listed["F8"] == "Hang up / reject"
    assert listed["Ctrl+O"] == "Open the caller's customer record"
    assert listed["Ctrl+F"] == "Search"
    assert "Alt+1 … 7" in listed


def test_no_two_actions_of_the_demo_window_share_a_shortcut(qtbot, context, demo_db):
    """Qt fires neither of two actions with the same key ("ambiguous shortcut")."""
    from collections import Counter

    from PySide6.QtGui import QAction

    from callcenter.ui.bridge import TelephonyBridge
    from tests.fakes.fake_telephony import FakeTelephony

    bridge = TelephonyBridge(FakeTelephony())
    win = MainWindow(context, bridge)  # context.demo: the demo's actions are there too
    qtbot.addWidget(win)
    keys = Counter(
        shortcut.toString()
        for action in win.findChildren(QAction)
        if action.isVisible()
        for shortcut in action.shortcuts()
        if not shortcut.isEmpty()
    )
    assert [key for key, count in keys.items() if count > 1] == []
    bridge.close()

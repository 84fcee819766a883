"""The call lists page: the lists and their figures read on the worker, pause/resume, exports."""

from __future__ import annotations

import csv
import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from callcenter import call_lists, list_progress
from callcenter.call_lists import get_call_list, list_call_lists
from callcenter.list_progress import all_progress
from callcenter.ui.models.call_lists_model import (
    CallListsModel,
    join_rows,
    percent_text,
    weekdays_text,
    window_text,
)
from callcenter.ui.outbound import lists_page as lists_page_module
from callcenter.ui.outbound.lists_page import ListsPage
from tests.fakes.clock import FakeClock

LEFT = Qt.MouseButton.LeftButton
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def page(qtbot, context, demo_db, clock) -> ListsPage:
    context.database = demo_db
    widget = ListsPage(context, clock)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    with qtbot.waitSignal(widget.refreshed, timeout=5000):
        widget.refresh()
    return widget


def cell(page: ListsPage, row: int, key: str) -> str:
    column = CallListsModel.COLUMNS.index(key)
    return page.model.index(row, column).data()


def test_the_model_passes_qtmodeltester(qtmodeltester, demo_db, clock):
    model = CallListsModel()
    rows = join_rows(list_call_lists(demo_db), all_progress(demo_db, now=clock.now()))
    model.set_rows(rows)
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_calling_windows_read_as_people_say_them():
    assert window_text(9 * 60, 21 * 60, 0b0011111, ENGLISH) == "09:00–21:00 Mon–Fri"
    assert weekdays_text(0b1111111, ENGLISH) == "every day"
    assert weekdays_text(0b1100000, ENGLISH) == "Sat, Sun"
    assert weekdays_text(0b1011101, ENGLISH) == "Mon, Wed–Fri, Sun"
    assert window_text(480, 1440, 0b1, ENGLISH) == "08:00–24:00 Mon"
    assert percent_text(0.375, ENGLISH) == "38%"
    assert percent_text(None, ENGLISH) == "–"


def test_the_page_shows_each_list_with_its_figures(page, demo_db, clock):
    (info,) = list_call_lists(demo_db)
    figures = list_progress.list_progress(demo_db, info.id, now=clock.now())
    assert page.model.rowCount() == 1
    assert cell(page, 0, "name") == info.spec.name
    assert cell(page, 0, "status") == "Active"
    assert cell(page, 0, "leads") == QLocale().toString(info.lead_count)
    assert cell(page, 0, "remaining") == QLocale().toString(figures.remaining)
    assert cell(page, 0, "callable_now") == QLocale().toString(figures.callable_now)
    assert cell(page, 0, "contact_rate") == percent_text(figures.contact_rate)

    view = page.progress_view
    assert view.isVisible() and view.title.text() == info.spec.name
    assert view.figures["total"].text() == QLocale().toString(figures.total)
    assert view.figures["attempts"].text() == QLocale().toString(figures.attempts)
    assert view.figures["qualification_rate"].text() == percent_text(figures.qualification_rate)
    shown = view.state_counts()
    assert shown["New"] == QLocale().toString(figures.by_state["new"])
    assert sum(int(n) for n in shown.values()) == figures.total


def test_loading_runs_on_the_worker(page, monkeypatch, qtbot):
    threads = set()
    real = call_lists.list_call_lists

    def spy(db, **kwargs):
        threads.add(threading.current_thread())
        return real(db, **kwargs)

    monkeypatch.setattr(lists_page_module, "list_call_lists", spy)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        qtbot.mouseClick(page.refresh_button, LEFT)
    assert threads and threading.main_thread() not in threads


def test_slow_figures_never_hold_up_the_agents_other_work(page, context, monkeypatch, qtbot):
    """At a million leads the figures take seconds: meanwhile the screen pop, searches and
    saves (the database worker) go on, and the page says it is still loading."""
    release = threading.Event()
    real = list_progress.all_progress

    def slow(db, **kwargs):
        assert release.wait(10)
        return real(db, **kwargs)

    monkeypatch.setattr(lists_page_module, "all_progress", slow)
    qtbot.mouseClick(page.refresh_button, LEFT)
    answers: list[int] = []
    context.tasks.run(lambda: 42, answers.append)
    try:
        qtbot.waitUntil(lambda: answers == [42], timeout=5000)
        assert page.count.text() == "Loading…"
        assert not page.refresh_button.isEnabled()
    finally:
        release.set()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        pass
    assert page.refresh_button.isEnabled()


def test_pause_makes_the_list_inactive_and_resume_undoes_it(page, demo_db, qtbot):
    (info,) = list_call_lists(demo_db)
    assert page.pause_button.text() == "Pause"
    with qtbot.waitSignals([page.listsChanged, page.refreshed], timeout=5000):
        qtbot.mouseClick(page.pause_button, LEFT)
    assert get_call_list(demo_db, info.id).spec.active is False
    assert cell(page, 0, "status") == "Paused"
    assert cell(page, 0, "callable_now") == "0"
    assert page.pause_button.text() == "Resume"
    assert "paused" in page.status.text()

    with qtbot.waitSignals([page.listsChanged, page.refreshed], timeout=5000):
        qtbot.mouseClick(page.pause_button, LEFT)
    assert get_call_list(demo_db, info.id).spec.active is True
    assert cell(page, 0, "status") == "Active"


def test_export_progress_writes_the_figures_shown(page, demo_db, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "progress.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(page.exported, timeout=5000):
        qtbot.mouseClick(page.export_button, LEFT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == page.model.rowCount() == 1
    (row,) = rows
    shown = page.model.row(0)
    assert row["name"] == cell(page, 0, "name")
    assert int(row["total"]) == shown.info.lead_count == shown.progress.total
    assert row["remaining"] == cell(page, 0, "remaining")
    assert row["callable_now"] == cell(page, 0, "callable_now")
    assert percent_text(float(row["contact_rate"])) == cell(page, 0, "contact_rate")
    assert percent_text(float(row["qualification_rate"])) == cell(page, 0, "qualification_rate")
    assert str(target) in page.status.text()


def test_export_progress_as_a_workbook_by_the_chosen_filter(page, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "progress"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "Excel workbook (*.xlsx)")),
    )
    with qtbot.waitSignal(page.exported, timeout=5000) as done:
        qtbot.mouseClick(page.export_button, LEFT)
    assert done.args == [str(tmp_path / "progress.xlsx")]
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "progress.xlsx").active
    assert [c.value for c in next(sheet.iter_rows(min_row=2))][1] == cell(page, 0, "name")


def test_export_hand_offs_writes_the_qualified_leads_of_the_list(
    page, qtbot, tmp_path, monkeypatch
):
    target = tmp_path / "handoffs.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(page.exported, timeout=5000):
        qtbot.mouseClick(page.handoff_button, LEFT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == page.model.row(0).progress.qualified
    assert f"{len(rows)} qualified lead(s)" in page.status.text()


def test_a_cancelled_file_dialog_exports_nothing(page, qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    with qtbot.assertNotEmitted(page.exported, wait=200):
        qtbot.mouseClick(page.export_button, LEFT)


def test_import_leads_asks_for_the_selected_list_by_name(page, qtbot):
    with qtbot.waitSignal(page.importLeadsRequested, timeout=1000) as asked:
        qtbot.mouseClick(page.import_button, LEFT)
    assert asked.args == [cell(page, 0, "name")]


def test_a_list_made_with_new_list_appears_in_the_table(page, demo_db, qtbot):
    qtbot.mouseClick(page.new_button, LEFT)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor.name, "Renewals")
    editor.priority.setValue(20)
    with qtbot.waitSignals([page.listsChanged, page.refreshed], timeout=5000):
        qtbot.mouseClick(editor.save_button, LEFT)
    assert page.model.rowCount() == 2
    assert cell(page, 0, "name") == "Renewals"  # the higher priority comes first
    assert page.selected().name == "Renewals"
    assert page.progress_view.figures["total"].text() == "0"


def test_double_click_opens_the_list_in_the_editor(page, qtbot):
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), LEFT, pos=rect.center())
    editor = page.editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.name.text() == cell(page, 0, "name"), timeout=5000)
    editor.reject()


@pytest.fixture
def two_lists(page, demo_db, clock, qtbot) -> tuple[str, str]:
    """The demo list and a second one, both shown; the demo list's id first."""
    (demo,) = list_call_lists(demo_db)
    other = call_lists.create_call_list(
        demo_db, call_lists.CallListSpec(name="Renewals"), now=clock.now()
    )
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.refresh()
    return demo.id, other.id


def click_list(page: ListsPage, qtbot, list_id: str) -> None:
    row = page.model.row_of(list_id)
    assert row is not None
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), LEFT, pos=rect.center())
    assert page.selected().id == list_id


def test_a_paused_list_offers_resume_before_the_figures_are_back(
    page, two_lists, context, demo_db, qtbot
):
    demo_id, other_id = two_lists
    click_list(page, qtbot, demo_id)
    gate = threading.Event()
    try:
        context.report_tasks().run(lambda: gate.wait(10))  # the slow figures
        with qtbot.waitSignal(page.listsChanged, timeout=5000):
            qtbot.mouseClick(page.pause_button, LEFT)
        click_list(page, qtbot, other_id)
        click_list(page, qtbot, demo_id)
        assert cell(page, page.model.row_of(demo_id), "status") == "Paused"
        assert page.pause_button.isEnabled()
        assert page.pause_button.text() == "Resume"
        with qtbot.waitSignal(page.listsChanged, timeout=5000):
            qtbot.mouseClick(page.pause_button, LEFT)
        assert get_call_list(demo_db, demo_id).spec.active is True
        assert page.pause_button.text() == "Pause"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not context.report_tasks().busy, timeout=5000)
    assert get_call_list(demo_db, demo_id).spec.active is True
    assert cell(page, page.model.row_of(demo_id), "status") == "Active"


def test_pause_stays_off_while_that_list_is_being_paused(page, two_lists, context, demo_db, qtbot):
    demo_id, other_id = two_lists
    click_list(page, qtbot, demo_id)
    gate = threading.Event()
    try:
        context.tasks.run(lambda: gate.wait(10))
        qtbot.mouseClick(page.pause_button, LEFT)
        click_list(page, qtbot, other_id)
        assert page.pause_button.isEnabled()  # another list: nothing pending for it
        click_list(page, qtbot, demo_id)
        assert not page.pause_button.isEnabled()
        qtbot.mouseClick(page.pause_button, LEFT)
    finally:
        gate.set()
    qtbot.waitUntil(
        lambda: not context.tasks.busy and not context.report_tasks().busy, timeout=5000
    )
    assert get_call_list(demo_db, demo_id).spec.active is False
    assert page.selected().id == demo_id
    assert page.pause_button.isEnabled()
    assert page.pause_button.text() == "Resume"


def test_figures_read_before_a_pause_do_not_bring_back_active(
    page, context, demo_db, monkeypatch, qtbot
):
    """A refresh that read the lists before the pause was saved is superseded by the one
    started after it: the list never flips back to Active meanwhile."""
    (info,) = list_call_lists(demo_db)
    gates = [threading.Event(), threading.Event()]
    started: list[int] = []
    real = list_progress.all_progress

    def slow(db, **kwargs):
        started.append(len(started))
        assert gates[started[-1]].wait(10)
        return real(db, **kwargs)

    monkeypatch.setattr(lists_page_module, "all_progress", slow)
    try:
        page.refresh()  # reads the lists (active), then waits for its figures
        qtbot.waitUntil(lambda: len(started) == 1, timeout=5000)
        with qtbot.waitSignal(page.listsChanged, timeout=5000):
            qtbot.mouseClick(page.pause_button, LEFT)  # saved; a second refresh is queued
        assert page.pause_button.text() == "Resume"
        gates[0].set()
        qtbot.waitUntil(lambda: len(started) == 2, timeout=5000)
        QApplication.processEvents()  # the first refresh's answer, posted before that
        assert cell(page, 0, "status") == "Paused"
        assert page.pause_button.text() == "Resume"
    finally:
        for gate in gates:
            gate.set()
    qtbot.waitUntil(lambda: not context.report_tasks().busy, timeout=5000)
    assert get_call_list(demo_db, info.id).spec.active is False
    assert cell(page, 0, "status") == "Paused"

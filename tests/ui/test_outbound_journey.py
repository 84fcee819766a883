"""One agent's outbound work from end to end, in the real main window: a new call list with a
screening script, a lead file imported into it, "Next lead", the call, the script, "Qualified",
and the hand-off arriving at the sales webhook."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTime
from sqlalchemy import select

from callcenter.handoff import handoff_key
from callcenter.storage.models import Call, CallList, Lead, LeadState

LEFT = Qt.MouseButton.LeftButton
LIST = "Trade fair 2026"
LEADS_CSV = (
    "姓名,手机,公司,城市\n"
    "王建国,139 1234 5678,杭州云启科技,杭州\n"
    "李晓梅,+86 137-2222-3333,苏州恒远贸易,苏州\n"
    "王建国,13912345678,杭州云启科技,杭州\n"  # the same number again: dropped
    "赵六,12345,坏号码公司,上海\n"  # not a phone number: reported
)


def _tick(qtbot, box) -> None:
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def _new_list_with_a_script(qtbot, desk) -> None:
    desk.go_to(list(desk.pages).index("lists"))
    editor = desk.outbound.lists_page.new_list()
    qtbot.keyClicks(editor.name, LIST)
    editor.priority.setValue(50)
    editor.window_start.setTime(QTime(0, 0))  # any hour: the test must not depend on the time
    editor.window_end.setTime(QTime(0, 0))  # of day it runs at (00:00 as the end is midnight)
    script = editor.script_editor
    _tick(qtbot, script.use_script)
    qtbot.mouseClick(script.add_question_button, LEFT)
    qtbot.keyClicks(script.question_texts["en"], "Are you planning a new office network?")
    script.yes_points.setValue(10)
    script.threshold.setValue(10)
    assert editor.problems == {}
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.save_button, LEFT)


def _import(qtbot, desk, tmp_path):
    path = tmp_path / "展会线索.csv"
    path.write_bytes(LEADS_CSV.encode("gb18030"))
    desk.outbound.import_file(path, LIST)
    qtbot.waitUntil(lambda: desk.outbound.import_dialog is not None, timeout=5000)
    dialog = desk.outbound.import_dialog
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    assert dialog.list_combo.currentText() == LIST
    with qtbot.waitSignal(dialog.finished_import, timeout=10000) as finished:
        qtbot.mouseClick(dialog.import_button, LEFT)
    return finished.args[0]


def test_import_next_lead_call_script_qualified_hand_off(
    qtbot, desk, phone, demo_db, receiver, tmp_path
):
    desk.context.settings.handoff_webhook_url = receiver.url
    _new_list_with_a_script(qtbot, desk)

    result = _import(qtbot, desk, tmp_path)
    assert (result.imported, result.duplicates, result.invalid) == (2, 1, 1)

    page = desk.outbound.dialer_page
    desk.go_to(list(desk.pages).index("dialer"))
    qtbot.waitUntil(lambda: page.list_filter.findText(LIST) >= 0, timeout=5000)
    page.list_filter.setCurrentIndex(page.list_filter.findText(LIST))
    with qtbot.waitSignal(page.leadShown, timeout=5000) as shown:
        qtbot.mouseClick(page.next_button, LEFT)
    card = shown.args[0]
    assert card.call_list_name == LIST
    assert card.name in {"王建国", "李晓梅"}

    # The call goes out through the phone and is logged with the lead.
    with qtbot.waitSignal(desk.calls.leadCallLogged, timeout=5000):
        qtbot.mouseClick(page.call_button, LEFT)
    assert ("dial", card.phone_e164) in phone.commands
    call = desk.calls.call
    phone.answer_remote(call.call_id)
    qtbot.waitUntil(lambda: page.call_state == "talking", timeout=5000)
    with qtbot.waitSignal(desk.calls.leadCallEnded, timeout=5000):
        phone.hang_up_remote(call.call_id)

    # The script: one yes/no question worth the whole threshold.
    (question,) = page.script_form.inputs.values()
    qtbot.mouseClick(question.buttons[True], LEFT)
    assert page.script_form.result.qualified
    with qtbot.waitSignal(page.outcomeRecorded, timeout=5000) as recorded:
        qtbot.mouseClick(page.outcome_bar.buttons["qualified"], LEFT)
    outcome = recorded.args[0]
    assert outcome.state == LeadState.QUALIFIED
    assert outcome.handoff_key == handoff_key(card.lead_id)

    # Sales receives it once, and the lead is marked handed off.
    qtbot.waitUntil(lambda: outcome.handoff_key in receiver.recorded, timeout=10000)
    posted = receiver.recorded[outcome.handoff_key]
    assert posted["call_list"] == LIST
    assert (posted["lead"]["name"], posted["lead"]["phone_e164"]) == (card.name, card.phone_e164)
    assert posted["screening"]["score"] == 10
    assert list(posted["screening"]["answers"].values()) == [True]
    qtbot.waitUntil(lambda: _state(demo_db, card.lead_id) == LeadState.HANDED_OFF, timeout=5000)
    assert receiver.count(outcome.handoff_key) == 1
    with demo_db.session() as session:
        logged = session.scalars(select(Call).where(Call.lead_id == card.lead_id)).one()
        assert logged.answers is not None and logged.end_at is not None


def _state(db, lead_id: str) -> str:
    with db.session() as session:
        return session.get(Lead, lead_id).state


def test_closing_the_window_cancels_an_import_and_leaves_nothing(qtbot, desk, demo_db, tmp_path):
    path = tmp_path / "big.csv"
    rows = "".join(f"客户{i},139{i:08d}\n" for i in range(60_000))
    path.write_text("姓名,手机\n" + rows, encoding="utf-8")
    desk.outbound.import_file(path, "Closing time")
    qtbot.waitUntil(lambda: desk.outbound.import_dialog is not None, timeout=5000)
    dialog = desk.outbound.import_dialog
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: dialog.progress.running, timeout=5000)

    desk.close()
    qtbot.waitUntil(lambda: not desk.context.tasks.busy, timeout=20000)

    with demo_db.session() as session:
        assert session.scalars(select(CallList).where(CallList.name == "Closing time")).all() == []

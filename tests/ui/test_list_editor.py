"""The call list editor: settings, calling window, retries and the screening script, saved on
the worker into a real database; problems shown beside their fields while typing."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from callcenter.call_lists import CallListSpec, get_call_list, list_call_lists, update_call_list
from callcenter.demo import SCRIPT
from callcenter.ui.outbound.list_editor import ListEditor
from tests.fakes.clock import FakeClock

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def db(context, demo_db):
    context.database = demo_db
    return demo_db


@pytest.fixture
def demo_list(db):
    (info,) = list_call_lists(db)
    return info


def open_editor(qtbot, context, clock, list_id=None) -> ListEditor:
    editor = ListEditor(context, list_id, clock=clock)
    qtbot.addWidget(editor)
    if list_id is not None:
        with qtbot.waitSignal(editor.loaded, timeout=5000):
            editor.show()
    else:
        editor.show()
    return editor


def tick(qtbot, box) -> None:
    """Click a check box on its indicator, as a user does."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def problem(editor: ListEditor, field: str) -> str | None:
    """The problem shown beside ``field``, or ``None`` when none is shown."""
    label = editor.problem_labels[field]
    return label.text() if label.isVisible() else None


def test_a_list_created_in_the_editor_is_stored_exactly(qtbot, context, db, clock):
    editor = open_editor(qtbot, context, clock)
    editor.name.setText("春季回访 ")  # QTest types ASCII only
    qtbot.keyClicks(editor.name, "Spring follow-up")
    editor.window_start.setTime(QTime(10, 0))
    editor.window_end.setTime(QTime(18, 0))
    for bit in (5, 6):  # Saturday, Sunday
        tick(qtbot, editor.weekdays[bit])
    editor.retry_busy.setValue(30)

    script = editor.script_editor
    tick(qtbot, script.use_script)
    qtbot.mouseClick(script.add_question_button, LEFT)
    qtbot.keyClicks(script.question_texts["en"], "Do you own the company?")
    script.yes_points.setValue(5)
    script.threshold.setValue(5)
    assert editor.problems == {}
    assert editor.save_button.isEnabled()

    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, LEFT)
    stored = get_call_list(db, saved.args[0].id)
    assert stored.spec == CallListSpec(
        name="春季回访 Spring follow-up",
        description=None,
        priority=0,
        active=True,
        window_start_minute=10 * 60,
        window_end_minute=18 * 60,
        weekdays=0b0011111,
        retry_rules={"busy": 30, "no_answer": 120},
        max_attempts=5,
        script={
            "version": 1,
            "threshold": 5,
            "questions": [
                {
                    "id": "q1",
                    "type": "yes_no",
                    "text": {"en": "Do you own the company?"},
                    "scores": {"yes": 5, "no": 0},
                }
            ],
        },
    )
    assert not editor.isVisible()


def test_invalid_input_disables_save_and_shows_the_problem_beside_the_field(
    qtbot, context, db, clock
):
    editor = open_editor(qtbot, context, clock)
    assert not editor.save_button.isEnabled()
    assert problem(editor, "name") == "Required."

    qtbot.keyClicks(editor.name, "Autumn")
    assert problem(editor, "name") is None
    assert editor.save_button.isEnabled()

    editor.window_start.setTime(QTime(18, 0))
    editor.window_end.setTime(QTime(10, 0))
    assert problem(editor, "window") == "The window must end after it starts."
    assert not editor.save_button.isEnabled()
    editor.window_end.setTime(QTime(20, 0))
    assert problem(editor, "window") is None

    for box in editor.weekdays:
        tick(qtbot, box)
    assert problem(editor, "weekdays") == "Choose at least one day."
    assert not editor.save_button.isEnabled()
    tick(qtbot, editor.weekdays[0])
    assert problem(editor, "weekdays") is None
    assert editor.save_button.isEnabled()

    editor.name.clear()
    assert problem(editor, "name") == "Required."
    assert not editor.save_button.isEnabled()


def test_a_taken_name_is_shown_on_the_name_field_after_save(qtbot, context, db, clock, demo_list):
    editor = open_editor(qtbot, context, clock)
    editor.name.setText("  " + demo_list.spec.name.upper())  # QTest types ASCII only
    qtbot.keyClicks(editor.name, " ")
    assert editor.save_button.isEnabled()  # only the database knows the name is taken
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: problem(editor, "name") is not None, timeout=5000)
    assert problem(editor, "name") == "Another call list already has this name."
    assert editor.isVisible()
    assert not editor.save_button.isEnabled()
    assert len(list_call_lists(db)) == 1

    qtbot.keyClicks(editor.name, "2")
    assert problem(editor, "name") is None
    assert editor.save_button.isEnabled()


def test_the_demo_script_round_trips_through_the_structured_editor_and_json(
    qtbot, context, db, clock, demo_list
):
    editor = open_editor(qtbot, context, clock, demo_list.id)
    script = editor.script_editor
    assert script.use_script.isChecked()
    assert script.questions.count() == len(SCRIPT["questions"])
    for row in range(script.questions.count()):  # every question's widgets get filled in
        script.questions.setCurrentRow(row)
    assert script.script() == SCRIPT

    script.tabs.setCurrentIndex(1)
    assert json.loads(script.json.toPlainText()) == SCRIPT
    script.tabs.setCurrentIndex(0)
    assert script.script() == SCRIPT
    assert editor.problems == {}

    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.save_button, LEFT)
    assert saved.args[0].version == demo_list.version  # nothing changed, nothing written
    assert get_call_list(db, demo_list.id).spec.script == SCRIPT


def test_structured_edits_show_in_the_json_and_json_edits_in_the_questions(
    qtbot, context, db, clock, demo_list
):
    editor = open_editor(qtbot, context, clock, demo_list.id)
    script = editor.script_editor
    script.questions.setCurrentRow(0)
    script.yes_points.setValue(25)
    script.questions.setCurrentRow(1)
    script.options.item(1, 3).setText("12")  # unicom
    expected = copy.deepcopy(SCRIPT)
    expected["questions"][0]["scores"]["yes"] = 25
    expected["questions"][1]["options"][1]["score"] = 12

    script.tabs.setCurrentIndex(1)
    assert json.loads(script.json.toPlainText()) == expected
    expected["threshold"] = 70
    script.json.setPlainText(json.dumps(expected, ensure_ascii=False))
    script.tabs.setCurrentIndex(0)
    assert script.threshold.value() == 70
    assert script.script() == expected

    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.save_button, LEFT)
    assert get_call_list(db, demo_list.id).spec.script == expected


def test_a_broken_script_disables_save_and_says_where(qtbot, context, db, clock, demo_list):
    editor = open_editor(qtbot, context, clock, demo_list.id)
    script = editor.script_editor
    script.questions.setCurrentRow(1)
    script.options.item(2, 0).setText("telecom")  # a second option with the same id
    assert not editor.save_button.isEnabled()
    assert script.problems.isVisible()
    assert "Question 2, option 3, ID: Used twice." in script.problems.text()

    script.options.item(2, 0).setText("mobile")
    assert editor.save_button.isEnabled()
    assert not script.problems.isVisible()

    script.tabs.setCurrentIndex(1)
    script.json.setPlainText('{"version": 1, "threshold": ')
    assert not editor.save_button.isEnabled()
    assert script.problems.isVisible()
    script.tabs.setCurrentIndex(0)  # refused: the text cannot be shown as questions
    assert script.tabs.currentIndex() == 1
    assert "line 1" in script.problems.text()


def test_questions_are_added_removed_and_moved(qtbot, context, db, clock):
    editor = open_editor(qtbot, context, clock)
    qtbot.keyClicks(editor.name, "Questions")
    script = editor.script_editor
    tick(qtbot, script.use_script)
    assert "script.questions" in editor.problems  # a script needs a question
    for text in ("First?", "Second?", "Third?"):
        qtbot.mouseClick(script.add_question_button, LEFT)
        qtbot.keyClicks(script.question_texts["en"], text)
    qtbot.mouseClick(script.down_button, LEFT)  # the last one cannot go down
    qtbot.mouseClick(script.up_button, LEFT)
    ids = [q["id"] for q in script.script()["questions"]]
    assert ids == ["q1", "q3", "q2"]
    assert script.questions.currentRow() == 1
    qtbot.mouseClick(script.remove_question_button, LEFT)
    assert [q["id"] for q in script.script()["questions"]] == ["q1", "q2"]

    script.questions.setCurrentRow(1)
    script.question_type.setCurrentIndex(script.question_type.findData("number"))
    script.question_type.activated.emit(script.question_type.currentIndex())
    qtbot.mouseClick(script.findChild(type(script.add_question_button), "addBand"), LEFT)
    script.bands.item(0, 1).setText("")  # no upper limit
    script.bands.item(0, 2).setText("7")
    assert script.script()["questions"][1] == {
        "id": "q2",
        "type": "number",
        "text": {"en": "Second?"},
        "bands": [{"min": 0, "score": 7}],
    }
    assert editor.problems == {}


def test_someone_elses_save_offers_a_reload(qtbot, context, db, clock, demo_list):
    editor = open_editor(qtbot, context, clock, demo_list.id)
    changed = CallListSpec(**{**demo_list.spec.__dict__, "priority": 42})
    update_call_list(db, demo_list.id, changed, expected_version=demo_list.version, now=clock.now())

    editor.priority.setValue(3)
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(lambda: editor.stale_box is not None and editor.stale_box.isVisible())
    assert "Someone else changed this list" in editor.stale_box.text()
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        editor.stale_box.button(QMessageBox.StandardButton.Yes).click()
    assert editor.priority.value() == 42
    assert get_call_list(db, demo_list.id).spec.priority == 42

    editor.priority.setValue(3)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.save_button, LEFT)
    assert get_call_list(db, demo_list.id).spec.priority == 3

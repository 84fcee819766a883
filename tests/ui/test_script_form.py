"""The screening script form, driven as an agent would: each question type gives the answer the
screening service expects, and the live verdict follows the answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit

from callcenter import screening
from callcenter.demo import SCRIPT as DEMO_SCRIPT
from callcenter.ui.outbound.script_form import ScriptForm

SCRIPT = {
    "version": 1,
    "threshold": 5,
    "questions": [
        {
            "id": "owner",
            "type": "yes_no",
            "text": {"en": "Are you the owner?", "zh": "您是老板吗？"},
            "scores": {"yes": 3, "no": 1},
            "required": True,
        },
        {
            "id": "size",
            "type": "single_choice",
            "text": {"en": "Company size"},
            "options": [
                {"id": "small", "text": {"en": "Small"}, "score": 1},
                {"id": "big", "text": {"en": "Big"}, "score": 2},
            ],
        },
        {
            "id": "needs",
            "type": "multiple_choice",
            "text": {"en": "Needs"},
            "options": [
                {"id": "fast", "text": {"en": "Fast"}, "score": 1},
                {"id": "cheap", "text": {"en": "Cheap"}, "score": 2},
                {"id": "ip", "text": {"en": "Static IP"}, "score": 4},
            ],
        },
        {
            "id": "staff",
            "type": "number",
            "text": {"en": "Employees"},
            "unit": {"en": "people"},
            "bands": [{"min": 0, "max": 9, "score": 0}, {"min": 10, "score": 2}],
        },
        {"id": "remarks", "type": "text", "text": {"en": "Remarks"}},
    ],
}


@pytest.fixture
def form(qtbot) -> ScriptForm:
    widget = ScriptForm()
    qtbot.addWidget(widget)
    widget.set_script(SCRIPT)
    widget.show()
    return widget


def _number(form: ScriptForm, question_id: str) -> QLineEdit:
    return form.inputs[question_id].findChild(QLineEdit)


def _option(form: ScriptForm, question_id: str, option_id: str) -> QCheckBox:
    return next(
        box
        for box in form.inputs[question_id].findChildren(QCheckBox)
        if box.property("option") == option_id
    )


def test_nothing_answered_gives_an_empty_dict_and_names_the_missing_required_question(form):
    assert form.answers() == {}
    assert form.verdict.text() == (
        "Score 0 of threshold 5 — does not qualify (missing: Are you the owner?)"
    )
    assert form.question_labels["owner"].text().endswith("*")
    assert not form.question_labels["size"].text().endswith("*")


def test_yes_no_gives_a_bool_and_can_be_unanswered_again(qtbot, form):
    choice = form.inputs["owner"]
    qtbot.mouseClick(choice.buttons[False], Qt.MouseButton.LeftButton)
    assert form.answers() == {"owner": False}
    qtbot.mouseClick(choice.buttons[True], Qt.MouseButton.LeftButton)
    assert form.answers() == {"owner": True}
    assert form.verdict.text() == "Score 3 of threshold 5 — does not qualify"
    qtbot.mouseClick(choice.clear_button, Qt.MouseButton.LeftButton)
    assert form.answers() == {}


def test_single_choice_gives_the_option_id(qtbot, form):
    qtbot.mouseClick(form.inputs["size"].buttons["big"], Qt.MouseButton.LeftButton)
    assert form.answers() == {"size": "big"}


def test_multiple_choice_gives_a_list_of_option_ids_in_script_order(qtbot, form):
    qtbot.mouseClick(_option(form, "needs", "ip"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_option(form, "needs", "fast"), Qt.MouseButton.LeftButton)
    assert form.answers() == {"needs": ["fast", "ip"]}
    qtbot.mouseClick(_option(form, "needs", "fast"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_option(form, "needs", "ip"), Qt.MouseButton.LeftButton)
    assert form.answers() == {}


def test_number_gives_an_int_or_a_float_and_blank_is_unanswered(qtbot, form):
    edit = _number(form, "staff")
    qtbot.keyClicks(edit, "12")
    assert form.answers() == {"staff": 12}
    edit.clear()
    qtbot.keyClicks(edit, "12.5")
    assert form.answers() == {"staff": 12.5}
    edit.clear()
    assert form.answers() == {}
    qtbot.keyClicks(edit, "abc")  # the validator refuses letters
    assert form.answers() == {}


def test_a_number_outside_every_band_is_explained(qtbot, form):
    qtbot.keyClicks(_number(form, "staff"), "-3")
    assert form.result is None
    assert form.verdict.text() == "Employees: this number is outside the expected range"


def test_free_text_gives_the_text_and_blank_is_unanswered(qtbot, form):
    edit = form.inputs["remarks"]
    qtbot.keyClicks(edit, "   ")
    assert form.answers() == {}
    qtbot.keyClicks(edit, "call after 3")
    assert form.answers() == {"remarks": "   call after 3"}


def test_a_full_answer_set_is_what_the_service_expects_and_qualifies_live(qtbot, form):
    with qtbot.waitSignal(form.verdictChanged) as verdict:
        qtbot.mouseClick(form.inputs["owner"].buttons[True], Qt.MouseButton.LeftButton)
    assert verdict.args[0].score == 3
    qtbot.mouseClick(form.inputs["size"].buttons["small"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_option(form, "needs", "cheap"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(_number(form, "staff"), "10")
    qtbot.keyClicks(form.inputs["remarks"], "ok")
    answers = form.answers()
    assert answers == {
        "owner": True,
        "size": "small",
        "needs": ["cheap"],
        "staff": 10,
        "remarks": "ok",
    }
    assert screening.normalize_answers(SCRIPT, answers) == answers
    assert form.result is not None and form.result.qualified
    assert form.result.score == 8
    assert form.verdict.text() == "Score 8 of threshold 5 — qualifies"


def test_the_override_needs_the_checkbox_and_gives_the_reason(qtbot, form):
    assert not form.override_reason.isEnabled()
    assert form.reason() is None
    qtbot.mouseClick(form.override, Qt.MouseButton.LeftButton)
    assert form.override_choice()
    assert form.reason() is None
    qtbot.keyClicks(form.override_reason, "  knows our CEO ")
    assert form.reason() == "knows our CEO"
    form.clear()
    assert not form.override_choice()
    assert form.override_reason.text() == ""


def test_clear_resets_every_answer(qtbot, form):
    qtbot.mouseClick(form.inputs["owner"].buttons[True], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.inputs["remarks"], "x")
    form.clear()
    assert form.answers() == {}


def test_without_a_script_the_form_says_so(qtbot):
    widget = ScriptForm()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_script(None)
    assert not widget.has_script
    assert widget.message.isVisible()
    assert "no screening script" in widget.message.text()
    assert widget.answers() == {}
    assert not widget.override.isVisible()


def test_an_unreadable_script_is_reported_not_crashed_on(qtbot):
    widget = ScriptForm()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_script({"version": 1, "questions": []})
    assert not widget.has_script
    assert "cannot be read" in widget.message.text()


def test_the_demo_script_is_shown_in_english(form):
    form.set_script(DEMO_SCRIPT)
    assert set(form.inputs) == {q["id"] for q in DEMO_SCRIPT["questions"]}
    assert form.question_labels["provider"].text() == "Who is your current provider?"
    assert form.verdict.text() == "Score 0 of threshold 60 — does not qualify"

"""Outcomes with screening: answers scored and saved on the call, qualification, hand-off."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

import callcenter.dialer as dialer_module
from callcenter.dialer import OVERRIDE_AUDIT_ACTION, Outcome
from callcenter.handoff import handoff_key
from callcenter.storage.models import (
    AuditEntry,
    Call,
    DncNumber,
    HandoffMessage,
    Lead,
    LeadState,
)
from callcenter.validation import ValidationError
from tests.domain.dialer_world import NOW, World

SCRIPT = {
    "version": 1,
    "threshold": 60,
    "questions": [
        {
            "id": "has_line",
            "type": "yes_no",
            "text": {"zh": "有专线吗？", "en": "Has a leased line?"},
            "scores": {"yes": 40, "no": 0},
        },
        {
            "id": "seats",
            "type": "number",
            "text": {"zh": "座席数", "en": "Seats"},
            "bands": [{"min": 0, "max": 19, "score": 5}, {"min": 20, "score": 30}],
        },
        {"id": "remarks", "type": "text", "text": {"zh": "备注", "en": "Remarks"}},
    ],
}
QUALIFYING = {"has_line": True, "seats": 25, "remarks": "想要报价"}  # 70 points
BELOW = {"has_line": True, "seats": 5}  # 45 points


class Desk:
    """One agent with one reserved lead of a list (with or without a script)."""

    def __init__(self, world: World, script: dict | None = SCRIPT, score: float = 12.0) -> None:
        self.world = world
        self.list_id = world.call_list(script=script)
        self.lead_id = world.lead(self.list_id, score=score)
        self.agent = world.agent()
        card = world.dialer.next_lead(self.agent)
        assert card is not None and card.lead_id == self.lead_id
        self.phone = card.phone_e164

    def call(self, *, lead_id: str | None = "lead", minutes_ago: int = 3, **fields: Any) -> str:
        values: dict[str, Any] = {
            "direction": "outbound",
            "agent_id": self.agent,
            "remote_e164": self.phone,
            "lead_id": self.lead_id if lead_id == "lead" else lead_id,
            "ring_at": NOW - timedelta(minutes=minutes_ago),
            **fields,
        }
        return self.world.add(Call(**values))

    def outcome(self, outcome: Outcome | str, **options: Any):
        return self.world.dialer.record_outcome(self.lead_id, self.agent, outcome, **options)

    def lead(self) -> Lead:
        return self.world.get(Lead, self.lead_id)

    def handoffs(self) -> list[HandoffMessage]:
        with self.world.db.session() as session:
            return list(session.scalars(select(HandoffMessage)))

    def audit(self) -> list[AuditEntry]:
        with self.world.db.session() as session:
            return list(
                session.scalars(select(AuditEntry).where(AuditEntry.entity_id == self.lead_id))
            )

    def assert_nothing_changed(self, *calls: str) -> None:
        lead = self.lead()
        assert (lead.state, lead.attempts, lead.score) == (LeadState.NEW, 0, 12.0)
        assert lead.reserved_by == self.agent  # still the agent's: they can correct and retry
        assert lead.qualified_at is None
        assert self.handoffs() == []
        assert self.audit() == []
        for call_id in calls:
            assert self.world.get(Call, call_id).answers is None


def test_qualified_without_a_script_qualifies_and_enqueues_the_hand_off(world):
    desk = Desk(world, script=None)

    result = desk.outcome(Outcome.QUALIFIED)

    assert (result.state, result.score, result.overridden) == (LeadState.QUALIFIED, None, False)
    assert result.handoff_key == handoff_key(desk.lead_id)
    lead = desk.lead()
    assert (lead.state, lead.score, lead.qualified_at) == (LeadState.QUALIFIED, 12.0, NOW)
    [message] = desk.handoffs()
    assert (message.lead_id, message.idempotency_key) == (desk.lead_id, result.handoff_key)
    assert message.status == "pending"


def test_answers_without_a_script_are_refused(world):
    desk = Desk(world, script=None)
    with pytest.raises(ValidationError) as caught:
        desk.outcome(Outcome.QUALIFIED, answers={"has_line": True})
    assert caught.value.field_codes == {"answers": "no_script"}
    desk.assert_nothing_changed()


def test_qualifying_answers_qualify_score_the_lead_and_go_on_the_call(world):
    desk = Desk(world)
    call_id = desk.call()

    result = desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING, call_id=call_id)

    assert (result.state, result.score, result.overridden) == (LeadState.QUALIFIED, 70.0, False)
    assert desk.lead().score == 70.0
    assert world.get(Call, call_id).answers == QUALIFYING
    [message] = desk.handoffs()
    assert message.idempotency_key == result.handoff_key
    assert message.payload["screening"] == {
        "score": 70.0,
        "threshold": 60,
        "answers": QUALIFYING,
    }
    assert desk.audit() == []  # no override


def test_qualified_below_the_threshold_is_refused_and_nothing_changes(world):
    desk = Desk(world)
    call_id = desk.call()

    with pytest.raises(ValidationError) as caught:
        desk.outcome(Outcome.QUALIFIED, answers=BELOW, call_id=call_id)

    assert caught.value.field_codes == {"outcome": "not_qualified"}
    desk.assert_nothing_changed(call_id)
    # The agent may still record another outcome for the lead they hold.
    assert desk.outcome(Outcome.NOT_INTERESTED, answers=BELOW).state == LeadState.NOT_INTERESTED


def test_qualified_without_answers_on_a_scripted_list_is_refused(world):
    desk = Desk(world)
    with pytest.raises(ValidationError) as caught:
        desk.outcome(Outcome.QUALIFIED)
    assert caught.value.field_codes == {"outcome": "not_qualified"}
    desk.assert_nothing_changed()


def test_an_override_to_qualified_needs_a_reason(world):
    desk = Desk(world)
    call_id = desk.call()

    with pytest.raises(ValidationError) as caught:
        desk.outcome(Outcome.QUALIFIED, answers=BELOW, override=True, call_id=call_id)
    assert caught.value.field_codes == {"reason": "override_reason_required"}
    desk.assert_nothing_changed(call_id)

    with pytest.raises(ValidationError):
        desk.outcome(
            Outcome.QUALIFIED, answers=BELOW, override=True, override_reason="   ", call_id=call_id
        )
    desk.assert_nothing_changed(call_id)


def test_an_override_to_qualified_with_a_reason_is_kept_in_the_audit_log_and_hand_off(world):
    desk = Desk(world)
    call_id = desk.call()
    reason = "决策人亲口确认下月采购"

    result = desk.outcome(
        Outcome.QUALIFIED, answers=BELOW, override=True, override_reason=reason, call_id=call_id
    )

    assert (result.state, result.score, result.overridden) == (LeadState.QUALIFIED, 45.0, True)
    assert desk.lead().score == 45.0
    assert world.get(Call, call_id).answers == BELOW
    [entry] = desk.audit()
    assert (entry.action, entry.entity_type, entry.agent_id) == (
        OVERRIDE_AUDIT_ACTION,
        "lead",
        desk.agent,
    )
    assert entry.details == {
        "qualified": True,
        "score": 45.0,
        "threshold": 60.0,
        "reason": reason,
        "outcome": "qualified",
        "call_id": call_id,
    }
    [message] = desk.handoffs()
    assert message.payload["screening"]["override"] == {
        "qualified": True,
        "score": 45.0,
        "threshold": 60.0,
        "reason": reason,
    }


def test_an_override_to_qualified_without_answers_but_with_a_reason(world):
    desk = Desk(world)
    result = desk.outcome(Outcome.QUALIFIED, override=True, override_reason="老客户转介绍")
    assert (result.state, result.score, result.overridden) == (LeadState.QUALIFIED, 0.0, True)
    assert [entry.details["reason"] for entry in desk.audit()] == ["老客户转介绍"]


def test_not_interested_against_a_qualifying_score_is_allowed_without_a_reason(world):
    desk = Desk(world)
    call_id = desk.call()

    result = desk.outcome(Outcome.NOT_INTERESTED, answers=QUALIFYING, call_id=call_id)

    assert (result.state, result.score, result.overridden) == (
        LeadState.NOT_INTERESTED,
        70.0,
        True,
    )
    assert result.handoff_key is None
    assert desk.handoffs() == []
    assert desk.lead().score == 12.0  # the score changes only with a qualification
    assert world.get(Call, call_id).answers == QUALIFYING
    [entry] = desk.audit()
    assert entry.details["qualified"] is False
    assert entry.details["reason"] is None


def test_a_callback_with_partial_answers_saves_them_and_is_no_override(world):
    desk = Desk(world)
    call_id = desk.call()

    result = desk.outcome(
        Outcome.CALLBACK,
        callback_at=NOW + timedelta(days=1),
        answers={"has_line": True},
        call_id=call_id,
    )

    assert (result.state, result.score, result.overridden) == (LeadState.CALLBACK, 40.0, False)
    assert world.get(Call, call_id).answers == {"has_line": True}
    assert desk.audit() == []


def test_invalid_answers_are_refused_and_nothing_changes(world):
    desk = Desk(world)
    call_id = desk.call()
    with pytest.raises(ValidationError) as caught:
        desk.outcome(
            Outcome.NOT_INTERESTED, answers={"has_line": "yes", "budget": 3}, call_id=call_id
        )
    assert caught.value.field_codes == {
        "answers.has_line": "not_a_bool",
        "answers.budget": "unknown_question",
    }
    desk.assert_nothing_changed(call_id)


def test_answers_go_on_the_given_call_and_link_it_to_the_lead(world):
    desk = Desk(world)
    newer = desk.call(minutes_ago=1)
    unlinked = desk.call(lead_id=None, minutes_ago=2)  # the call log did not know the lead

    desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING, call_id=unlinked)

    call = world.get(Call, unlinked)
    assert (call.lead_id, call.answers) == (desk.lead_id, QUALIFYING)
    assert world.get(Call, newer).answers is None


def test_without_a_call_id_the_answers_go_on_the_agents_newest_call_of_the_lead(world):
    desk = Desk(world)
    older = desk.call(minutes_ago=9)
    newest = desk.call(minutes_ago=2)
    someone_elses = desk.call(minutes_ago=1, agent_id=world.agent())

    desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING)

    assert world.get(Call, newest).answers == QUALIFYING
    assert world.get(Call, older).answers is None
    assert world.get(Call, someone_elses).answers is None


def test_a_call_of_another_lead_is_not_written_to(world):
    desk = Desk(world)
    other_lead = world.lead(desk.list_id)
    foreign = desk.call(lead_id=other_lead, minutes_ago=1)
    wrong_number = desk.call(lead_id=None, remote_e164="+8613911112222", minutes_ago=1)
    own = desk.call(minutes_ago=5)

    desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING, call_id=foreign)
    assert world.get(Call, foreign).answers is None
    assert world.get(Call, wrong_number).answers is None
    assert world.get(Call, own).answers == QUALIFYING  # the agent's newest call of this lead


def test_qualified_with_no_call_still_hands_the_answers_to_sales(world):
    desk = Desk(world)
    result = desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING)
    assert result.state == LeadState.QUALIFIED
    [message] = desk.handoffs()
    assert message.payload["screening"]["answers"] == QUALIFYING


def test_a_failure_after_the_hand_off_was_enqueued_rolls_everything_back(any_world, monkeypatch):
    desk = Desk(any_world)
    call_id = desk.call()
    real_enqueue = dialer_module.enqueue_handoff

    def enqueue_then_fail(*args: Any, **kwargs: Any) -> str:
        real_enqueue(*args, **kwargs)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(dialer_module, "enqueue_handoff", enqueue_then_fail)
    with pytest.raises(RuntimeError):
        desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING, call_id=call_id)
    desk.assert_nothing_changed(call_id)

    monkeypatch.setattr(dialer_module, "enqueue_handoff", real_enqueue)
    result = desk.outcome(Outcome.QUALIFIED, answers=QUALIFYING, call_id=call_id)
    assert result.state == LeadState.QUALIFIED
    assert [m.idempotency_key for m in desk.handoffs()] == [result.handoff_key]
    assert any_world.get(Call, call_id).answers == QUALIFYING


def test_do_not_call_clips_a_long_reason(world):
    desk = Desk(world, script=None)
    result = desk.outcome(Outcome.DO_NOT_CALL, notes="别再打了 " * 100)
    assert result.added_to_dnc
    with world.db.session() as session:
        [reason] = session.scalars(select(DncNumber.reason).where(DncNumber.e164 == desk.phone))
    assert reason.startswith("别再打了 别再打了") and len(reason) <= 200


def test_the_outcome_and_notes_go_on_the_call_they_came_from(world):
    desk = Desk(world, script=None)
    call_id = desk.call()
    desk.outcome(Outcome.NOT_INTERESTED, notes="已有供应商", call_id=call_id)
    call = world.get(Call, call_id)
    assert (call.disposition, call.notes) == ("not_interested", "已有供应商")


@pytest.mark.parametrize("earlier_result", ["no_answer", None])
def test_an_outcome_without_its_call_leaves_earlier_calls_alone(world, earlier_result):
    """Recorded from the card with no call placed this time: an earlier attempt keeps its
    result, and one whose outcome was never recorded does not take today's."""
    desk = Desk(world, script=None)
    earlier = desk.call(minutes_ago=90, disposition=earlier_result)
    desk.outcome(Outcome.WRONG_NUMBER, notes="号码已停机")
    call = world.get(Call, earlier)
    assert (call.disposition, call.notes) == (earlier_result, None)

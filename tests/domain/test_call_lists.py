"""Call lists: the editor's validation codes, create / edit / stale edits / (de)activate,
unique names (also under a race on PostgreSQL), and the audit trail."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from callcenter import call_lists
from callcenter.call_lists import (
    CallListSpec,
    create_call_list,
    get_call_list,
    list_call_lists,
    set_active,
    update_call_list,
    validate_spec,
)
from callcenter.dialer import Dialer
from callcenter.storage.database import Database
from callcenter.storage.models import Agent, AuditEntry, CallList, Lead
from callcenter.validation import NotFound, StaleRecord, ValidationError
from tests.fakes.clock import FakeClock

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # Monday, 14:30 in China
LATER = NOW + timedelta(minutes=5)

SCRIPT = {
    "version": 1,
    "threshold": 20,
    "questions": [
        {"id": "has_line", "type": "yes_no", "text": {"zh": "有宽带吗?"}, "scores": {"yes": 20}}
    ],
}


def _audits(db: Database, list_id: str) -> list[tuple[str, str | None, dict | None]]:
    with db.session() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.agent_id, AuditEntry.details)
            .where(AuditEntry.entity_type == "call_list", AuditEntry.entity_id == list_id)
            .order_by(AuditEntry.created_at, AuditEntry.id)
        ).all()
    return [tuple(row) for row in rows]


def _agent(db: Database) -> str:
    with db.session() as session:
        agent = Agent(login="wangfang", name="王芳")
        session.add(agent)
        session.flush()
        return agent.id


# -- validation ------------------------------------------------------------------------------


def test_the_default_spec_with_a_name_is_valid():
    assert validate_spec(CallListSpec(name="春季回访")) == {}
    assert validate_spec(CallListSpec(name="  Spring  ", script=SCRIPT)) == {}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, {"name": "required"}),
        ({"name": "   "}, {"name": "required"}),
        ({"name": "x" * 201}, {"name": "too_long"}),
        ({"name": "  " + "x" * 200 + "  "}, {}),
        ({"priority": 101}, {"priority": "out_of_range"}),
        ({"priority": -101}, {"priority": "out_of_range"}),
        ({"priority": -100}, {}),
        ({"priority": "high"}, {"priority": "invalid"}),
        ({"window_start_minute": -1}, {"window_start": "out_of_range"}),
        ({"window_end_minute": 1441}, {"window_end": "out_of_range"}),
        ({"window_start_minute": 0, "window_end_minute": 1440}, {}),
        ({"window_start_minute": 600, "window_end_minute": 600}, {"window_end": "not_after_start"}),
        (
            {"window_start_minute": 1320, "window_end_minute": 120},
            {"window_end": "not_after_start"},
        ),
        ({"weekdays": 0}, {"weekdays": "none"}),
        ({"weekdays": 0b0000001}, {}),
        ({"weekdays": 0b10000000}, {"weekdays": "out_of_range"}),
        ({"retry_rules": {"no_answer": 60}}, {}),
        ({"retry_rules": {}}, {}),
        ({"retry_rules": {"voicemail": 60}}, {"retry_rules": "unknown_outcome"}),
        ({"retry_rules": {"busy": 0}}, {"retry_rules.busy": "out_of_range"}),
        ({"retry_rules": {"busy": 10081}}, {"retry_rules.busy": "out_of_range"}),
        ({"retry_rules": {"no_answer": 10080, "busy": 1}}, {}),
        ({"retry_rules": {"busy": 1.5}}, {"retry_rules.busy": "invalid"}),
        ({"max_attempts": 0}, {"max_attempts": "out_of_range"}),
        ({"max_attempts": 51}, {"max_attempts": "out_of_range"}),
        ({"max_attempts": 50}, {}),
    ],
)
def test_validation_codes(changes: dict[str, Any], expected: dict[str, str]):
    spec = replace(CallListSpec(name="春季回访"), **changes)
    assert validate_spec(spec) == expected


def test_every_problem_is_reported_at_once():
    spec = CallListSpec(name="", priority=500, weekdays=0, max_attempts=0)
    assert validate_spec(spec) == {
        "name": "required",
        "priority": "out_of_range",
        "weekdays": "none",
        "max_attempts": "out_of_range",
    }


def test_an_invalid_script_keeps_the_details_of_what_is_wrong_where():
    script = {
        "threshold": "sixty",
        "questions": [
            {"id": "q1", "type": "yes_no", "text": {"zh": "一"}},
            {"id": "q1", "type": "yes_no", "text": {"zh": "二"}},
        ],
    }
    errors = validate_spec(CallListSpec(name="春季回访", script=script))
    assert errors == {
        "script": "invalid",
        "script.threshold": "not_a_number",
        "script.questions.1.id": "duplicate",
    }
    assert validate_spec(CallListSpec(name="x", script={"threshold": 1, "questions": []})) == {
        "script": "invalid",
        "script.questions": "empty",
    }
    assert validate_spec(CallListSpec(name="x", script=["not", "an", "object"])) == {  # type: ignore[arg-type]
        "script": "invalid"
    }


def test_an_invalid_spec_is_refused_and_nothing_is_written(sqlite_db):
    with pytest.raises(ValidationError) as caught:
        create_call_list(sqlite_db, CallListSpec(name=" ", max_attempts=0), now=NOW)
    assert caught.value.field_codes == {"name": "required", "max_attempts": "out_of_range"}
    assert list_call_lists(sqlite_db) == []


# -- create, read ----------------------------------------------------------------------------


def test_create_stores_the_spec_and_reads_it_back(any_db):
    agent = _agent(any_db)
    spec = CallListSpec(
        name="  宽带升级 ",
        description="  老客户  ",
        priority=7,
        active=False,
        window_start_minute=10 * 60,
        window_end_minute=18 * 60 + 30,
        weekdays=0b0011111,
        retry_rules={"no_answer": 60, "busy": 5},
        max_attempts=3,
        script=SCRIPT,
    )
    created = create_call_list(any_db, spec, now=NOW, agent_id=agent)

    assert created.version == 1
    assert created.lead_count == 0
    assert created.created_at == NOW
    assert created.spec == replace(spec, name="宽带升级", description="老客户")
    assert get_call_list(any_db, created.id) == created
    assert _audits(any_db, created.id) == [
        (
            "call_list.created",
            agent,
            {
                "fields": [
                    "active",
                    "description",
                    "max_attempts",
                    "name",
                    "priority",
                    "retry_rules",
                    "script",
                    "weekdays",
                    "window_end_minute",
                    "window_start_minute",
                ]
            },
        )
    ]


def test_a_new_list_with_defaults_is_offered_by_the_dialer(sqlite_db):
    created = create_call_list(sqlite_db, CallListSpec(name="春季回访"), now=NOW)
    with sqlite_db.session() as session:
        session.add(Lead(call_list_id=created.id, phone_e164="+8613800138000"))
    card = Dialer(sqlite_db, FakeClock(NOW)).next_lead(_agent(sqlite_db))
    assert card is not None and card.call_list_id == created.id
    assert card.max_attempts == 5


def test_lists_come_highest_priority_first_then_by_name_with_live_lead_counts(any_db):
    b = create_call_list(any_db, CallListSpec(name="b list", priority=1), now=NOW)
    a = create_call_list(any_db, CallListSpec(name="A list", priority=1), now=NOW)
    top = create_call_list(any_db, CallListSpec(name="z top", priority=9), now=NOW)
    paused = create_call_list(any_db, CallListSpec(name="paused", active=False), now=NOW)
    low = create_call_list(any_db, CallListSpec(name="low", priority=-3), now=NOW)
    gone = create_call_list(any_db, CallListSpec(name="gone", priority=50), now=NOW)
    with any_db.session() as session:
        for _ in range(3):
            session.add(Lead(call_list_id=a.id, phone_e164="+8613800138000"))
        session.add(Lead(call_list_id=a.id, phone_e164="+8613800138001", deleted_at=NOW))
        session.add(Lead(call_list_id=top.id, phone_e164="+8613800138002"))
        session.get(CallList, gone.id).deleted_at = NOW

    found = list_call_lists(any_db)
    assert [info.id for info in found] == [top.id, a.id, b.id, paused.id, low.id]
    assert {info.id: info.lead_count for info in found} == {
        top.id: 1,
        a.id: 3,
        b.id: 0,
        paused.id: 0,
        low.id: 0,
    }
    active_only = list_call_lists(any_db, include_inactive=False)
    assert [info.id for info in active_only] == [top.id, a.id, b.id, low.id]
    assert get_call_list(any_db, a.id).lead_count == 3
    with pytest.raises(NotFound):
        get_call_list(any_db, gone.id)
    with pytest.raises(NotFound):
        get_call_list(any_db, "no-such-list")


# -- unique names ----------------------------------------------------------------------------


@pytest.mark.parametrize("other", ["Spring", "spring", "  SPRING ", "Spring "])
def test_a_name_is_taken_whatever_its_case_and_spaces(any_db, other):
    create_call_list(any_db, CallListSpec(name="Spring"), now=NOW)
    with pytest.raises(ValidationError) as caught:
        create_call_list(any_db, CallListSpec(name=other), now=LATER)
    assert caught.value.field_codes == {"name": "taken"}
    assert [info.spec.name for info in list_call_lists(any_db)] == ["Spring"]


def test_a_deleted_lists_name_stays_taken(any_db):
    gone = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    with any_db.session() as session:
        session.get(CallList, gone.id).deleted_at = NOW
    for name in ("春季回访", " 春季回访"):
        with pytest.raises(ValidationError) as caught:
            create_call_list(any_db, CallListSpec(name=name), now=LATER)
        assert caught.value.field_codes == {"name": "taken"}


def test_renaming_onto_another_lists_name_is_refused_but_recasing_ones_own_is_not(any_db):
    create_call_list(any_db, CallListSpec(name="Spring"), now=NOW)
    autumn = create_call_list(any_db, CallListSpec(name="Autumn"), now=NOW)
    with pytest.raises(ValidationError) as caught:
        update_call_list(
            any_db, autumn.id, CallListSpec(name="SPRING"), expected_version=1, now=LATER
        )
    assert caught.value.field_codes == {"name": "taken"}
    assert get_call_list(any_db, autumn.id) == autumn

    renamed = update_call_list(
        any_db, autumn.id, CallListSpec(name="AUTUMN"), expected_version=1, now=LATER
    )
    assert (renamed.spec.name, renamed.version) == ("AUTUMN", 2)


@pytest.mark.postgres
@pytest.mark.parametrize("second", ["Spring", " spring "])
def test_two_desks_creating_the_same_name_at_once_get_one_list(pg_db, monkeypatch, second):
    """Desk A has written "Spring" but not committed when desk B saves its list: B must
    not slip through (A's row is invisible to B until A commits). B is held until A is done
    and then told the name is taken."""
    real_audit = call_lists._audit
    a_wrote = threading.Event()

    def audit_then_wait_for_b(session, action, list_id, agent_id, now, details):
        if threading.current_thread().name == "desk-a":
            a_wrote.set()
            _wait_until_another_session_waits(pg_db)
        real_audit(session, action, list_id, agent_id, now, details)

    monkeypatch.setattr(call_lists, "_audit", audit_then_wait_for_b)
    outcome: dict[str, Any] = {}

    def desk(name: str, spec: CallListSpec) -> None:
        try:
            outcome[name] = create_call_list(pg_db, spec, now=NOW)
        except Exception as exc:  # the test inspects it
            outcome[name] = exc

    a = threading.Thread(target=desk, args=("a", CallListSpec(name="Spring")), name="desk-a")
    b = threading.Thread(target=desk, args=("b", CallListSpec(name=second)), name="desk-b")
    a.start()
    assert a_wrote.wait(10)
    b.start()
    a.join(20)
    b.join(20)

    assert outcome["a"].spec.name == "Spring"
    assert isinstance(outcome["b"], ValidationError)
    assert outcome["b"].field_codes == {"name": "taken"}
    assert [info.spec.name for info in list_call_lists(pg_db)] == ["Spring"]


def _wait_until_another_session_waits(db: Database, timeout: float = 10.0) -> None:
    """Until some other session of the database waits for a lock (desk B is blocked)."""
    deadline = time.monotonic() + timeout
    with db.engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
            conn.rollback()
            if waiting:
                return
            time.sleep(0.01)
    raise AssertionError("desk B never waited for desk A")


# -- update ----------------------------------------------------------------------------------


def test_update_saves_the_changes_and_audits_the_changed_fields(any_db):
    agent = _agent(any_db)
    created = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    spec = replace(created.spec, priority=5, retry_rules={"no_answer": 30, "busy": 15})

    updated = update_call_list(
        any_db, created.id, spec, expected_version=1, now=LATER, agent_id=agent
    )

    assert updated.version == 2
    assert updated.spec.priority == 5
    assert updated.spec.retry_rules == {"no_answer": 30, "busy": 15}
    assert updated.updated_at == LATER
    assert get_call_list(any_db, created.id) == updated
    assert _audits(any_db, created.id)[-1] == (
        "call_list.updated",
        agent,
        {"fields": ["priority", "retry_rules"]},
    )


def test_an_update_that_changes_nothing_keeps_the_version(any_db):
    created = create_call_list(any_db, CallListSpec(name="春季回访", script=SCRIPT), now=NOW)
    same = update_call_list(
        any_db, created.id, replace(created.spec, name=" 春季回访 "), expected_version=1, now=LATER
    )
    assert same == created
    assert len(_audits(any_db, created.id)) == 1


def test_an_edit_of_an_old_version_is_refused_as_stale(any_db):
    created = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    first = update_call_list(
        any_db, created.id, replace(created.spec, priority=3), expected_version=1, now=LATER
    )
    with pytest.raises(StaleRecord) as caught:
        update_call_list(
            any_db, created.id, replace(created.spec, max_attempts=9), expected_version=1, now=LATER
        )
    assert caught.value.code == "stale_record"
    assert caught.value.details["current_version"] == 2
    assert get_call_list(any_db, created.id) == first


@pytest.mark.postgres
def test_a_write_that_loses_the_race_is_refused_as_stale(pg_db, monkeypatch):
    """Another desk saves between our version check and our write: the version column
    catches it at the write itself."""
    created = create_call_list(pg_db, CallListSpec(name="春季回访"), now=NOW)
    real_apply = call_lists._apply

    def apply_after_another_desk_saved(row, clean):
        with pg_db.engine.begin() as conn:  # another desk, its own transaction
            conn.exec_driver_sql("UPDATE call_lists SET version = version + 1, priority = 9")
        return real_apply(row, clean)

    monkeypatch.setattr(call_lists, "_apply", apply_after_another_desk_saved)
    with pytest.raises(StaleRecord):
        update_call_list(
            pg_db, created.id, replace(created.spec, priority=3), expected_version=1, now=LATER
        )
    assert get_call_list(pg_db, created.id).spec.priority == 9


def test_an_invalid_update_writes_nothing(any_db):
    created = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    with pytest.raises(ValidationError) as caught:
        update_call_list(
            any_db, created.id, replace(created.spec, weekdays=0), expected_version=1, now=LATER
        )
    assert caught.value.field_codes == {"weekdays": "none"}
    assert get_call_list(any_db, created.id) == created


def test_updating_a_missing_or_deleted_list_is_not_found(any_db):
    created = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    with any_db.session() as session:
        session.get(CallList, created.id).deleted_at = NOW
    with pytest.raises(NotFound):
        update_call_list(any_db, created.id, created.spec, expected_version=1, now=LATER)
    with pytest.raises(NotFound):
        set_active(any_db, created.id, False, now=LATER)


# -- (de)activation --------------------------------------------------------------------------


def test_pausing_a_list_stops_the_dialer_offering_it_and_resuming_brings_it_back(any_db):
    created = create_call_list(any_db, CallListSpec(name="春季回访"), now=NOW)
    with any_db.session() as session:
        session.add(Lead(call_list_id=created.id, phone_e164="+8613800138000"))
    agent = _agent(any_db)
    dialer = Dialer(any_db, FakeClock(NOW))

    paused = set_active(any_db, created.id, False, now=LATER, agent_id=agent)
    assert (paused.spec.active, paused.version) == (False, 2)
    assert dialer.next_lead(agent) is None
    assert set_active(any_db, created.id, False, now=LATER) == paused  # already paused

    resumed = set_active(any_db, created.id, True, now=LATER + timedelta(minutes=1))
    assert (resumed.spec.active, resumed.version, resumed.lead_count) == (True, 3, 1)
    assert dialer.next_lead(agent) is not None
    assert [action for action, *_ in _audits(any_db, created.id)] == [
        "call_list.created",
        "call_list.deactivated",
        "call_list.activated",
    ]

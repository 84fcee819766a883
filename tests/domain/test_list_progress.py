"""List progress: the figures of a hand-built list across states, what "Next lead" could still
hand out now (do-not-call, calling window, reservation, attempt limit, retry time), and the
CSV / XLSX export (Chinese names, formula injection neutralised)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook

from callcenter.dialer import Dialer
from callcenter.list_progress import (
    EXPORT_COLUMNS,
    ListProgress,
    all_progress,
    export_progress,
    list_progress,
)
from callcenter.storage.database import Database
from callcenter.storage.models import (
    Agent,
    CallList,
    Customer,
    DncNumber,
    Lead,
    LeadState,
    new_id,
)
from callcenter.validation import NotFound, ValidationError
from tests.fakes.clock import FakeClock

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # Monday: 14:30 in China, 01:30 in New York
EVENING = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # 22:30 in China, 09:30 in New York
CN = "Asia/Shanghai"
NY = "America/New_York"


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._numbers = iter(range(10_000_000, 99_999_999))

    def add(self, row: Any) -> str:
        row.created_at = row.created_at or NOW - timedelta(days=1)
        row.updated_at = row.updated_at or row.created_at
        with self.db.session() as session:
            session.add(row)
            session.flush()
            return row.id

    def call_list(self, name: str | None = None, **fields: Any) -> str:
        return self.add(CallList(name=name or f"list {new_id()[:8]}", **fields))

    def lead(self, call_list_id: str, state: LeadState = LeadState.NEW, **fields: Any) -> str:
        fields.setdefault("phone_e164", f"+86138{next(self._numbers)}")
        fields.setdefault("time_zones", CN)
        if state not in (LeadState.NEW,):
            fields.setdefault("attempts", 1)
        return self.add(Lead(call_list_id=call_list_id, state=state, **fields))

    def agent(self) -> str:
        return self.add(Agent(login=f"agent{new_id()[:8]}", name="王芳"))


@pytest.fixture
def world(any_db) -> World:
    return World(any_db)


def _campaign(world: World) -> tuple[str, dict[str, str]]:
    """A list with leads in every situation; the keys name the leads callable at ``NOW``."""
    list_id = world.call_list("春季回访", max_attempts=3)
    agent = world.agent()
    flagged = world.add(Customer(name="张伟", do_not_call=True))
    fine = world.add(Customer(name="李娜", abc_class="A"))
    world.add(DncNumber(e164="+8613911112222"))
    world.add(DncNumber(e164="+8613933334444", deleted_at=NOW))  # taken off the list again

    callable_now = {
        "new": world.lead(list_id),
        "new, customer may be called": world.lead(list_id, customer_id=fine),
        "new, no zone (judged in China)": world.lead(list_id, time_zones=None),
        "new, reservation expired": world.lead(
            list_id, reserved_by=agent, reserved_until=NOW - timedelta(minutes=1)
        ),
        "new, number taken off the dnc list": world.lead(list_id, phone_e164="+8613933334444"),
        "retry due": world.lead(
            list_id, LeadState.RETRY, attempts=2, next_attempt_at=NOW - timedelta(hours=1)
        ),
        "callback due at the attempt limit": world.lead(
            list_id, LeadState.CALLBACK, attempts=3, next_attempt_at=NOW - timedelta(minutes=5)
        ),
    }
    # Still to call, but not now.
    world.lead(list_id, time_zones=NY)  # 01:30 in New York
    world.lead(list_id, time_zones=f"{CN}|{NY}")  # every zone must allow it
    world.lead(list_id, phone_e164="+8613911112222")  # on the do-not-call list
    world.lead(list_id, customer_id=flagged)  # the customer said never call
    world.lead(list_id, reserved_by=agent, reserved_until=NOW + timedelta(minutes=10))
    world.lead(list_id, LeadState.RETRY, attempts=1, next_attempt_at=NOW + timedelta(hours=1))
    world.lead(list_id, LeadState.RETRY, attempts=3, next_attempt_at=NOW - timedelta(hours=1))
    world.lead(list_id, LeadState.CALLBACK, attempts=1, next_attempt_at=NOW + timedelta(days=1))
    # Done with.
    world.lead(list_id, LeadState.QUALIFIED, attempts=2)
    world.lead(list_id, LeadState.HANDED_OFF, attempts=1)
    world.lead(list_id, LeadState.NOT_INTERESTED, attempts=1)
    world.lead(list_id, LeadState.NOT_INTERESTED, attempts=2)
    world.lead(list_id, LeadState.WRONG_NUMBER, attempts=1)
    world.lead(list_id, LeadState.DO_NOT_CALL, attempts=1)
    world.lead(list_id, LeadState.EXHAUSTED, attempts=3)
    world.lead(list_id, deleted_at=NOW)  # deleted: counts nowhere
    world.lead(list_id, LeadState.QUALIFIED, attempts=1, deleted_at=NOW)
    # Another list's leads do not count here.
    other = world.call_list("其他")
    world.lead(other)
    world.lead(other, LeadState.QUALIFIED, attempts=4)
    return list_id, callable_now


def test_the_figures_of_a_list_across_states(world):
    list_id, callable_now = _campaign(world)

    progress = list_progress(world.db, list_id, now=NOW)

    assert progress.list_id == list_id
    assert progress.name == "春季回访"
    assert dict(progress.by_state) == {
        "new": 10,
        "retry": 3,
        "callback": 2,
        "qualified": 1,
        "handed_off": 1,
        "not_interested": 2,
        "wrong_number": 1,
        "do_not_call": 1,
        "exhausted": 1,
    }
    assert progress.total == 22
    # retry, callback, qualified, handed off, not interested, wrong number, dnc, exhausted
    assert progress.attempts == (2 + 1 + 3) + (3 + 1) + 2 + 1 + (1 + 2) + 1 + 1 + 3
    assert progress.dialled == 12  # every lead but the new ones
    assert progress.contacted == 1 + 1 + 2 + 2 + 1  # qualified, handed off, not int., cb, dnc
    assert progress.qualified == 2
    assert progress.contact_rate == pytest.approx(7 / 12)
    assert progress.qualification_rate == pytest.approx(2 / 7)
    assert progress.remaining == 15
    assert progress.callable_now == len(callable_now)


def test_callable_now_is_what_next_lead_hands_out(world):
    list_id, callable_now = _campaign(world)
    expected = list_progress(world.db, list_id, now=NOW).callable_now

    dialer = Dialer(world.db, FakeClock(NOW))
    handed_out = []
    while (card := dialer.next_lead(world.agent(), list_ids=[list_id])) is not None:
        handed_out.append(card.lead_id)

    assert sorted(handed_out) == sorted(callable_now.values())
    assert expected == len(handed_out)
    assert list_progress(world.db, list_id, now=NOW).callable_now == 0  # all reserved now


def test_callable_now_follows_the_calling_window_of_the_callees(world):
    list_id = world.call_list(window_start_minute=9 * 60, window_end_minute=21 * 60)
    world.lead(list_id, time_zones=CN)
    world.lead(list_id, time_zones=CN)
    world.lead(list_id, time_zones=None)  # judged in China
    world.lead(list_id, time_zones=NY)

    assert list_progress(world.db, list_id, now=NOW).callable_now == 3
    assert list_progress(world.db, list_id, now=EVENING).callable_now == 1  # only New York
    saturday = NOW + timedelta(days=5)
    weekdays_only = world.call_list(weekdays=0b0011111)
    world.lead(weekdays_only, time_zones=CN)
    assert list_progress(world.db, weekdays_only, now=NOW).callable_now == 1
    assert list_progress(world.db, weekdays_only, now=saturday).callable_now == 0
    assert list_progress(world.db, weekdays_only, now=saturday).remaining == 1


def test_a_paused_list_has_nothing_callable_but_keeps_its_figures(world):
    list_id = world.call_list(active=False)
    world.lead(list_id)
    world.lead(list_id, LeadState.QUALIFIED)

    progress = list_progress(world.db, list_id, now=NOW)

    assert progress.callable_now == 0
    assert (progress.total, progress.remaining, progress.qualified) == (2, 1, 1)


def test_an_empty_list_has_no_rates(world):
    list_id = world.call_list()
    world.lead(list_id)  # never dialled

    progress = list_progress(world.db, list_id, now=NOW)

    assert progress.total == 1
    assert progress.by_state["new"] == 1
    assert set(progress.by_state) == {state.value for state in LeadState}
    assert (progress.dialled, progress.contacted) == (0, 0)
    assert progress.contact_rate is None
    assert progress.qualification_rate is None

    empty = list_progress(world.db, world.call_list(), now=NOW)
    assert (empty.total, empty.callable_now, empty.remaining) == (0, 0, 0)
    assert all(count == 0 for count in empty.by_state.values())


def test_a_missing_or_deleted_list_is_not_found(world):
    gone = world.call_list(deleted_at=NOW)
    with pytest.raises(NotFound):
        list_progress(world.db, gone, now=NOW)
    with pytest.raises(NotFound):
        list_progress(world.db, "no-such-list", now=NOW)


def test_all_progress_gives_every_live_list_highest_priority_first(world):
    list_id, callable_now = _campaign(world)  # adds "其他" (priority 0) too
    top = world.call_list("重点客户", priority=5)
    world.lead(top)
    world.call_list("已删除", priority=9, deleted_at=NOW)

    found = all_progress(world.db, now=NOW)

    assert [item.name for item in found] == ["重点客户", "其他", "春季回访"]
    by_id = {item.list_id: item for item in found}
    assert by_id[list_id] == list_progress(world.db, list_id, now=NOW)
    assert by_id[list_id].callable_now == len(callable_now)
    assert (by_id[top].total, by_id[top].callable_now) == (1, 1)
    other = found[1]
    assert (other.total, other.qualified, other.attempts, other.callable_now) == (2, 1, 4, 1)


# -- export ----------------------------------------------------------------------------------


def _export_world(world: World) -> tuple[str, str]:
    spring = world.call_list("春季回访", priority=2)
    world.lead(spring)
    world.lead(spring, LeadState.QUALIFIED, attempts=2)
    world.lead(spring, LeadState.NOT_INTERESTED)
    evil = world.call_list("=cmd|' /C calc'!A0")
    world.lead(evil)
    return spring, evil


def _expected_row(item: ListProgress, name: str) -> list[str]:
    def rate(value: float | None) -> str:
        return "" if value is None else str(round(value, 4))

    return [
        item.list_id,
        name,
        str(item.total),
        *(str(item.by_state[state.value]) for state in LeadState),
        str(item.attempts),
        str(item.dialled),
        str(item.contacted),
        str(item.qualified),
        rate(item.contact_rate),
        rate(item.qualification_rate),
        str(item.callable_now),
        str(item.remaining),
    ]


def test_export_csv_opens_in_excel_with_chinese_and_no_formulas(world, tmp_path):
    spring, evil = _export_world(world)
    out = tmp_path / "out"
    out.mkdir()
    path = out / "进度.csv"

    written = export_progress(world.db, path, now=NOW)

    assert written == path
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(EXPORT_COLUMNS)
    assert rows[0][:4] == ["list_id", "name", "total", "state_new"]
    spring_figures = list_progress(world.db, spring, now=NOW)
    evil_figures = list_progress(world.db, evil, now=NOW)
    assert rows[1:] == [
        _expected_row(spring_figures, "春季回访"),
        _expected_row(evil_figures, "'=cmd|' /C calc'!A0"),
    ]
    assert rows[1][EXPORT_COLUMNS.index("contact_rate")] == "1.0"
    assert rows[1][EXPORT_COLUMNS.index("qualification_rate")] == "0.5"
    assert [p.name for p in out.iterdir()] == ["进度.csv"]  # no temporary file left


def test_export_xlsx_of_chosen_lists(world, tmp_path):
    spring, evil = _export_world(world)
    path = tmp_path / "progress.XLSX"

    export_progress(world.db, path, now=NOW, list_ids=[evil])

    sheet = load_workbook(path).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(EXPORT_COLUMNS)
    assert len(rows) == 2
    row = dict(zip(EXPORT_COLUMNS, rows[1], strict=True))
    assert row["list_id"] == evil
    assert row["name"] == "'=cmd|' /C calc'!A0"  # text, never a formula
    assert (row["total"], row["state_new"], row["callable_now"]) == (1, 1, 1)
    assert row["contact_rate"] is None  # nothing dialled: an empty cell
    assert sheet.cell(row=2, column=2).data_type == "s"

    export_progress(world.db, path, now=NOW, list_ids=[spring, evil])
    names = [row[1] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert names == ["春季回访", "'=cmd|' /C calc'!A0"]


def test_export_refuses_an_unknown_format_or_list(world, tmp_path):
    spring, _evil = _export_world(world)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError) as caught:
        export_progress(world.db, out / "progress.pdf", now=NOW)
    assert caught.value.field_codes == {"path": "unsupported_format"}
    with pytest.raises(NotFound):
        export_progress(world.db, out / "p.csv", now=NOW, list_ids=[spring, "gone"])
    assert list(out.iterdir()) == []

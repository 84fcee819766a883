"""The generated demo database: complete, valid, consistent and reproducible."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import phonenumbers
import pytest
from sqlalchemy import text

from callcenter.demo import DemoSize, DemoSummary, is_populated, populate_demo
from callcenter.errors import CallcenterError
from callcenter.storage.database import Database, open_database
from callcenter.storage.models import Base, ComplaintStatus, LeadState

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)  # 14:30 in China
NOW_SQL = "2026-11-23 06:30:00.000000"  # as SQLite stores it: naive UTC text
SMALL = DemoSize(customers=120, leads=60, calls_per_customer=2.0, complaints=30, callbacks=20)
SLA = {"critical": timedelta(hours=4), "high": timedelta(hours=24),
       "medium": timedelta(hours=72), "low": timedelta(days=7)}  # fmt: skip
TABLES = {
    "customers": "customers",
    "phones": "customer_phones",
    "calls": "calls",
    "complaints": "complaints",
    "callbacks": "callbacks",
    "call_lists": "call_lists",
    "leads": "leads",
    "agents": "agents",
    "teams": "teams",
    "dnc": "dnc_numbers",
}
E164 = re.compile(r"\+[1-9]\d{6,14}")
HAN = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
LATIN = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+$")


def _empty_db(path) -> Database:
    db = open_database(path)
    Base.metadata.create_all(db.engine)
    return db


def _populated(path, *, size: DemoSize = SMALL, seed: int = 7) -> tuple[Database, DemoSummary]:
    db = _empty_db(path)
    return db, populate_demo(db, size=size, seed=seed, now=NOW)


def _rows(db: Database, sql: str, **params: object) -> list:
    with db.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def _moment(value: str | None) -> datetime | None:
    """SQLite keeps naive UTC text; the ORM would give it back aware."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


@pytest.fixture
def small(tmp_path):
    db, summary = _populated(tmp_path / "demo.sqlite")
    yield db, summary
    db.dispose()


@pytest.fixture(scope="module")
def default(tmp_path_factory):
    db, summary = _populated(tmp_path_factory.mktemp("demo") / "demo.sqlite", size=DemoSize())
    yield db, summary
    db.dispose()


@pytest.fixture(params=["small", "default"])
def demo(request):
    return request.getfixturevalue(request.param)


def digest(db: Database) -> str:
    """Everything a person would see of the data, without the (random) ids."""
    parts = [
        _rows(db, "SELECT name, company, city, abc_class, tags FROM customers ORDER BY rowid"),
        _rows(db, "SELECT e164, kind, is_primary FROM customer_phones ORDER BY rowid"),
        _rows(db, "SELECT name, phone_e164, state, attempts FROM leads ORDER BY rowid"),
        _rows(db, "SELECT case_number, status, subject FROM complaints ORDER BY rowid"),
        _rows(db, "SELECT remote_e164, ring_at, disposition FROM calls ORDER BY rowid"),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# --- shape --------------------------------------------------------------------------------------


def test_summary_matches_the_tables(demo):
    db, summary = demo
    for field, table in TABLES.items():
        (count,) = _rows(db, f"SELECT COUNT(*) FROM {table}")[0]
        assert getattr(summary, field) == count, field


def test_default_size_is_what_was_asked_for(default):
    _, summary = default
    size = DemoSize()
    assert summary.customers == size.customers
    assert summary.leads == size.leads
    assert summary.complaints == size.complaints
    assert summary.callbacks == size.callbacks
    assert summary.calls >= size.customers * size.calls_per_customer
    assert (summary.teams, summary.agents, summary.call_lists) == (1, 4, 1)
    assert 10 <= summary.dnc <= 20


def test_team_and_agents(small):
    db, _ = small
    assert _rows(db, "SELECT name FROM teams") == [("一组 / Team One",)]
    agents = dict(_rows(db, "SELECT login, role FROM agents"))
    assert agents == {"agent1": "agent", "agent2": "agent", "agent3": "agent", "lead1": "team_lead"}


def test_foreign_keys_hold(demo):
    db, _ = demo
    assert _rows(db, "PRAGMA foreign_key_check") == []


def test_is_populated_and_refuses_a_second_run(tmp_path):
    db = _empty_db(tmp_path / "demo.sqlite")
    assert not is_populated(db)
    populate_demo(db, size=SMALL, now=NOW)
    assert is_populated(db)
    with pytest.raises(CallcenterError) as caught:
        populate_demo(db, size=SMALL, now=NOW)
    assert caught.value.code == "demo_not_empty"
    db.dispose()


@pytest.mark.parametrize(
    "size",
    [
        DemoSize(0, 0, 0.0, 0, 0),
        DemoSize(customers=1, leads=1, calls_per_customer=0.0, complaints=2, callbacks=3),
    ],
    ids=["empty", "tiny"],
)
def test_degenerate_sizes_still_work(tmp_path, size):
    db, summary = _populated(tmp_path / "demo.sqlite", size=size)
    assert summary.customers == size.customers
    assert summary.leads == size.leads
    assert _rows(db, "PRAGMA foreign_key_check") == []
    db.dispose()


def test_rejects_naive_now_and_negative_sizes(tmp_path):
    db = _empty_db(tmp_path / "demo.sqlite")
    with pytest.raises(ValueError):
        populate_demo(db, size=SMALL, now=datetime(2026, 11, 23))
    with pytest.raises(ValueError):
        populate_demo(db, size=DemoSize(customers=-1), now=NOW)
    assert not is_populated(db)
    db.dispose()


# --- people and numbers -------------------------------------------------------------------------


def test_every_stored_number_is_valid_e164(demo):
    db, _ = demo
    numbers = [
        *_rows(db, "SELECT e164 FROM customer_phones"),
        *_rows(db, "SELECT phone_e164 FROM leads"),
        *_rows(db, "SELECT e164 FROM dnc_numbers"),
        *_rows(db, "SELECT remote_e164 FROM calls"),
        *_rows(db, "SELECT phone_e164 FROM callbacks"),
    ]
    assert numbers
    for (e164,) in numbers:
        assert E164.fullmatch(e164), e164
        parsed = phonenumbers.parse(e164)
        assert phonenumbers.is_valid_number(parsed), e164
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164


def test_numbers_are_mostly_chinese_with_some_foreign(default):
    db, _ = default
    regions = [
        phonenumbers.region_code_for_number(phonenumbers.parse(e164))
        for (e164,) in _rows(db, "SELECT e164 FROM customer_phones")
    ]
    share = {region: regions.count(region) / len(regions) for region in set(regions)}
    assert share["CN"] > 0.7
    assert {"US", "GB", "HK", "SG"} <= set(share)
    mobiles = _rows(db, "SELECT COUNT(*) FROM customer_phones WHERE e164 GLOB '+861[3-9]*'")
    landlines = _rows(db, "SELECT COUNT(*) FROM customer_phones WHERE e164 GLOB '+86[2-9]*'")
    assert mobiles[0][0] > landlines[0][0] > 0


def test_chinese_and_english_names(demo):
    db, _ = demo
    names = [name for (name,) in _rows(db, "SELECT name FROM customers")]
    chinese = sum(bool(HAN.match(n)) for n in names)
    english = sum(bool(LATIN.match(n)) for n in names)
    assert chinese + english == len(names)
    assert 0.65 < chinese / len(names) < 0.92
    assert english > 0


def test_customer_classes_tags_and_companies(default):
    db, _ = default
    classes = dict(_rows(db, "SELECT abc_class, COUNT(*) FROM customers GROUP BY abc_class"))
    total = sum(classes.values())
    assert 0.10 < classes["A"] / total < 0.20
    assert 0.28 < classes["B"] / total < 0.42
    assert 0.43 < classes["C"] / total < 0.57
    tags = " ".join(t for (t,) in _rows(db, "SELECT tags FROM customers"))
    for tag in ("VIP", "wholesale"):
        assert tag in tags
    companies = [c for (c,) in _rows(db, "SELECT company FROM customers WHERE company IS NOT NULL")]
    assert any(c.endswith("有限公司") for c in companies)
    assert any(c.endswith(("Ltd", "Inc.", "LLC", "Limited", "Pte. Ltd.")) for c in companies)
    assert _rows(db, "SELECT COUNT(*) FROM customers WHERE do_not_call")[0][0] > 0


def test_one_primary_number_per_customer(demo):
    db, _ = demo
    primaries = _rows(
        db,
        "SELECT c.id, COUNT(p.id) FROM customers c LEFT JOIN customer_phones p"
        " ON p.customer_id = c.id AND p.is_primary GROUP BY c.id",
    )
    assert {count for _, count in primaries} == {1}
    per_customer = _rows(db, "SELECT COUNT(*) FROM customer_phones GROUP BY customer_id")
    assert all(1 <= count <= 4 for (count,) in per_customer)  # 3 own + maybe one shared


def test_some_numbers_are_shared_by_two_customers(demo):
    db, _ = demo
    shared = _rows(
        db,
        "SELECT e164, COUNT(DISTINCT customer_id) FROM customer_phones"
        " GROUP BY e164 HAVING COUNT(DISTINCT customer_id) > 1",
    )
    assert shared
    assert {count for _, count in shared} == {2}
    (other_duplicates,) = _rows(
        db,
        "SELECT COUNT(*) FROM (SELECT customer_id, e164 FROM customer_phones"
        " GROUP BY customer_id, e164 HAVING COUNT(*) > 1)",
    )[0]
    assert other_duplicates == 0


# --- activity -----------------------------------------------------------------------------------


def test_calls_have_consistent_times(demo):
    db, _ = demo
    calls = _rows(db, "SELECT direction, ring_at, answer_at, end_at, disposition FROM calls")
    assert {direction for direction, *_ in calls} == {"inbound", "outbound"}
    for _direction, ring, answer, end, disposition in calls:
        ring, answer, end = _moment(ring), _moment(answer), _moment(end)
        assert NOW - timedelta(days=91) <= ring <= NOW
        assert end <= NOW
        if answer is None:
            assert disposition in ("no_answer", "busy")
            assert ring < end
        else:
            assert ring < answer <= ring + timedelta(seconds=30)
            assert answer < end


def test_complaints_follow_their_workflow(demo):
    db, summary = demo
    rows = _rows(
        db,
        "SELECT case_number, severity, status, created_at, sla_due_at, resolved_at, closed_at,"
        " satisfaction, resolution FROM complaints",
    )
    assert len({row[0] for row in rows}) == summary.complaints
    statuses = set()
    for case, severity, status, created, due, resolved, closed, satisfaction, resolution in rows:
        statuses.add(status)
        assert re.fullmatch(r"C\d{10}", case)
        created, due = _moment(created), _moment(due)
        resolved, closed = _moment(resolved), _moment(closed)
        assert created <= NOW
        assert due == created + SLA[severity]
        if status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED):
            assert created <= resolved <= NOW
            assert resolution
        else:
            assert resolved is None and resolution is None
        if status == ComplaintStatus.CLOSED:
            assert resolved <= closed <= NOW
        else:
            assert closed is None and satisfaction is None
        assert satisfaction is None or 1 <= satisfaction <= 5
    if summary.complaints >= 300:
        assert statuses == set(ComplaintStatus)


def test_some_open_complaints_are_overdue(default):
    db, _ = default
    open_ = "('new', 'in_progress', 'waiting_customer', 'reopened')"
    overdue = _rows(
        db,
        f"SELECT COUNT(*) FROM complaints WHERE status IN {open_} AND sla_due_at < :now",
        now=NOW_SQL,
    )
    on_time = _rows(
        db,
        f"SELECT COUNT(*) FROM complaints WHERE status IN {open_} AND sla_due_at >= :now",
        now=NOW_SQL,
    )
    assert overdue[0][0] > 0 and on_time[0][0] > 0


def test_return_visits_follow_resolved_complaints(demo):
    db, _ = demo
    visits = _rows(
        db,
        "SELECT c.status, c.resolved_at, b.due_at, b.customer_id = c.customer_id"
        " FROM callbacks b JOIN complaints c ON c.id = b.complaint_id"
        " WHERE b.kind = 'return_visit'",
    )
    assert visits
    for status, resolved, due, same_customer in visits:
        assert status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
        assert _moment(resolved) < _moment(due)
        assert same_customer
    (orphans,) = _rows(
        db, "SELECT COUNT(*) FROM callbacks WHERE kind = 'return_visit' AND complaint_id IS NULL"
    )[0]
    assert orphans == 0


def test_callbacks_are_due_around_now(demo):
    db, _ = demo
    rows = _rows(db, "SELECT due_at, status, done_at FROM callbacks")
    for due, status, done in rows:
        due = _moment(due)
        assert NOW - timedelta(days=2) <= due <= NOW + timedelta(days=7)
        assert (done is not None) == (status == "done")
        if status == "done":
            assert due <= NOW and _moment(done) <= NOW


# --- outbound -----------------------------------------------------------------------------------


def test_the_call_list_and_its_script(small):
    db, summary = small
    (row,) = _rows(db, "SELECT name, script, retry_rules, max_attempts, window_start_minute,"
                       " window_end_minute FROM call_lists")  # fmt: skip
    name, script, retry_rules, max_attempts, start, end = row
    assert name == "2026 Q4 企业宽带 / Business broadband"
    assert (start, end, max_attempts) == (9 * 60, 21 * 60, 5)
    assert '"no_answer": 120' in retry_rules and '"busy": 15' in retry_rules
    assert '"threshold"' in script
    for kind in ("yes_no", "single_choice", "multiple_choice", "number", "text"):
        assert f'"{kind}"' in script
    (leads,) = _rows(db, "SELECT COUNT(*) FROM leads")[0]
    assert leads == summary.leads == SMALL.leads


def test_leads_are_consistent_with_their_state(default):
    db, _ = default
    rows = _rows(
        db,
        "SELECT l.id, l.state, l.attempts, l.last_outcome, l.next_attempt_at, l.score,"
        " l.qualified_at, l.time_zones, (SELECT COUNT(*) FROM calls c WHERE c.lead_id = l.id)"
        " FROM leads l",
    )
    assert {row[1] for row in rows} == set(LeadState)
    for _id, state, attempts, outcome, next_at, score, qualified_at, zones, calls in rows:
        assert attempts == calls
        assert zones and all("/" in zone for zone in zones.split("|"))
        assert (next_at is not None) == (state in ("retry", "callback"))
        assert (qualified_at is not None) == (state in ("qualified", "handed_off"))
        if state == "new":
            assert attempts == 0 and outcome is None
        elif state == "exhausted":
            assert attempts == 5 and outcome in ("no_answer", "busy")
        elif state == "retry":
            assert 1 <= attempts < 5 and outcome in ("no_answer", "busy")
        elif state in ("qualified", "handed_off"):
            assert outcome == "qualified" and score >= 60
        elif state == "not_interested":
            assert score < 60
    foreign = [zones for *_, zones, _calls in rows if zones != "Asia/Shanghai"]
    assert foreign


def test_some_leads_are_existing_customers(demo):
    db, _ = demo
    linked = _rows(
        db,
        "SELECT COUNT(*), SUM(EXISTS (SELECT 1 FROM customer_phones p"
        " WHERE p.customer_id = l.customer_id AND p.e164 = l.phone_e164))"
        " FROM leads l WHERE l.customer_id IS NOT NULL",
    )
    count, matching = linked[0]
    assert count > 0 and count == matching


def test_do_not_call_list_covers_leads_in_that_state(demo):
    db, summary = demo
    assert 10 <= summary.dnc <= 20
    dnc = {e164 for (e164,) in _rows(db, "SELECT e164 FROM dnc_numbers")}
    assert len(dnc) == summary.dnc
    dnc_leads = {
        p for (p,) in _rows(db, "SELECT phone_e164 FROM leads WHERE state = 'do_not_call'")
    }
    assert dnc_leads and dnc_leads <= dnc


def test_audit_entries_exist(small):
    db, _ = small
    actions = {a for (a,) in _rows(db, "SELECT action FROM audit_log")}
    assert {"demo.populated", "agent.login", "lead.qualified"} <= actions


# --- reproducibility ----------------------------------------------------------------------------


def test_same_seed_gives_the_same_data(tmp_path, small):
    again, _ = _populated(tmp_path / "again.sqlite", seed=7)
    assert digest(again) == digest(small[0])
    again.dispose()


def test_another_seed_gives_other_data(tmp_path, small):
    other, _ = _populated(tmp_path / "other.sqlite", seed=8)
    assert digest(other) != digest(small[0])
    other.dispose()


def test_default_seed_and_now_work_without_arguments(tmp_path):
    db = _empty_db(tmp_path / "demo.sqlite")
    summary = populate_demo(db, size=SMALL)
    assert summary.customers == SMALL.customers
    db.dispose()

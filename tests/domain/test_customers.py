"""The customer 360° view and editing: validation, optimistic concurrency, phones, timeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from callcenter.customers import (
    CustomerDraft,
    PhoneDraft,
    TimelineKind,
    create_customer,
    load_customer,
    update_customer,
)
from callcenter.screenpop import PopKind, lookup_caller
from callcenter.storage.models import AuditEntry, Customer, CustomerPhone
from callcenter.validation import NotFound, StaleRecord, ValidationError

LATER = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def _draft(**changes) -> CustomerDraft:
    values = {
        "name": "  张伟 ",
        "company": " 星辰科技 ",
        "email": "zhang.wei@example.cn",
        "city": "北京",
        "abc_class": "b",
        "tags": ["VIP", " ", "VIP", " 老客户 "],
        "notes": "偏好下午联系\n勿在周末致电",
        "phones": [
            PhoneDraft("138 0013 8000"),
            PhoneDraft("010-6234 5678 转 12", kind="work"),
        ],
    }
    values.update(changes)
    return CustomerDraft(**values)


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _audits(db, customer_id):
    with db.session() as session:
        rows = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_id == customer_id)
            .order_by(AuditEntry.created_at)
        ).all()
        return [(row.action, row.entity_type, row.agent_id, row.details) for row in rows]


# -- create ------------------------------------------------------------------------------------


def test_create_stores_a_clean_customer_and_the_screen_pop_finds_it(any_db, any_rows):
    agent = any_rows.team_agent()
    now = any_rows.now

    profile = create_customer(any_db, _draft(), agent_id=agent, now=now)

    assert (profile.name, profile.company, profile.email, profile.city) == (
        "张伟",
        "星辰科技",
        "zhang.wei@example.cn",
        "北京",
    )
    assert profile.abc_class == "B"
    assert profile.tags == ("VIP", "老客户")
    assert profile.notes == "偏好下午联系\n勿在周末致电"
    assert (profile.marketing_consent, profile.do_not_call) == (False, False)
    assert profile.version == 1
    assert profile.created_at == profile.updated_at == now
    assert [(p.e164, p.extension, p.kind, p.is_primary) for p in profile.phones] == [
        ("+8613800138000", None, "mobile", True),  # the first becomes primary
        ("+861062345678", "12", "work", False),
    ]

    assert load_customer(any_db, profile.id).profile == profile
    for raw in ("+86 138 0013 8000", "tel:+861062345678;ext=12"):
        pop = lookup_caller(any_db, raw, now=now)
        assert pop.kind is PopKind.KNOWN
        assert pop.cards[0].customer_id == profile.id
        assert pop.cards[0].name == "张伟"


def test_create_writes_an_audit_entry_without_names_or_numbers(rows, sqlite_db):
    agent = rows.team_agent()
    profile = create_customer(sqlite_db, _draft(), agent_id=agent, now=rows.now)
    [(action, entity_type, agent_id, details)] = _audits(sqlite_db, profile.id)
    assert (action, entity_type, agent_id) == ("customer.created", "customer", agent)
    assert details["fields"] == sorted(
        ["name", "company", "email", "city", "abc_class", "notes", "tags"]
    )
    assert details["phones_added"] == 2
    text = json.dumps(details, ensure_ascii=False)
    assert "张伟" not in text and "13800138000" not in text and "example.cn" not in text


def test_an_explicit_primary_is_kept(sqlite_db, rows):
    draft = _draft(phones=[PhoneDraft("13800138000"), PhoneDraft("13900139000", is_primary=True)])
    profile = create_customer(sqlite_db, draft, now=rows.now)
    assert [p.is_primary for p in profile.phones] == [False, True]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": "   "}, {"name": "required"}),
        ({"name": "x" * 201}, {"name": "too_long"}),
        ({"phones": []}, {"phones": "required"}),
        (
            {"phones": [PhoneDraft("13800138000"), PhoneDraft("13800")]},
            {"phones.1": "too_short"},
        ),
        (
            {"phones": [PhoneDraft("abc"), PhoneDraft("")]},
            {"phones.0": "not_a_number", "phones.1": "empty"},
        ),
        (
            {"phones": [PhoneDraft("13800138000"), PhoneDraft("+86 138-0013-8000")]},
            {"phones.1": "duplicate"},
        ),
        (
            {"phones": [PhoneDraft("13800138000", kind="fax")]},
            {"phones.0.kind": "invalid"},
        ),
        (
            {
                "phones": [
                    PhoneDraft("13800138000", is_primary=True),
                    PhoneDraft("13900139000", is_primary=True),
                ]
            },
            {"phones": "several_primary"},
        ),
        ({"abc_class": "D"}, {"abc_class": "invalid"}),
        ({"email": "zhang.wei@"}, {"email": "invalid"}),
        ({"email": "zhang wei@example.cn"}, {"email": "invalid"}),
        ({"tags": ["ok", "t" * 65]}, {"tags.1": "too_long"}),
        (
            {"name": "", "email": "x", "phones": []},
            {"name": "required", "email": "invalid", "phones": "required"},
        ),
    ],
)
def test_an_invalid_draft_is_refused_with_every_field_code_and_nothing_written(
    sqlite_db, rows, changes, expected
):
    with pytest.raises(ValidationError) as caught:
        create_customer(sqlite_db, _draft(**changes), now=rows.now)
    assert caught.value.code == "validation_failed"
    assert caught.value.field_codes == expected
    assert caught.value.details["field_codes"] == expected
    assert _count(sqlite_db, Customer) == _count(sqlite_db, CustomerPhone) == 0
    assert _count(sqlite_db, AuditEntry) == 0


def test_blank_optional_fields_are_stored_as_null(sqlite_db, rows):
    draft = CustomerDraft(
        name="Li Na", company=" ", email="", city=None, abc_class=" ", notes="  \n ",
        phones=[PhoneDraft("+44 20 7946 0000", kind="home")],
    )  # fmt: skip
    profile = create_customer(sqlite_db, draft, now=rows.now)
    assert (profile.company, profile.email, profile.city, profile.abc_class, profile.notes) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert profile.tags == ()
    assert profile.phones[0].e164 == "+442079460000"


def test_default_region_reads_national_numbers(sqlite_db, rows):
    draft = _draft(phones=[PhoneDraft("(415) 555-0123")])
    profile = create_customer(sqlite_db, draft, default_region="US", now=rows.now)
    assert profile.phones[0].e164 == "+14155550123"


# -- update ------------------------------------------------------------------------------------


def test_update_changes_fields_diffs_phones_and_bumps_the_version(any_db, any_rows):
    agent = any_rows.team_agent()
    created = create_customer(any_db, _draft(), agent_id=agent, now=any_rows.now)
    removed_id = created.phones[1].id

    draft = _draft(
        city="上海",
        abc_class="A",
        do_not_call=True,
        phones=[
            PhoneDraft("13800138000", kind="mobile"),  # kept, no longer primary
            PhoneDraft("139 0013 9000", kind="home", is_primary=True),  # new
        ],
    )
    updated = update_customer(
        any_db, created.id, draft, expected_version=created.version, agent_id=agent, now=LATER
    )

    assert (updated.city, updated.abc_class, updated.do_not_call) == ("上海", "A", True)
    assert updated.version == created.version + 1
    assert updated.updated_at == LATER
    assert updated.created_at == created.created_at
    assert [(p.e164, p.kind, p.is_primary) for p in updated.phones] == [
        ("+8613800138000", "mobile", False),
        ("+8613900139000", "home", True),
    ]
    assert updated.phones[0].id == created.phones[0].id  # kept, not replaced
    with any_db.session() as session:
        removed = session.get(CustomerPhone, removed_id)
        assert removed.deleted_at == LATER  # soft-deleted, not gone

    assert lookup_caller(any_db, "010 6234 5678 转 12", now=LATER).kind is PopKind.UNKNOWN
    assert lookup_caller(any_db, "13900139000", now=LATER).cards[0].customer_id == created.id
    assert load_customer(any_db, created.id).profile == updated

    audits = _audits(any_db, created.id)
    assert [audit[0] for audit in audits] == ["customer.created", "customer.updated"]
    _, entity_type, agent_id, details = audits[1]
    assert (entity_type, agent_id) == ("customer", agent)
    assert details == {
        "fields": ["city", "abc_class", "do_not_call", "phones"],
        "phones_added": 1,
        "phones_removed": 1,
    }


def test_a_stale_update_is_refused_and_writes_nothing(any_db, any_rows):
    created = create_customer(any_db, _draft(), now=any_rows.now)
    first = update_customer(
        any_db, created.id, _draft(city="上海"), expected_version=created.version, now=LATER
    )
    with pytest.raises(StaleRecord) as caught:
        update_customer(
            any_db,
            created.id,
            _draft(city="广州", phones=[PhoneDraft("13700137000")]),
            expected_version=created.version,
            now=LATER + timedelta(minutes=1),
        )
    assert caught.value.code == "stale_record"
    assert caught.value.details["current_version"] == first.version
    assert load_customer(any_db, created.id).profile == first
    assert len(_audits(any_db, created.id)) == 2


@pytest.mark.postgres
def test_a_write_that_loses_the_race_is_refused_as_stale(pg_db, monkeypatch):
    """Another desk saves between our version check and our write: the version column
    (``UPDATE … WHERE version = 1``) catches it. PostgreSQL: the team database, where
    several desks write; a SQLite file has one writer."""
    import callcenter.customers as customers

    now = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
    created = create_customer(pg_db, _draft(), now=now)
    real_apply = customers._apply_fields

    def apply_after_another_desk_saved(customer, clean):
        with pg_db.engine.begin() as conn:  # another desk, its own transaction
            conn.exec_driver_sql("UPDATE customers SET version = version + 1")
        return real_apply(customer, clean)

    monkeypatch.setattr(customers, "_apply_fields", apply_after_another_desk_saved)
    with pytest.raises(StaleRecord):
        update_customer(pg_db, created.id, _draft(city="上海"), expected_version=1, now=LATER)
    assert load_customer(pg_db, created.id).profile.city == "北京"


def test_an_update_that_changes_nothing_keeps_the_version(sqlite_db, rows):
    created = create_customer(sqlite_db, _draft(), now=rows.now)
    same = update_customer(sqlite_db, created.id, _draft(), expected_version=1, now=LATER)
    assert same == created
    assert len(_audits(sqlite_db, created.id)) == 1


def test_a_phone_only_change_bumps_the_version(sqlite_db, rows):
    created = create_customer(sqlite_db, _draft(), now=rows.now)
    phones = [PhoneDraft("13800138000"), PhoneDraft("010-6234 5678 转 12", kind="other")]
    updated = update_customer(
        sqlite_db, created.id, _draft(phones=phones), expected_version=1, now=LATER
    )
    assert updated.version == 2
    assert updated.phones[1].kind == "other"
    assert _audits(sqlite_db, created.id)[-1][3] == {
        "fields": ["phones"],
        "phones_added": 0,
        "phones_removed": 0,
    }


def test_an_invalid_update_writes_nothing(sqlite_db, rows):
    created = create_customer(sqlite_db, _draft(), now=rows.now)
    with pytest.raises(ValidationError) as caught:
        update_customer(
            sqlite_db, created.id, _draft(name=""), expected_version=created.version, now=LATER
        )
    assert caught.value.field_codes == {"name": "required"}
    assert load_customer(sqlite_db, created.id).profile == created


def test_a_deleted_customer_cannot_be_loaded_or_updated(sqlite_db, rows):
    created = create_customer(sqlite_db, _draft(), now=rows.now)
    rows.soft_delete(Customer, created.id)
    with pytest.raises(NotFound):
        load_customer(sqlite_db, created.id)
    with pytest.raises(NotFound):
        update_customer(sqlite_db, created.id, _draft(), expected_version=2, now=LATER)
    with pytest.raises(NotFound):
        load_customer(sqlite_db, "no-such-id")


# -- the timeline ------------------------------------------------------------------------------


def test_the_timeline_shows_open_items_first_then_the_rest_newest_first(sqlite_db, rows):
    r, now = rows, rows.now
    agent = r.team_agent("王芳")
    customer = r.customer("张伟", "+8613800138000")
    other = r.customer("李娜", "+8613900139000")
    h = timedelta(hours=1)

    answered = r.call(
        customer,
        now - 50 * h,
        direction="outbound",
        agent_id=agent,
        answer_at=now - 50 * h + timedelta(seconds=8),
        end_at=now - 50 * h + timedelta(seconds=188),
        end_reason="hangup_remote",
        disposition="complaint_opened",
        notes="客户投诉账单",
    )
    missed = r.call(customer, now - 2 * h, end_at=now - 2 * h, end_reason="cancelled")
    r.call(customer, now - 3 * h, deleted_at=now)
    r.call(other, now - 1 * h)

    urgent = r.complaint(
        customer, "in_progress", severity="high", sla_due_at=now + 4 * h,
        created_at=now - 48 * h, description="账单多扣了50元", owner_id=agent,
    )  # fmt: skip
    relaxed = r.complaint(customer, "new", sla_due_at=now + 70 * h, created_at=now - 1 * h)
    solved = r.complaint(
        customer, "closed", created_at=now - 300 * h, resolved_at=now - 200 * h,
        closed_at=now - 100 * h, satisfaction=4, subject="送货延迟",
    )  # fmt: skip
    callback_due = r.callback(customer, now + 1 * h, agent_id=agent, notes="下午回电")
    callback_done = r.callback(
        customer, now - 30 * h, status="done", done_at=now - 29 * h, outcome="reached",
        kind="return_visit",
    )  # fmt: skip
    call_list = r.call_list("春季促销")
    open_lead = r.lead(call_list, customer, state="retry", next_attempt_at=now + 2 * h)
    closed_lead = r.lead(
        call_list, customer, state="qualified", score=80.0, created_at=now - 400 * h
    )
    r.lead(call_list, other, state="new")

    view = load_customer(sqlite_db, customer)

    order = [(item.kind, item.id) for item in view.timeline]
    assert order == [
        (TimelineKind.CALLBACK, callback_due),  # due in 1 h
        (TimelineKind.LEAD, open_lead),  # next attempt in 2 h
        (TimelineKind.COMPLAINT, urgent),  # SLA in 4 h
        (TimelineKind.COMPLAINT, relaxed),  # SLA in 70 h
        (TimelineKind.CALL, missed),  # now - 2 h
        (TimelineKind.CALLBACK, callback_done),  # done now - 29 h
        (TimelineKind.CALL, answered),  # now - 50 h
        (TimelineKind.SATISFACTION, solved),  # closed now - 100 h
        (TimelineKind.COMPLAINT, solved),  # opened now - 300 h
        (TimelineKind.LEAD, closed_lead),  # now - 400 h
    ]
    items = {(item.kind, item.id): item for item in view.timeline}
    assert [item.is_open for item in view.timeline] == [True] * 4 + [False] * 6

    call = items[TimelineKind.CALL, answered]
    assert (call.title, call.detail, call.status) == ("complaint_opened", "客户投诉账单", None)
    assert call.at == now - 50 * h
    assert call.extra["direction"] == "outbound"
    assert call.extra["agent_name"] == "王芳"
    assert call.extra["duration_s"] == 180.0
    assert items[TimelineKind.CALL, missed].extra["duration_s"] is None
    assert items[TimelineKind.CALL, missed].title == ""

    complaint = items[TimelineKind.COMPLAINT, urgent]
    assert complaint.title.endswith(" 账单有误") and complaint.title.startswith("TS-")
    assert (complaint.status, complaint.detail) == ("in_progress", "账单多扣了50元")
    assert complaint.extra["severity"] == "high"
    assert complaint.extra["sla_due_at"] == now + 4 * h
    assert complaint.extra["owner_name"] == "王芳"

    satisfaction = items[TimelineKind.SATISFACTION, solved]
    assert satisfaction.extra["score"] == 4
    assert satisfaction.title == items[TimelineKind.COMPLAINT, solved].extra["case_number"]
    assert not items[TimelineKind.COMPLAINT, solved].is_open

    callback = items[TimelineKind.CALLBACK, callback_due]
    assert (callback.status, callback.title) == ("scheduled", "callback")
    assert callback.detail == "下午回电"
    assert callback.extra["due_at"] == now + 1 * h
    assert items[TimelineKind.CALLBACK, callback_done].title == "return_visit"

    lead = items[TimelineKind.LEAD, closed_lead]
    assert (lead.title, lead.status) == ("春季促销", "qualified")
    assert lead.extra["score"] == 80.0
    assert items[TimelineKind.LEAD, open_lead].extra["call_list"] == "春季促销"

    with pytest.raises(TypeError):
        call.extra["direction"] = "inbound"  # read-only


def test_the_timeline_limit_keeps_open_items(sqlite_db, rows):
    now = rows.now
    customer = rows.customer("张伟", "+8613800138000")
    old_open = rows.complaint(customer, "new", created_at=now - timedelta(days=300))
    for minutes in range(10):
        rows.call(customer, now - timedelta(minutes=minutes))
    view = load_customer(sqlite_db, customer, timeline_limit=4)
    assert len(view.timeline) == 4
    assert view.timeline[0].id == old_open
    assert [item.at for item in view.timeline[1:]] == [now - timedelta(minutes=m) for m in range(3)]


def test_a_customer_without_history_has_an_empty_timeline(any_db, any_rows):
    created = create_customer(any_db, _draft(), now=any_rows.now)
    assert load_customer(any_db, created.id).timeline == ()


def test_a_stored_duplicate_number_is_cleaned_up_by_an_edit(sqlite_db, rows):
    customer = rows.customer("张伟", "+8613800138000", "+8613800138000")  # imported twice
    profile = load_customer(sqlite_db, customer).profile
    assert len(profile.phones) == 2
    updated = update_customer(
        sqlite_db,
        customer,
        CustomerDraft(name="张伟", phones=[PhoneDraft("13800138000")]),
        expected_version=profile.version,
        now=LATER,
    )
    assert [(p.id, p.e164) for p in updated.phones] == [(profile.phones[0].id, "+8613800138000")]

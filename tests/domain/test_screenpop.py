"""Screen pop: caller id -> customer cards, on real databases with hand-made data."""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from callcenter import screenpop
from callcenter.demo import DemoSize, populate_demo
from callcenter.screenpop import MAX_CARDS, PopKind, card_for, lookup_caller, warm_up
from callcenter.storage.models import Call, Complaint, Customer, CustomerPhone
from callcenter.validation import NotFound

MOBILE = "+8613800138000"  # Beijing, China Mobile
HAN = re.compile(r"[\u4e00-\u9fff]")


@contextmanager
def count_queries(db):
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, *_args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


class NoDatabase:
    """Fails the test if the look-up touches the database."""

    def session(self):
        raise AssertionError("the database was queried")


SPELLINGS = (
    "+8613800138000",
    "+86 138-0013-8000",
    "138 0013 8000",
    "13800138000",
    "8613800138000",
    "0086 138 0013 8000",
    "tel:+86-138-0013-8000",
    "sip:13800138000@pbx.example.com",
    "sip:+8613800138000@10.0.0.1;user=phone",
    '"张伟" <sip:13800138000@pbx.example.com>',
)


def test_a_known_caller_is_found_however_the_number_is_written(any_db, any_rows):
    customer = any_rows.customer(
        "张伟", MOBILE, company="星辰科技", abc_class="A", tags=["VIP"], city="北京"
    )

    for raw in SPELLINGS:
        pop = lookup_caller(any_db, raw, now=any_rows.now)

        assert pop.kind is PopKind.KNOWN, raw
        assert pop.raw_number == raw
        assert pop.e164 == MOBILE
        (card,) = pop.cards
        assert card.customer_id == customer
        assert (card.name, card.company, card.abc_class, card.city) == (
            "张伟",
            "星辰科技",
            "A",
            "北京",
        )
        assert card.tags == ("VIP",)
        assert card.matched_e164 == MOBILE
        assert card.do_not_call is False
        assert (card.open_complaints, card.due_callbacks, card.last_contact_at) == (0, 0, None)


def test_a_landline_in_national_format_matches(rows, sqlite_db):
    customer = rows.customer("李娜", "+861062345678")
    pop = lookup_caller(sqlite_db, "(010) 6234-5678", now=rows.now)
    assert pop.kind is PopKind.KNOWN
    assert pop.cards[0].customer_id == customer


def test_a_number_written_without_country_code_is_read_in_the_default_region(rows, sqlite_db):
    customer = rows.customer("John Smith", "+14155550123")
    in_china = lookup_caller(sqlite_db, "(415) 555-0123", now=rows.now)
    assert (in_china.kind, in_china.e164) == (PopKind.UNKNOWN, "+864155550123")  # Dandong
    pop = lookup_caller(sqlite_db, "(415) 555-0123", default_region="US", now=rows.now)
    assert pop.kind is PopKind.KNOWN
    assert pop.cards[0].customer_id == customer


def test_a_shared_number_shows_every_customer_most_recently_contacted_first(any_db, any_rows):
    now = any_rows.now
    father = any_rows.customer("张建国", MOBILE)
    daughter = any_rows.customer("张丽", "+8613900139000", MOBILE)
    never = any_rows.customer("张明", MOBILE)
    any_rows.call(father, now - timedelta(days=30))
    any_rows.call(daughter, now - timedelta(days=2))

    pop = lookup_caller(any_db, "138 0013 8000", now=now)

    assert pop.kind is PopKind.SEVERAL
    assert [card.customer_id for card in pop.cards] == [daughter, father, never]
    assert {card.matched_e164 for card in pop.cards} == {MOBILE}
    assert pop.truncated is False


def test_a_switchboard_shared_by_very_many_is_capped(rows, sqlite_db):
    for index in range(MAX_CARDS + 3):
        rows.customer(f"客户{index:02d}", "+862150123456")
    pop = lookup_caller(sqlite_db, "021 5012 3456", now=rows.now)
    assert pop.kind is PopKind.SEVERAL
    assert len(pop.cards) == MAX_CARDS
    assert pop.truncated is True


def test_an_extension_narrows_a_shared_switchboard(rows, sqlite_db):
    reception = rows.customer("前台", "+862150123456")
    buyer = rows.customer("采购部 王经理")
    rows.phone(buyer, "+862150123456", extension="801")
    pop = lookup_caller(sqlite_db, "021 5012 3456 转 801", now=rows.now)
    assert pop.kind is PopKind.KNOWN
    assert pop.extension == "801"
    assert pop.cards[0].customer_id == buyer
    # Without the extension (or with one nobody has) both are offered.
    for raw in ("021 5012 3456", "021 5012 3456 ext 999"):
        pop = lookup_caller(sqlite_db, raw, now=rows.now)
        assert {card.customer_id for card in pop.cards} == {reception, buyer}


def test_soft_deleted_phones_and_customers_never_match(any_db, any_rows):
    gone = any_rows.customer("赵强", MOBILE, deleted=True)
    moved = any_rows.customer("钱敏")
    any_rows.phone(moved, MOBILE, deleted=True)
    assert lookup_caller(any_db, MOBILE, now=any_rows.now).kind is PopKind.UNKNOWN

    current = any_rows.customer("孙丽", MOBILE)
    pop = lookup_caller(any_db, MOBILE, now=any_rows.now)
    assert pop.kind is PopKind.KNOWN
    assert [card.customer_id for card in pop.cards] == [current]
    with pytest.raises(NotFound) as caught:
        card_for(any_db, gone, matched_e164=MOBILE, now=any_rows.now)
    assert caught.value.code == "not_found"


def test_an_unknown_mobile_says_where_it_is_from_in_chinese_and_english(any_db, any_rows):
    any_rows.customer("张伟", MOBILE)

    pop = lookup_caller(any_db, "139 1234 5678", language="zh_CN", now=any_rows.now)
    assert pop.kind is PopKind.UNKNOWN
    assert pop.cards == ()
    assert pop.e164 == "+8613912345678"
    assert pop.region == "CN"
    assert pop.place and HAN.search(pop.place)
    assert pop.carrier and HAN.search(pop.carrier)
    assert "移动" in pop.carrier

    pop = lookup_caller(any_db, "139 1234 5678", language="en", now=any_rows.now)
    assert pop.place and pop.place.isascii()
    assert pop.carrier == "China Mobile"


def test_the_place_is_filled_for_known_callers_too(rows, sqlite_db):
    rows.customer("张伟", MOBILE)
    pop = lookup_caller(sqlite_db, MOBILE, now=rows.now)
    assert (pop.region, pop.place, pop.carrier) == ("CN", "北京市", "中国移动")


@pytest.mark.parametrize(
    "raw", ["", "   ", "anonymous", "Private", "匿名", "sip:anonymous@anonymous.invalid"]
)
def test_a_withheld_number_pops_without_a_query(raw, rows):
    pop = lookup_caller(NoDatabase(), raw, now=rows.now)  # type: ignore[arg-type]
    assert pop.kind is PopKind.WITHHELD
    assert (pop.e164, pop.cards, pop.region, pop.place, pop.carrier) == (None, (), None, "", "")


@pytest.mark.parametrize("raw", ["12", "hello", "+999 123", "sip:reception@pbx.example.com"])
def test_an_invalid_caller_id_pops_without_a_query(raw, rows):
    pop = lookup_caller(NoDatabase(), raw, now=rows.now)  # type: ignore[arg-type]
    assert pop.kind is PopKind.INVALID
    assert pop.raw_number == raw
    assert (pop.e164, pop.cards) == (None, ())


def test_card_counts_open_complaints_due_callbacks_and_the_last_contact(any_db, any_rows):
    r, now = any_rows, any_rows.now
    customer = r.customer("张伟", MOBILE)
    other = r.customer("李娜", "+8613900139000")
    for status in ("new", "in_progress", "waiting_customer", "reopened"):
        r.complaint(customer, status)
    r.complaint(customer, "resolved")
    r.complaint(customer, "closed")
    deleted = r.complaint(customer, "new")
    r.soft_delete(Complaint, deleted)
    r.complaint(other, "new")

    r.callback(customer, now - timedelta(days=1))  # overdue: still due
    r.callback(customer, now + timedelta(hours=3))
    r.callback(customer, now + timedelta(hours=23, minutes=59))
    r.callback(customer, now + timedelta(hours=25))  # tomorrow evening: not yet
    r.callback(customer, now - timedelta(hours=1), status="done")
    r.callback(customer, now - timedelta(hours=1), status="cancelled")
    r.callback(customer, now, deleted_at=now)
    r.callback(other, now)

    newest = now - timedelta(hours=5, microseconds=250)
    r.call(customer, now - timedelta(days=3))
    r.call(customer, newest)
    r.call(customer, now - timedelta(days=40))
    r.call(customer, now - timedelta(minutes=1), deleted_at=now)
    r.call(other, now - timedelta(minutes=2))

    (card,) = lookup_caller(any_db, MOBILE, now=now).cards

    assert card.open_complaints == 4
    assert card.due_callbacks == 3
    assert card.last_contact_at == newest
    assert card.last_contact_at.tzinfo is not None
    assert card_for(any_db, customer, matched_e164=MOBILE, now=now) == card


def test_do_not_call_shows_on_the_card(rows, sqlite_db):
    rows.customer("张伟", MOBILE, do_not_call=True)
    assert lookup_caller(sqlite_db, MOBILE, now=rows.now).cards[0].do_not_call is True


def test_a_look_up_is_one_query_whatever_the_number_of_matches(rows, sqlite_db):
    for index in range(3):
        customer = rows.customer(f"客户{index}", MOBILE)
        rows.complaint(customer)
        rows.call(customer, rows.now)
    warm_up()
    with count_queries(sqlite_db) as statements:
        pop = lookup_caller(sqlite_db, MOBILE, now=rows.now)
    assert [card.open_complaints for card in pop.cards] == [1, 1, 1]
    assert len(statements) == 1
    with count_queries(sqlite_db) as statements:
        lookup_caller(sqlite_db, "+8613912345678", now=rows.now)
    assert len(statements) == 1


def test_the_look_up_uses_the_indexes(rows, sqlite_db):
    rows.customer("张伟", MOBILE)
    with count_queries(sqlite_db) as statements:
        lookup_caller(sqlite_db, MOBILE, now=rows.now)
    statement, parameters = statements[0]
    with sqlite_db.engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    details = [str(row[-1]) for row in plan]
    for index in (
        "ix_customer_phones_e164_customer_id (e164=?)",
        "ix_complaints_customer_id_status (customer_id=?)",
        "ix_callbacks_customer_id (customer_id=?)",
        "ix_calls_customer_id_ring_at (customer_id=?)",
    ):
        assert any(index in detail for detail in details), details
    assert not any(detail.startswith("SCAN") for detail in details), details
    assert not any("TEMP B-TREE" in detail for detail in details), details


def test_every_demo_number_pops_its_customer(sqlite_db, rows):
    populate_demo(sqlite_db, size=DemoSize(customers=80, leads=0, complaints=10, callbacks=5))
    with sqlite_db.session() as session:
        pairs = session.execute(
            select(CustomerPhone.e164, CustomerPhone.customer_id)
            .join(Customer, Customer.id == CustomerPhone.customer_id)
            .where(CustomerPhone.deleted_at.is_(None), Customer.deleted_at.is_(None))
        ).all()
        calls = session.scalar(select(Call.id).limit(1))
    assert pairs and calls
    for e164, customer_id in pairs:
        pop = lookup_caller(sqlite_db, e164, now=rows.now)
        assert pop.kind in (PopKind.KNOWN, PopKind.SEVERAL)
        assert customer_id in {card.customer_id for card in pop.cards}


def test_now_must_be_aware(sqlite_db):
    from datetime import datetime

    with pytest.raises(ValueError):
        lookup_caller(sqlite_db, MOBILE, now=datetime(2026, 1, 1))


def test_warm_up_loads_the_place_data():
    warm_up()
    assert screenpop.phones.describe(MOBILE, "en").place == "Beijing"

"""The search box: names, companies, phone fragments and case numbers, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from callcenter.search import (
    HitKind,
    SearchHit,
    normalize_query,
    rebuild_search_index,
    search,
)
from callcenter.storage import migrate
from callcenter.storage.database import Database
from callcenter.storage.models import Complaint, Customer, CustomerPhone, utcnow


@pytest.fixture
def db(any_db: Database) -> Database:
    migrate.upgrade(any_db)
    return any_db


def add_customer(db: Database, name: str, *phones: str, company: str | None = None) -> str:
    """Through the ORM, as the app writes: the search index must follow by itself."""
    with db.session() as session:
        customer = Customer(name=name, company=company)
        for index, e164 in enumerate(phones):
            customer.phones.append(CustomerPhone(e164=e164, is_primary=index == 0))
        session.add(customer)
        session.flush()
        return customer.id


def add_complaint(db: Database, case_number: str, customer_id: str | None, subject: str) -> str:
    with db.session() as session:
        complaint = Complaint(
            case_number=case_number, customer_id=customer_id, category="billing", subject=subject
        )
        session.add(complaint)
        session.flush()
        return complaint.id


def titles(hits: list[SearchHit]) -> list[str]:
    return [hit.title for hit in hits]


def found(db: Database, query: str, **kwargs: object) -> set[str]:
    return {hit.title for hit in search(db, query, **kwargs)}  # type: ignore[arg-type]


# -- names and companies ----------------------------------------------------------------------


def test_chinese_names_of_one_two_and_three_characters(db):
    add_customer(db, "王芳", "+8613800138000")
    add_customer(db, "王芳芳", "+8613900139000")
    add_customer(db, "欧阳娜娜", "+8613700137000")
    add_customer(db, "张伟", "+8613600136000")

    # One or two characters: the start of the name, exact matches first.
    assert titles(search(db, "王芳")) == ["王芳", "王芳芳"]
    assert found(db, "王") == {"王芳", "王芳芳"}
    assert found(db, "欧") == {"欧阳娜娜"}
    # Three characters or more: anywhere in the name.
    assert titles(search(db, "王芳芳")) == ["王芳芳"]
    assert found(db, "阳娜娜") == {"欧阳娜娜"}
    assert found(db, "欧阳娜娜") == {"欧阳娜娜"}
    assert found(db, "李") == set()


def test_english_names_match_anywhere_whatever_the_case(db):
    olivia = add_customer(db, "Olivia Smith", "+447700900123")
    add_customer(db, "Oliver Smithson", "+447700900124")
    add_customer(db, "Sophie Turner", "+447700900125")

    assert found(db, "smith") == {"Olivia Smith", "Oliver Smithson"}
    assert found(db, "LIVI") == {"Olivia Smith"}
    assert found(db, "ｏｌｉｖｉａ") == {"Olivia Smith"}  # full-width, as some IMEs type it
    # The whole name ranks first; words in another order still match.
    hits = search(db, "olivia smith")
    assert hits[0].id == olivia and hits[0].kind is HitKind.CUSTOMER and hits[0].rank >= 3
    assert found(db, "Smith Olivia") == {"Olivia Smith"}
    assert found(db, "ol") == {"Olivia Smith", "Oliver Smithson"}
    assert found(db, "Ol") == found(db, "OL") == {"Olivia Smith", "Oliver Smithson"}


def test_companies(db):
    add_customer(db, "李娜", "+8613800138001", company="上海华兴贸易有限公司")
    add_customer(db, "James Brown", "+12125550123", company="Northwind Trading Ltd")
    add_customer(db, "张伟", "+8613800138002")

    assert found(db, "华兴贸易") == {"李娜"}
    assert found(db, "northwind") == {"James Brown"}
    assert found(db, "trading ltd") == {"James Brown"}
    assert found(db, "上海") == {"李娜"}  # two characters: the start of the company
    assert found(db, "华兴") == set()  # two characters inside a name: no trigram to look for
    li_na = search(db, "华兴贸易")[0]
    assert li_na.subtitle == "上海华兴贸易有限公司" and li_na.phone == "+8613800138001"


def test_exact_matches_rank_first(db):
    for name in ("Wang Fang Trading", "Wang Fangzhou", "Lee Wang Fang", "Wang Fang"):
        add_customer(db, name, "+8613800138000")

    hits = search(db, "wang fang")

    assert titles(hits) == ["Wang Fang", "Wang Fangzhou", "Wang Fang Trading", "Lee Wang Fang"]
    assert [hit.rank for hit in hits] == sorted((hit.rank for hit in hits), reverse=True)
    assert hits[0].rank > 3 > hits[1].rank > 2 > hits[3].rank


# -- phone numbers ----------------------------------------------------------------------------


def test_phone_fragments_whole_numbers_and_spellings(db):
    fang = add_customer(db, "王芳", "+8613800138000", "+862162345678")
    add_customer(db, "李娜", "+8613912345678")

    for query in ("0013 8000", "138-0013", "00138000", "１３８００１", "(138) 0013"):
        hits = search(db, query)
        assert [(h.id, h.phone) for h in hits] == [(fang, "+8613800138000")], query
    # A whole number, as written nationally or internationally: an exact match.
    for query in ("13800138000", "138 0013 8000", "+86 138 0013 8000", "008613800138000"):
        hits = search(db, query)
        assert [(h.id, h.phone, h.rank) for h in hits] == [(fang, "+8613800138000", 3.5)], query
    # Landlines: with or without the trunk 0.
    assert [h.phone for h in search(db, "021 6234")] == ["+862162345678"]
    assert [h.phone for h in search(db, "6234 5678")] == ["+862162345678"]
    assert [h.phone for h in search(db, "021-6234-5678")] == ["+862162345678"]
    # A fragment in both customers' numbers finds both; the start of a number ranks higher.
    assert found(db, "861") == {"王芳", "李娜"}
    assert found(db, "2345") == {"王芳", "李娜"}
    assert [h.rank > 2 for h in search(db, "1391")] == [True]  # the start of 139 1234 5678
    assert all(1 < h.rank < 2 for h in search(db, "2345"))  # inside both numbers
    # Digits alone never match names, and two digits are not a number.
    assert search(db, "99999") == []
    assert search(db, "+8613700000000") == []


def test_a_number_shared_by_two_customers_finds_both(db):
    add_customer(db, "王芳", "+8613800138000", "+862150801234")
    add_customer(db, "王伟", "+8613900139000", "+862150801234")

    hits = search(db, "021 5080 1234")

    assert {(h.title, h.phone) for h in hits} == {
        ("王芳", "+862150801234"),
        ("王伟", "+862150801234"),
    }


# -- case numbers -----------------------------------------------------------------------------


def test_case_numbers_and_their_prefixes(db):
    fang = add_customer(db, "王芳", "+8613800138000")
    first = add_complaint(db, "C2611230001", fang, "账单金额与合同不符")
    add_complaint(db, "C2611230002", fang, "重复扣费")
    add_complaint(db, "C2611240001", None, "Parcel arrived damaged")

    hits = search(db, "C2611230001")
    assert hits[0] == SearchHit(
        HitKind.COMPLAINT, first, fang, "C2611230001", "账单金额与合同不符", "+8613800138000", 3.5
    )
    assert titles(search(db, "c2611230001")) == ["C2611230001"]
    assert titles(search(db, "c261123")) == ["C2611230001", "C2611230002"]
    assert set(titles(search(db, "C2611"))) == {"C2611230001", "C2611230002", "C2611240001"}
    assert titles(search(db, "C2611", limit=2)) == ["C2611230001", "C2611230002"]
    assert search(db, "C2612") == []
    orphan = search(db, "C2611240001")[0]
    assert orphan.customer_id is None and orphan.phone is None


# -- what must not be found -------------------------------------------------------------------


def test_soft_deleted_customers_numbers_and_complaints_never_appear(db):
    gone = add_customer(db, "Olivia Smith", "+447700900123", company="Northwind Trading Ltd")
    kept = add_customer(db, "Oliver Smith", "+447700900124", "+447700900999")
    add_complaint(db, "C2611230001", gone, "Rude agent")
    deleted_complaint = add_complaint(db, "C2611230002", kept, "Charged twice")
    with db.session() as session:
        session.get(Customer, gone).deleted_at = utcnow()
        phone = session.execute(
            select(CustomerPhone).where(CustomerPhone.e164 == "+447700900999")
        ).scalar_one()
        phone.deleted_at = utcnow()
        session.get(Complaint, deleted_complaint).deleted_at = utcnow()

    assert found(db, "smith") == {"Oliver Smith"}
    assert found(db, "Olivia Smith") == set()
    assert found(db, "northwind") == set()
    assert found(db, "Oli") == {"Oliver Smith"}
    assert found(db, "7700900123") == set()
    assert found(db, "+447700900123") == set()
    assert found(db, "7700900999") == set()
    assert found(db, "7700900124") == {"Oliver Smith"}
    # The deleted number is no longer the phone shown, and the complaint of a deleted
    # customer is still found, without a way to the deleted customer.
    assert search(db, "Oliver Smith")[0].phone == "+447700900124"
    assert [(h.title, h.customer_id) for h in search(db, "C26112300")] == [("C2611230001", None)]


def test_new_renamed_and_changed_customers_are_found_at_once(db):
    customer_id = add_customer(db, "王芳芳", "+8613800138000")
    assert found(db, "王芳芳") == {"王芳芳"}  # triggers keep the index up to date

    with db.session() as session:
        customer = session.get(Customer, customer_id)
        customer.name = "李娜娜"
        customer.company = "深圳鼎盛电子有限公司"
        customer.phones[0].e164 = "+8613912345678"
        customer.phones.append(CustomerPhone(e164="+862162345678"))

    assert found(db, "王芳芳") == set() and found(db, "芳芳") == set()
    assert found(db, "李娜娜") == {"李娜娜"}
    assert found(db, "鼎盛电子") == {"李娜娜"}
    assert found(db, "0013 8000") == set()
    assert found(db, "1234 5678") == {"李娜娜"}
    assert found(db, "6234 5678") == {"李娜娜"}

    with db.session() as session:  # a customer restored from the bin is found again
        session.get(Customer, customer_id).deleted_at = utcnow()
    assert found(db, "李娜娜") == set()
    with db.session() as session:
        session.get(Customer, customer_id).deleted_at = None
    assert found(db, "李娜娜") == {"李娜娜"}
    assert found(db, "1234 5678") == {"李娜娜"}


def test_rows_written_without_the_orm_are_found_too(db):
    now = utcnow()
    shared = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
    with db.session() as session:
        session.execute(
            Customer.__table__.insert(),
            [{**shared, "id": "c1", "name": "Grace Hall", "company": None, "email": None,
              "city": None, "abc_class": None, "tags": [], "notes": None,
              "marketing_consent": False, "do_not_call": False}],
        )  # fmt: skip
        session.execute(
            CustomerPhone.__table__.insert(),
            [{**shared, "id": "p1", "customer_id": "c1", "e164": "+8613800138000",
              "extension": None, "kind": "mobile", "is_primary": True}],
        )  # fmt: skip
        session.execute(text("UPDATE customer_phones SET deleted_at = :now"), {"now": now})
        session.execute(text("DELETE FROM customer_phones"))

    assert found(db, "grace") == {"Grace Hall"}
    assert found(db, "0013 8000") == set()


# -- hostile and odd input --------------------------------------------------------------------


ODD_QUERIES = [
    '"', '""', "*", "AND", "OR", "NOT", "NEAR", "(", ")", "a OR b", "NEAR(a b)", "name:x",
    "{name}: x", "x*", "^x", "'", "%", "_", "\\", "'; DROP TABLE customers; --", 'O"Brien*',
    "\x00", "a\u200bb", "   ", "-", "+", "++86", "0", "C", "C1", "()()()", "x" * 1000,
    "(138)*", '"138"', "1 3 8", "+(86)", "C2611%", "C2611_",
]  # fmt: skip


def test_odd_queries_neither_crash_nor_leak(db):
    add_customer(db, 'Dan O"Brien', "+8613800138000", company="AND OR NOT Ltd")
    add_customer(db, "100% Cotton_Co", "+8613900139000")

    for query in ODD_QUERIES:
        hits = search(db, query)
        assert all(isinstance(hit, SearchHit) for hit in hits), query

    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Customer)).scalar_one() == 2


def test_fts_and_like_syntax_is_searched_for_literally(db):
    add_customer(db, 'Dan O"Brien', "+8613800138000", company="AND OR NOT Ltd")
    add_customer(db, "100% Cotton_Co", "+8613900139000")
    add_customer(db, "1000 Cottonwood", "+8613700137000")

    assert found(db, 'O"Bri') == {'Dan O"Brien'}
    assert found(db, "AND OR") == {'Dan O"Brien'}
    assert found(db, "AND") == {'Dan O"Brien'}
    assert found(db, "0% Cot") == {"100% Cotton_Co"}
    assert found(db, "n_Co") == {"100% Cotton_Co"}
    assert found(db, "1%") == set()


def test_normalize_query():
    assert normalize_query("  ｗａｎｇ\u3000  fang\u200b ") == "wang fang"
    assert normalize_query("\x00") == ""
    assert len(normalize_query("x" * 1000)) == 200


# -- limits -----------------------------------------------------------------------------------


def test_never_more_than_limit_hits(db):
    with db.session() as session:
        for n in range(60):
            customer = Customer(name=f"张伟{n:02d}" if n else "张伟", company="华兴贸易有限公司")
            customer.phones.append(CustomerPhone(e164=f"+86138001380{n:02d}"))
            session.add(customer)

    assert len(search(db, "张伟")) == 50
    assert search(db, "张伟")[0].title == "张伟"
    assert len(search(db, "张伟", limit=5)) == 5
    assert len(search(db, "华兴贸易", limit=7)) == 7
    assert len(search(db, "0013800", limit=3)) == 3
    assert search(db, "") == search(db, "   ") == []
    with pytest.raises(ValueError):
        search(db, "张伟", limit=0)


def test_hits_are_frozen(db):
    add_customer(db, "王芳", "+8613800138000")
    hit = search(db, "王芳")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.title = "x"  # type: ignore[misc]


# -- the migration and the schema check -------------------------------------------------------


def test_the_search_objects_are_left_out_of_the_schema_check(db):
    add_customer(db, "王芳", "+8613800138000")

    report = migrate.check(db)

    assert report.ok, report
    with db.session() as session:  # anything else is still reported
        session.execute(text("CREATE INDEX ix_customers_city ON customers (city)"))
    assert migrate.check(db).schema_diff == ["unexpected index ix_customers_city on customers"]


def test_upgrading_indexes_the_customers_already_there(any_db):
    from alembic import command

    with migrate.migration_connection(any_db) as conn:
        command.upgrade(migrate.make_config(connection=conn), "0002")
    add_customer(any_db, "欧阳娜娜", "+8613800138000", company="Northwind Trading Ltd")
    gone = add_customer(any_db, "欧阳锋", "+8613900139000")
    with any_db.session() as session:
        session.get(Customer, gone).deleted_at = utcnow()

    migrate.upgrade(any_db)

    assert found(any_db, "阳娜娜") == {"欧阳娜娜"}
    assert found(any_db, "northwind") == {"欧阳娜娜"}
    assert found(any_db, "0013 8000") == {"欧阳娜娜"}
    assert found(any_db, "欧阳") == {"欧阳娜娜"}
    assert migrate.check(any_db).ok

    with migrate.migration_connection(any_db) as conn:
        command.downgrade(migrate.make_config(connection=conn), "0002")
    with any_db.engine.connect() as conn:
        if any_db.is_sqlite:
            leftovers = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'customer_search%'"
            ).all()
        else:
            leftovers = conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE left(indexname, 10) = 'ix_search_'"
            ).all()
    assert leftovers == []
    add_customer(any_db, "张伟", "+8613700137000")  # no trigger left behind to trip over
    assert migrate.upgrade(any_db).to_revision == migrate.head_revision()
    assert found(any_db, "张伟") == {"张伟"}


def test_rebuild_search_index(db):
    add_customer(db, "欧阳娜娜", "+8613800138000")
    if db.is_sqlite:
        with db.session() as session:
            session.execute(text("DELETE FROM customer_search_docs"))
        assert found(db, "阳娜娜") == set()

    rebuild_search_index(db)

    assert found(db, "阳娜娜") == {"欧阳娜娜"}
    add_customer(db, "欧阳锋锋", "+8613900139000")  # the triggers are back
    assert found(db, "阳锋锋") == {"欧阳锋锋"}
    if db.is_sqlite:
        with db.engine.connect() as conn:
            config = conn.exec_driver_sql("SELECT k FROM customer_search_config").scalars().all()
        assert "hashsize" not in config


def test_sqlite_index_stays_consistent_through_every_kind_of_change(sqlite_db):
    migrate.upgrade(sqlite_db)
    ids = [add_customer(sqlite_db, f"客户{n}号", f"+86138001380{n:02d}") for n in range(20)]
    with sqlite_db.session() as session:
        for n, customer_id in enumerate(ids):
            customer = session.get(Customer, customer_id)
            if n % 3 == 0:
                customer.name = f"改名{n}号"
            if n % 4 == 0:
                customer.deleted_at = utcnow() - timedelta(days=1)
            if n % 5 == 0:
                customer.phones[0].deleted_at = utcnow()
            if n % 7 == 0:
                customer.phones.append(CustomerPhone(e164=f"+86139001390{n:02d}"))
        session.execute(text("DELETE FROM customer_phones WHERE e164 LIKE '%05'"))

    with sqlite_db.engine.connect() as conn:
        # FTS5 compares its index with the content table (rank 1: external content too).
        conn.exec_driver_sql(
            "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 1)"
        )
        docs = conn.exec_driver_sql(
            "SELECT customer_id, name, phones FROM customer_search_docs ORDER BY customer_id"
        ).all()
        expected = conn.exec_driver_sql(
            "SELECT c.id, c.name, (SELECT group_concat(p.e164, ' ') FROM customer_phones p "
            "WHERE p.customer_id = c.id AND p.deleted_at IS NULL) "
            "FROM customers c WHERE c.deleted_at IS NULL ORDER BY c.id"
        ).all()
    assert docs == expected

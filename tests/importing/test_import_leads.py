"""Importing leads: encodings, XLSX, dedupe, do-not-call, customer link, list creation, cancel."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, text

from callcenter.errors import CallcenterError
from callcenter.importing.bulk import new_ids
from callcenter.importing.leads import ZoneCache, import_leads
from callcenter.importing.numbers import PhoneNormalizer
from callcenter.phones import normalize, time_zones
from callcenter.storage.customers import Customer, CustomerPhone
from callcenter.storage.database import Database
from callcenter.storage.outbound import CallList, DncNumber, Lead
from tests.importing.conftest import NOW, read_report, write_csv, write_xlsx

HEADER = ["姓名", "手机", "公司", "城市", "来源", "备注"]
ROWS = [
    ["张三", "138 0013 8000", "华为技术", "深圳", "展会", "下午再打"],
    ["李四", "+86 139-0013-9000", "", "北京", "官网", ""],
    ["欧阳娜娜", "１３７００１３７０００", "", "", "", ""],
    ["Wang Fang", "(021) 6234 5678", "Acme", "上海", "web", ""],
]


def _leads(db: Database) -> dict[str, tuple]:
    with db.session() as session:
        rows = session.execute(
            select(
                Lead.phone_e164,
                Lead.name,
                CallList.name,
                Lead.customer_id,
                Lead.time_zones,
                Lead.state,
                Lead.company,
                Lead.city,
                Lead.source,
                Lead.notes,
            ).join(CallList, CallList.id == Lead.call_list_id)
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _lists(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(session.scalars(select(CallList.name)))


def _seed_dnc(db: Database, *numbers: str, deleted: bool = False) -> None:
    stamps = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with db.session() as session:
        session.connection().execute(
            insert(DncNumber.__table__),
            [
                {**stamps, "id": i, "e164": n, "deleted_at": NOW if deleted else None}
                for i, n in zip(new_ids(len(numbers)), numbers, strict=True)
            ],
        )


def _seed_customer(db: Database, name: str, e164: str) -> str:
    customer_id, phone_id = new_ids(2)
    stamps = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with db.session() as session:
        conn = session.connection()
        conn.execute(insert(Customer.__table__).values(id=customer_id, name=name, **stamps))
        conn.execute(
            insert(CustomerPhone.__table__).values(
                id=phone_id, customer_id=customer_id, e164=e164, kind="mobile", **stamps
            )
        )
    return customer_id


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_every_encoding_with_chinese_headers(db, tmp_path, encoding):
    path = write_csv(tmp_path / "leads.csv", [HEADER, *ROWS], encoding=encoding)
    result = import_leads(db, path, list_name="春季活动", now=NOW)
    assert (result.rows, result.imported, result.duplicates, result.dnc, result.invalid) == (
        4,
        4,
        0,
        0,
        0,
    )
    assert result.report is None
    leads = _leads(db)
    assert leads["+8613800138000"] == (
        "张三",
        "春季活动",
        None,
        "Asia/Shanghai",
        "new",
        "华为技术",
        "深圳",
        "展会",
        "下午再打",
    )
    assert leads["+8613700137000"][0] == "欧阳娜娜"
    assert leads["+862162345678"][0] == "Wang Fang"
    assert _lists(db) == ["春季活动"]


def test_xlsx_with_english_headers(db, tmp_path):
    header = ["Name", "Mobile", "Company", "City", "Source", "Notes"]
    path = write_xlsx(tmp_path / "leads.xlsx", [header, *ROWS, ["Bad", "12345", "", "", "", ""]])
    result = import_leads(db, path, list_name="Spring", now=NOW, report_dir=tmp_path)
    assert (result.rows, result.imported, result.invalid) == (5, 4, 1)
    assert set(_leads(db)) == {
        "+8613800138000",
        "+8613900139000",
        "+8613700137000",
        "+862162345678",
    }
    (line,) = read_report(result.report)
    assert (line["line"], line["reason_code"]) == ("6", "invalid_phone")


def test_duplicates_within_the_file_the_list_and_other_lists(db, tmp_path):
    first = write_csv(tmp_path / "a.csv", [HEADER, ROWS[0], ROWS[1]])
    assert import_leads(db, first, list_name="A", now=NOW).imported == 2
    second = write_csv(
        tmp_path / "b.csv",
        [
            HEADER,
            ["甲", "13800138000", "", "", "", ""],  # line 2: on list A already
            ["乙", "15001234567", "", "", "", ""],  # line 3: new
            ["丙", "150 0123 4567", "", "", "", ""],  # line 4: the same as line 3
        ],
    )
    result = import_leads(db, second, list_name="B", now=NOW, report_dir=tmp_path)
    assert (result.rows, result.imported, result.duplicates) == (3, 1, 2)
    report = read_report(result.report)
    assert [(r["line"], r["reason_code"]) for r in report] == [
        ("2", "duplicate_in_database"),
        ("4", "duplicate_in_file"),
    ]
    assert "another call list" in report[0]["reason"]
    assert "line 3" in report[1]["reason"]
    again = import_leads(db, first, list_name="A", now=NOW, report_dir=tmp_path)
    assert (again.imported, again.duplicates) == (0, 2)
    assert {r["reason_code"] for r in read_report(again.report)} == {"duplicate_in_list"}


def test_do_not_call_numbers_are_suppressed_and_counted(db, tmp_path):
    _seed_dnc(db, "+8613900139000")
    _seed_dnc(db, "+8613800138000", deleted=True)  # taken off the list: callable again
    path = write_csv(
        tmp_path / "l.csv", [HEADER, *ROWS, ["赵六", "13600136000/13900139000", "", "", "", ""]]
    )
    result = import_leads(db, path, list_name="A", now=NOW, report_dir=tmp_path)
    assert (result.rows, result.imported, result.dnc, result.invalid) == (5, 3, 2, 0)
    assert [(r["line"], r["reason_code"]) for r in read_report(result.report)] == [
        ("3", "do_not_call"),
        ("6", "do_not_call"),
    ]
    assert "+8613900139000" not in _leads(db)
    assert result.summary(["rows", "imported", "duplicates", "dnc", "invalid"])["dnc"] == 2


def test_a_lead_is_linked_to_the_customer_with_its_number(db, tmp_path):
    customer_id = _seed_customer(db, "张三", "+8613800138000")
    path = write_csv(tmp_path / "l.csv", [HEADER, *ROWS])
    import_leads(db, path, list_name="A", now=NOW)
    leads = _leads(db)
    assert leads["+8613800138000"][2] == customer_id
    assert leads["+8613900139000"][2] is None


def test_extra_numbers_of_a_row_are_kept_in_the_notes(db, tmp_path):
    path = write_csv(
        tmp_path / "l.csv", [HEADER, ["张三", "13800138000/13900139000", "", "", "", "x"]]
    )
    import_leads(db, path, list_name="A", now=NOW)
    assert _leads(db)["+8613800138000"][8] == "x\n其他号码: +8613900139000"


def test_the_list_is_created_once_and_reused(db, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER, ROWS[0]])
    import_leads(db, path, list_name="  春季  活动 ", now=NOW)
    path = write_csv(tmp_path / "m.csv", [HEADER, ROWS[1]])
    import_leads(db, path, list_name="春季 活动", now=NOW)
    assert _lists(db) == ["春季 活动"]
    assert {v[1] for v in _leads(db).values()} == {"春季 活动"}


def test_a_cancelled_import_leaves_nothing_not_even_the_list(db, tmp_path):
    rows = [[f"客户{i}", f"1380013{i:04d}", "", "", "", ""] for i in range(50)]
    path = write_csv(tmp_path / "l.csv", [HEADER, *rows, ["坏", "123", "", "", "", ""]])
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 3

    result = import_leads(db, path, list_name="新列表", now=NOW, batch_size=10, cancel=cancel)
    assert result.cancelled
    assert (result.rows, result.imported) == (0, 0)
    assert _lists(db) == []
    assert _leads(db) == {}
    assert not list(tmp_path.glob("l.rejected-*"))


def test_progress_is_reported(db, tmp_path):
    rows = [[f"客户{i}", f"1380013{i:04d}", "", "", "", ""] for i in range(25)]
    path = write_csv(tmp_path / "l.csv", [HEADER, *rows])
    calls = []
    import_leads(
        db, path, list_name="A", now=NOW, batch_size=10, progress=lambda *a: calls.append(a)
    )
    assert calls[0][0] == 0
    assert calls[-1] == (25, 25)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert len(calls) >= 4


def test_every_rejected_row_is_reported_with_its_reason(db, tmp_path):
    rows = [
        HEADER,
        ["无号码", "", "", "", "", ""],  # 2
        ["坏号码", "12345", "", "", "", ""],  # 3
        ["太长" * 200, "13800138000", "", "", "", ""],  # 4
        ["少列", "13900139000"],  # 5
        ["好", "13700137000", "", "", "", ""],  # 6
    ]
    path = write_csv(tmp_path / "l.csv", rows)
    result = import_leads(db, path, list_name="A", now=NOW)
    assert (result.rows, result.imported, result.invalid) == (5, 1, 4)
    assert [(r["line"], r["reason_code"]) for r in read_report(result.report)] == [
        ("2", "missing_phone"),
        ("3", "invalid_phone"),
        ("4", "too_long"),
        ("5", "too_few_fields"),
    ]


def test_the_audit_entry_holds_counts_only(db, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER, *ROWS])
    import_leads(db, path, list_name="A", now=NOW)
    with db.engine.connect() as conn:
        action, details = conn.execute(text("SELECT action, details FROM audit_log")).one()
    assert action == "leads.imported"
    assert "138" not in str(details) and "张三" not in str(details)


def test_bad_list_names_and_deleted_lists_are_refused(db, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER, ROWS[0]])
    with pytest.raises(CallcenterError) as blank:
        import_leads(db, path, list_name="   ", now=NOW)
    assert blank.value.code == "invalid_list_name"
    import_leads(db, path, list_name="旧", now=NOW)
    with db.session() as session:
        session.execute(CallList.__table__.update().values(deleted_at=NOW))
    other = write_csv(tmp_path / "m.csv", [HEADER, ROWS[1]])
    with pytest.raises(CallcenterError) as deleted:
        import_leads(db, other, list_name="旧", now=NOW)
    assert deleted.value.code == "list_deleted"
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 1


SPELLINGS = [
    "tel:+86-138-0013-8000",
    "TEL:+8613800138000",
    "tel:+86 21 6234 5678",
    "tel:13800138000",
    "tel:",
    "tel:+86-1380013800",
    "tel:+86-138;ext=12",
    "0086 138 0013 8000",
    "008613800138000",
    "00 86 21 6234 5678",
    "001 415 555 0123",
    "0086 12345",
    "00",
    "0044 20 7946 0958",
    " 0086-138-0013-8000 ",
]


@pytest.mark.parametrize("region", ["CN", "US", "GB"])
def test_tel_and_0086_spellings_answer_as_normalize_does(region):
    numbers = PhoneNormalizer(region)
    for raw in SPELLINGS:
        ours = numbers(raw)
        try:
            assert ours == normalize(raw, region), raw
        except CallcenterError as exc:
            assert (ours.code, ours.message) == (exc.code, exc.message), raw
    if region == "CN":
        usual = PhoneNormalizer(region)
        for raw in ["tel:+86-138-0013-8000", "tel:+86 21 6234 5678", "0086 21 6234 5678"]:
            assert usual(raw) == normalize(raw, region)
        assert usual.slow == 0, "the usual spellings should take the fast path"


def test_zone_cache_answers_as_phonenumbers_does():
    cache = ZoneCache()
    for raw in [
        "13800138000",
        "+86 21 6234 5678",
        "+1 415 555 0123",
        "+1 212 555 0123",
        "+1 800 555 0123",
        "+7 912 345 6789",
        "+44 20 7946 0958",
        "+800 1234 5678",
    ]:
        number = normalize(raw, "CN")
        expected = "|".join(time_zones(number)) or None
        if expected is not None and len(expected) > 200:  # see the next test
            continue
        assert cache(number) == expected, raw
        assert cache(number) == expected, raw  # cached


def test_core_look_ups_agree_with_the_driver_ones(db, tmp_path):
    """The Core statements (drivers with named parameters) find what the plain SQL finds."""
    from callcenter.importing import leads as module

    customer_id = _seed_customer(db, "张三", "+8613800138000")
    _seed_dnc(db, "+8613900139000")
    import_leads(db, write_csv(tmp_path / "l.csv", [HEADER, ROWS[2]]), list_name="A", now=NOW)
    numbers = ["+8613800138000", "+8613900139000", "+8613700137000"]
    with db.engine.connect() as conn:
        plain = module._Queries(conn)
        core = module._Queries(conn)
        core._placeholder = None
        for name in ("leads", "dnc", "owners"):
            assert sorted(map(tuple, plain.run(conn, name, numbers))) == sorted(
                map(tuple, core.run(conn, name, numbers))
            ), name
        assert list(core.run(conn, "owners", numbers)) == [("+8613800138000", customer_id, None)]


@pytest.mark.postgres
def test_postgresql_imports_leads_the_same(pg_database_url, tmp_path):
    from callcenter.storage.database import open_database
    from callcenter.storage.migrate import upgrade

    pg = open_database(pg_database_url)
    try:
        upgrade(pg)
        customer_id = _seed_customer(pg, "张三", "+8613800138000")
        _seed_dnc(pg, "+8613900139000")
        path = write_csv(tmp_path / "l.csv", [HEADER, *ROWS, ROWS[0]])
        result = import_leads(pg, path, list_name="春季", now=NOW, batch_size=2)
        assert (result.imported, result.dnc, result.duplicates) == (3, 1, 1)
        leads = _leads(pg)
        assert leads["+8613800138000"][2] == customer_id
        assert leads["+862162345678"][3] == "Asia/Shanghai"
    finally:
        pg.dispose()


def test_numbers_in_too_many_zones_keep_the_extreme_ones(db, tmp_path):
    cache = ZoneCache(NOW)
    toll_free = cache(normalize("+1 800 555 0123", "CN"))
    assert toll_free is not None and len(toll_free) <= 200
    zones = toll_free.split("|")
    assert len(zones) == 2
    assert set(zones) <= set(time_zones("+18005550123"))
    path = write_csv(tmp_path / "l.csv", [HEADER, ["US", "+1 800 555 0123", "", "", "", ""]])
    import_leads(db, path, list_name="A", now=NOW)
    assert _leads(db)["+18005550123"][3] == toll_free


def test_an_imported_lead_is_stored_as_the_orm_stores_one(db, tmp_path):
    """The bulk insert writes its constants into the statement: the stored values and their
    SQLite types are those of a lead added through a session."""
    path = write_csv(tmp_path / "l.csv", [HEADER, ["张三", "13800138000", "", "", "", ""]])
    import_leads(db, path, list_name="A", now=NOW)
    with db.session() as session:
        list_id = session.scalar(select(CallList.id))
        session.add(
            Lead(
                call_list_id=list_id,
                name="李四",
                phone_e164="+8613900139000",
                time_zones="Asia/Shanghai",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    columns = [c.name for c in Lead.__table__.columns if c.name not in ("id", "name")]
    typed = ", ".join(f"typeof({c}), {c}" for c in columns if c != "phone_e164")
    with db.engine.connect() as conn:
        imported, added = conn.exec_driver_sql(
            f"SELECT {typed} FROM leads ORDER BY phone_e164"
        ).all()
    assert imported == added
    with db.session() as session:
        lead = session.scalars(select(Lead).where(Lead.phone_e164 == "+8613800138000")).one()
        assert (lead.created_at, lead.version, lead.score, lead.attempts) == (NOW, 1, 0.0, 0)
        assert lead.deleted_at is None and lead.next_attempt_at is None


@pytest.mark.skipif(
    "abc_rank" not in Lead.__table__.columns, reason="the schema has no abc_rank (yet)"
)
def test_a_linked_lead_gets_its_customers_class_rank(db, tmp_path):
    customer_id = _seed_customer(db, "张三", "+8613800138000")
    with db.session() as session:
        session.execute(Customer.__table__.update().values(abc_class="A"))
    path = write_csv(tmp_path / "l.csv", [HEADER, ROWS[0], ROWS[1]])
    import_leads(db, path, list_name="A", now=NOW)
    with db.engine.connect() as conn:
        ranks = dict(conn.exec_driver_sql("SELECT phone_e164, abc_rank FROM leads").all())
    assert ranks == {"+8613800138000": 3, "+8613900139000": 0}
    assert _leads(db)["+8613800138000"][2] == customer_id

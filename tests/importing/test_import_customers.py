"""Importing customers: every row imported whole or reported, all or nothing, fast ids."""

from __future__ import annotations

import uuid
from datetime import UTC

import pytest
from sqlalchemy import func, select, text

from callcenter.errors import CallcenterError
from callcenter.importing import bulk
from callcenter.importing.bulk import new_ids
from callcenter.importing.customers import import_customers, normalize_abc_class
from callcenter.importing.reader import ImportFileError
from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.models import AuditEntry, Customer, CustomerPhone
from tests.importing.conftest import (
    NOW,
    STAMP,
    customers_in,
    read_report,
    rewrite_xlsx_values,
    table_counts,
    write_csv,
    write_xlsx,
)

HEADER = ["客户姓名", "手机号码", "公司名称", "备用电话"]
GOOD = [
    ["张三", "138 0013 8000", "北京华盛科技有限公司", ""],
    ["李四", "+86 139-0013-9000", "", "010-6552 9988"],
    ["欧阳娜娜", "１３７００１３７０００", "上海鼎新贸易，分公司", ""],
    ["Wang Fang", "(021) 6234 5678 转 801", "", ""],
]
EXPECTED = {
    "张三": {("+8613800138000", None)},
    "李四": {("+8613900139000", None), ("+861065529988", None)},
    "欧阳娜娜": {("+8613700137000", None)},
    "Wang Fang": {("+862162345678", "801")},
}


def _add_customer(db: Database, name: str, e164: str, *, deleted: bool = False) -> None:
    with db.session() as session:
        customer = Customer(name=name, deleted_at=NOW if deleted else None)
        session.add(customer)
        session.flush()
        session.add(CustomerPhone(customer_id=customer.id, e164=e164))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_every_encoding_imports_identically(db, tmp_path, encoding):
    path = write_csv(tmp_path / "customers.csv", [HEADER, *GOOD], encoding=encoding)
    result = import_customers(db, path, now=NOW)
    assert (result.rows, result.imported, result.duplicates, result.invalid) == (4, 4, 0, 0)
    assert result.report is None
    assert not result.cancelled
    assert customers_in(db) == EXPECTED


def test_an_xlsx_with_numeric_cells_imports(db, tmp_path):
    path = write_xlsx(
        tmp_path / "customers.xlsx",
        [
            ["姓名", "手机", "电话2", "公司"],
            ["张三", 13800138000, None, "甲公司"],
            ["李四", 13900139000, 1065529988, None],  # a landline whose leading 0 was lost
            ["王五", 13700137000.0, None, None],
        ],
    )
    rewrite_xlsx_values(path, {"13700137000": "1.3700137E10"})
    result = import_customers(db, path, now=NOW)
    assert (result.rows, result.imported, result.invalid) == (3, 3, 0)
    assert customers_in(db) == {
        "张三": {("+8613800138000", None)},
        "李四": {("+8613900139000", None), ("+861065529988", None)},
        "王五": {("+8613700137000", None)},
    }


def test_a_messy_file_imports_the_good_rows_and_reports_every_other(db, tmp_path):
    _add_customer(db, "老客户", "+8613700137000")
    _add_customer(db, "已删除", "+8613600136000", deleted=True)
    path = tmp_path / "messy.csv"
    path.write_text(
        "客户姓名,手机号码,公司名称,备用电话\n"  # 1
        "张三,138 0013 8000,甲公司,\n"  # 2 imported
        "李四,13900139000\n"  # 3 too few cells
        "王五,12345,,\n"  # 4 invalid number
        ",13500135000,,\n"  # 5 no name
        "赵六,+86 138-0013-8000,,\n"  # 6 same number as line 2
        "钱七,13700137000,,\n"  # 7 already a customer's
        "孙八,13600136000,,\n"  # 8 imported: the customer who had it is deleted
        "周九,13300133000,乙公司,abc\n"  # 9 the second number is no number
        "吴十,13200132000,丙公司,13100131000\n"  # 10 imported with two numbers
        "郑十一,13000130000,,,多余\n"  # 11 too many cells
        '"冯十二,13000130001,,\n'  # 12 a quote that never closes
        "陈十三,18912345678,,\n"  # 13 imported
        "\n"  # blank: not a row
        "褚十四,=cmd|' /C calc'!A0,,\n",  # 15 a formula, as a phone
        encoding="utf-8",
    )
    result = import_customers(db, path, now=NOW)

    assert (result.rows, result.imported, result.duplicates, result.invalid) == (13, 4, 2, 7)
    assert result.rows == result.imported + result.duplicates + result.invalid
    assert result.report == tmp_path / f"messy.rejected-{STAMP}.csv"
    report = read_report(result.report)
    assert [(r["line"], r["reason_code"]) for r in report] == [
        ("3", "too_few_fields"),
        ("4", "invalid_phone"),
        ("5", "missing_name"),
        ("6", "duplicate_in_file"),
        ("7", "duplicate_in_database"),
        ("9", "invalid_phone"),
        ("11", "too_many_fields"),
        ("12", "unbalanced_quote"),
        ("15", "invalid_phone"),
    ]
    by_line = {r["line"]: r for r in report}
    assert by_line["6"]["reason"] == "Column “手机号码”: the same number is on line 2."
    assert by_line["9"]["reason"].startswith("Column “备用电话”: ")
    assert by_line["4"]["客户姓名"] == "王五"
    assert by_line["15"]["手机号码"] == "'=cmd|' /C calc'!A0"  # neutralised
    imported = customers_in(db)
    assert set(imported) == {"老客户", "张三", "孙八", "吴十", "陈十三"}
    assert imported["吴十"] == {("+8613200132000", None), ("+8613100131000", None)}


def test_a_cell_may_hold_several_numbers(db, tmp_path):
    path = write_csv(
        tmp_path / "multi.csv",
        [
            ["姓名", "电话"],
            ["张三", "13800138000/13900139000；010-65529988"],
            ["李四", "138 0013 8000"],
        ],
    )
    result = import_customers(db, path, now=NOW)
    assert (result.imported, result.duplicates) == (1, 1)
    assert customers_in(db)["张三"] == {
        ("+8613800138000", None),
        ("+8613900139000", None),
        ("+861065529988", None),
    }


def test_classes_tags_source_and_notes(db, tmp_path):
    path = write_csv(
        tmp_path / "fields.csv",
        [
            ["姓名", "电话", "客户等级", "标签", "来源", "备注", "说明", "邮箱", "城市"],
            [
                "甲",
                "13800138001",
                "a",
                "VIP，老客户",
                "展会",
                "第一行\n第二行",
                "补充",
                "a@b.cn",
                "北京",
            ],
            ["乙", "13800138002", "Ｂ类", "", "", "", "", "", ""],
            ["丙", "13800138003", "VIP", "老客户;VIP", "老客户", "", "", "", ""],
        ],
    )
    result = import_customers(db, path, now=NOW)
    assert (result.imported, result.invalid, result.warnings) == (3, 0, 1)
    report = read_report(result.report)
    # line 5: the notes of line 2 take two lines
    assert [(r["line"], r["reason_code"]) for r in report] == [("5", "abc_class_ignored")]
    with db.session() as session:
        rows = {c.name: c for c in session.scalars(select(Customer))}
    assert rows["甲"].abc_class == "A"
    assert rows["甲"].tags == ["VIP", "老客户", "展会"]
    assert rows["甲"].notes == "第一行\n第二行\n补充"
    assert (rows["甲"].email, rows["甲"].city) == ("a@b.cn", "北京")
    assert rows["乙"].abc_class == "B"
    assert (rows["乙"].tags, rows["乙"].notes, rows["乙"].email) == ([], None, None)
    assert rows["丙"].abc_class is None
    assert rows["丙"].tags == ["老客户", "VIP"]


@pytest.mark.parametrize(
    ("text", "abc"),
    [("a", "A"), ("Ａ", "A"), (" b ", "B"), ("C类", "C"), ("A级", "A"), ("甲", "A"),
     ("class B", "B"), ("VIP", None), ("", None), ("AB", None)],
)  # fmt: skip
def test_abc_classes(text, abc):
    assert normalize_abc_class(text) == abc


def test_values_that_do_not_fit_are_rejected_not_cut(db, tmp_path):
    path = write_csv(
        tmp_path / "long.csv",
        [
            ["姓名", "电话", "公司"],
            ["张" * 201, "13800138000", ""],
            ["李四", "13900139000", "公" * 201],
        ],
    )
    result = import_customers(db, path, now=NOW)
    assert (result.imported, result.invalid) == (0, 2)
    reasons = [r["reason"] for r in read_report(result.report)]
    assert reasons == [
        "Column “姓名” is longer than 200 characters.",
        "Column “公司” is longer than 200 characters.",
    ]


def test_imported_customers_read_back_through_the_orm(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [HEADER, *GOOD])
    import_customers(db, path, now=NOW)
    with db.session() as session:
        customer = session.scalars(select(Customer).where(Customer.name == "李四")).one()
        assert customer.created_at == NOW and customer.created_at.tzinfo is UTC
        assert customer.updated_at == NOW
        assert (customer.version, customer.deleted_at) == (1, None)
        assert (customer.marketing_consent, customer.do_not_call) == (False, False)
        assert uuid.UUID(customer.id).version == 4
        phones = sorted(customer.phones, key=lambda p: not p.is_primary)
        assert [(p.e164, p.kind, p.is_primary) for p in phones] == [
            ("+8613900139000", "mobile", True),
            ("+861065529988", "home", False),
        ]
        customer.notes = "edited"  # the ORM's version counter works on imported rows
    with db.session() as session:
        assert session.scalars(select(Customer.version).where(Customer.name == "李四")).one() == 2


def test_the_audit_log_gets_the_counts_only(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [HEADER, *GOOD, ["", "13800138000", "", ""]])
    import_customers(db, path, now=NOW)
    with db.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.entity_type, entry.entity_id) == (
        "customers.imported",
        "customer",
        None,
    )
    assert entry.details == {"rows": 5, "imported": 4, "duplicates": 0, "invalid": 1, "warnings": 0}
    assert entry.created_at == NOW


def test_progress_is_reported_between_batches(db, tmp_path):
    rows = [[f"客户{i}", f"1380013{i:04d}", "", ""] for i in range(35)]
    path = write_csv(tmp_path / "p.csv", [HEADER, *rows])
    calls: list[tuple[int, int | None]] = []
    result = import_customers(db, path, now=NOW, batch_size=10, progress=lambda *a: calls.append(a))
    assert result.imported == 35
    assert [done for done, _total in calls] == [0, 10, 20, 30, 35, 35]
    assert all(total is not None and total >= done for done, total in calls)
    assert calls[-1] == (35, 35)


def test_xlsx_progress_knows_the_total(db, tmp_path):
    rows = [[f"客户{i}", 13800130000 + i] for i in range(12)]
    path = write_xlsx(tmp_path / "p.xlsx", [["姓名", "电话"], *rows])
    calls: list[tuple[int, int | None]] = []
    import_customers(db, path, now=NOW, batch_size=5, progress=lambda *a: calls.append(a))
    assert calls == [(0, 12), (5, 12), (10, 12), (12, 12), (12, 12)]


def test_a_cancelled_import_leaves_nothing_behind(db, tmp_path):
    _add_customer(db, "老客户", "+8613700137000")
    rows = [[f"客户{i}", f"1380013{i:04d}", "", ""] for i in range(50)]
    rows[3] = ["", "13900139000", "", ""]  # a rejected row: the report file is started
    path = write_csv(tmp_path / "c.csv", [HEADER, *rows])
    before = table_counts(db)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) >= 3  # after two batches were written

    result = import_customers(db, path, now=NOW, batch_size=10, cancel=cancel)
    assert result.cancelled
    assert (result.rows, result.imported, result.duplicates, result.invalid) == (0, 0, 0, 0)
    assert result.report is None
    assert table_counts(db) == before
    assert sorted(p.name for p in tmp_path.glob("c.*")) == ["c.csv"]


def test_an_error_midway_rolls_everything_back(db, tmp_path, monkeypatch):
    rows = [[f"客户{i}", f"1380013{i:04d}", "", ""] for i in range(30)]
    rows[0] = ["", "13900139000", "", ""]
    path = write_csv(tmp_path / "c.csv", [HEADER, *rows])
    before = table_counts(db)
    real_insert = bulk.BulkInserter.insert
    calls = []

    def failing_insert(self, batch):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_insert(self, batch)

    monkeypatch.setattr(bulk.BulkInserter, "insert", failing_insert)
    with pytest.raises(OSError, match="disk full"):
        import_customers(db, path, now=NOW, batch_size=10)
    assert table_counts(db) == before
    assert sorted(p.name for p in tmp_path.glob("c.*")) == ["c.csv"]


def test_a_file_without_a_phone_column_is_refused_before_anything(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [["姓名", "公司"], ["张三", "甲公司"]])
    before = table_counts(db)
    with pytest.raises(ImportFileError) as caught:
        import_customers(db, path, now=NOW)
    assert caught.value.code == "missing_columns"
    assert caught.value.details["missing"] == ["phone"]
    assert table_counts(db) == before
    assert sorted(p.name for p in tmp_path.glob("c.*")) == ["c.csv"]


def test_the_user_can_map_columns_by_hand(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [["A", "B", "C"], ["张三", "13800138000", "13900139000"]])
    result = import_customers(db, path, now=NOW, mapping={"name": 0, "phone": [1, 2]})
    assert result.imported == 1
    assert customers_in(db)["张三"] == {("+8613800138000", None), ("+8613900139000", None)}


def test_the_report_folder_and_the_default_region_can_be_chosen(db, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    path = write_csv(tmp_path / "c.csv", [["姓名", "电话"], ["陳大文", "5123 4567"], ["", "1"]])
    result = import_customers(db, path, now=NOW, default_region="HK", report_dir=reports)
    assert customers_in(db) == {"陳大文": {("+85251234567", None)}}
    assert result.report is not None and result.report.parent == reports
    with pytest.raises(CallcenterError) as caught:
        import_customers(db, path, default_region="XX")
    assert caught.value.code == "invalid_region"
    with pytest.raises(ValueError):
        import_customers(db, path, now=NOW.replace(tzinfo=None))


def test_the_search_index_finds_imported_customers(db, tmp_path):
    with db.engine.connect() as conn:
        has_index = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'customer_search_docs'")
        ).scalar_one()
    if not has_index:
        pytest.skip("no search index in this schema")
    path = write_csv(tmp_path / "c.csv", [HEADER, *GOOD])
    import_customers(db, path, now=NOW)
    with db.engine.connect() as conn:
        docs = dict(conn.execute(text("SELECT name, phones FROM customer_search_docs")).all())
    assert set(docs) == set(EXPECTED)
    assert set(docs["李四"].split()) == {"+8613900139000", "+861065529988"}


def test_new_ids_look_like_uuid4():
    ids = new_ids(500)
    assert len(set(ids)) == 500
    for value in ids:
        parsed = uuid.UUID(value)
        assert parsed.version == 4 and str(parsed) == value


@pytest.mark.postgres
def test_postgresql_imports_the_same(pg_database_url, tmp_path):
    pg = open_database(pg_database_url)
    try:
        upgrade(pg)
        _add_customer(pg, "老客户", "+8613600136000")
        path = write_csv(tmp_path / "c.csv", [HEADER, *GOOD, ["钱七", "13600136000", "", ""]])
        result = import_customers(pg, path, now=NOW, batch_size=2)
        assert (result.imported, result.duplicates) == (4, 1)
        found = customers_in(pg)
        assert {k: v for k, v in found.items() if k != "老客户"} == EXPECTED
        with pg.session() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
            customer = session.scalars(select(Customer).where(Customer.name == "张三")).one()
            assert customer.created_at == NOW and customer.tags == []
    finally:
        pg.dispose()

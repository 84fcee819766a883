"""Importing customers from the UI: progress, a summary, the report of rejected rows."""

from __future__ import annotations

import csv

from sqlalchemy import select

from callcenter.storage.models import Customer


def test_a_csv_with_a_bad_row_imports_the_good_rows_and_reports_the_bad(
    qtbot, desk, tmp_path, demo_db
):
    source = tmp_path / "客户.csv"
    source.write_text(
        "姓名,手机,公司\n"
        "赵一鸣,139 0000 0201,上海启明物流有限公司\n"
        "钱二,12345,\n"
        "孙三丰,+86 139-0000-0203,\n",
        encoding="gbk",
    )
    dialog = desk.import_file(source)
    with qtbot.waitSignal(dialog.finished_import, timeout=10_000) as finished:
        pass
    result = finished.args[0]
    assert (result.rows, result.imported, result.invalid) == (3, 2, 1)
    assert dialog.summary.text() == "3 rows: 2 imported, 0 duplicates, 1 rejected."
    assert dialog.report_button.isVisible()
    with result.report.open(encoding="utf-8-sig", newline="") as report:
        rejected = list(csv.DictReader(report))
    assert [(r["line"], r["姓名"]) for r in rejected] == [("3", "钱二")]
    assert rejected[0]["reason"]
    with demo_db.session() as session:
        names = set(
            session.scalars(
                select(Customer.name).where(Customer.name.in_(["赵一鸣", "钱二", "孙三丰"]))
            )
        )
    assert names == {"赵一鸣", "孙三丰"}

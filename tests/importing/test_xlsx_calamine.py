"""XLSX through calamine gives exactly what openpyxl gives (headers, Excel line numbers, cell
texts, the total), and a workbook calamine cannot read still gets openpyxl's precise refusal."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import Workbook

from callcenter.importing import xlsx_calamine
from callcenter.importing.reader import ImportFileError, read_table


def _read(path):
    with read_table(path) as table:
        return table.headers, table.header_line, table.total_rows, list(table)


def _both_ways(path, monkeypatch):
    used = []
    real = xlsx_calamine.read_xlsx

    def spy(file):
        table = real(file)
        used.append(table is not None)
        return table

    monkeypatch.setattr(xlsx_calamine, "read_xlsx", spy)
    fast = _read(path)
    monkeypatch.setattr(xlsx_calamine, "read_xlsx", lambda file: None)
    slow = _read(path)
    return used, fast, slow


def test_an_awkward_workbook_reads_the_same_as_with_openpyxl(tmp_path, monkeypatch):
    workbook = Workbook()
    sheet = workbook.active
    sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"] = "姓名", "手机", "生日", "备注"
    rows = {
        5: ["张三", 13800138000, datetime(1990, 5, 17), "VIP"],
        6: [None, None, None, None],
        7: ["李四", "139 0013 9000", date(2024, 1, 2), time(9, 30)],
        8: ["王五", 8613900139000.0, datetime(2024, 1, 2, 3, 4, 5), True],
        9: ["赵六", 0.5, None, "  空格  "],
        11: ["Wide", "13700137000", None, None, "extra cell beyond the header"],
    }
    for line, values in rows.items():
        for offset, value in enumerate(values):
            sheet.cell(row=line, column=3 + offset, value=value)
    path = tmp_path / "awkward.xlsx"
    workbook.save(path)

    used, fast, slow = _both_ways(path, monkeypatch)

    assert used == [True]  # calamine read it
    assert fast == slow
    headers, header_line, total, read = fast
    assert (headers, header_line, total) == (("", "", "姓名", "手机", "生日", "备注"), 3, 8)
    assert [row.line for row in read] == [5, 7, 8, 9, 11]
    assert read[0].values == ("", "", "张三", "13800138000", "1990-05-17", "VIP")


def test_a_plain_lead_list_reads_the_same_as_with_openpyxl(tmp_path, monkeypatch):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "phone", "company"])
    for number in range(300):
        sheet.append([f"Lead {number}", 13800000000 + number, None if number % 3 else "Acme"])
    path = tmp_path / "plain.xlsx"
    workbook.save(path)

    used, fast, slow = _both_ways(path, monkeypatch)

    assert used == [True] and fast == slow
    assert fast[2] == 300 and len(fast[3]) == 300


def test_a_damaged_workbook_gets_openpyxls_refusal(tmp_path):
    path = tmp_path / "damaged.xlsx"
    workbook = Workbook()
    workbook.active.append(["name", "phone"])
    workbook.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short: the zip's directory is gone
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert caught.value.code in ("unsupported_format", "unreadable_file")
    assert caught.value.message

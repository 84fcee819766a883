"""The reject report: Excel-friendly UTF-8, formulas neutralised, made only when needed."""

from __future__ import annotations

import os

import pytest

from callcenter.importing.reader import ImportFileError
from callcenter.importing.reasons import Reason
from callcenter.importing.report import RejectReport, default_report_path, neutralize
from tests.importing.conftest import NOW, STAMP, read_report


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138 0013 8000", "'+86 138 0013 8000"),
        ("-5", "'-5"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
        ("张三", "张三"),
        ("13800138000", "13800138000"),
        (" =not a formula", " =not a formula"),
        ("", ""),
        ("bad \udcff byte", "bad \ufffd byte"),
    ],
)
def test_cells_are_neutralised(cell, safe):
    assert neutralize(cell) == safe


def test_the_report_path_sits_beside_the_file(tmp_path):
    source = tmp_path / "客户名单.xlsx"
    assert default_report_path(source, now=NOW) == tmp_path / f"客户名单.rejected-{STAMP}.csv"
    other = tmp_path / "reports"
    assert default_report_path(source, folder=other, now=NOW).parent == other


def test_rows_are_written_with_line_reason_and_original_cells(tmp_path):
    source = tmp_path / "in.csv"
    report = RejectReport(source, ["姓名", "=电话"], now=NOW)
    assert report.path is None
    report.add(3, Reason.INVALID_PHONE, "Column “电话”: The number is too short.", ["张三", "=1+1"])
    report.add(7, Reason.MISSING_NAME, "The name is empty.", ["", "+8613800138000", "extra"])
    path = report.close()
    assert path == tmp_path / f"in.rejected-{STAMP}.csv"
    rows = read_report(path)
    assert list(rows[0]) == ["line", "reason_code", "reason", "姓名", "'=电话"]
    assert [(r["line"], r["reason_code"]) for r in rows] == [
        ("3", "invalid_phone"),
        ("7", "missing_name"),
    ]
    assert rows[0]["'=电话"] == "'=1+1"
    assert rows[1]["'=电话"] == "'+8613800138000"
    assert report.counts == {"invalid_phone": 1, "missing_name": 1}


def test_no_rejected_row_no_file(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    report = RejectReport(work / "in.csv", ["姓名"], now=NOW)
    assert report.close() is None
    assert list(work.iterdir()) == []


def test_a_taken_name_gets_a_number(tmp_path):
    (tmp_path / f"in.rejected-{STAMP}.csv").write_text("someone else's")
    report = RejectReport(tmp_path / "in.csv", ["姓名"], now=NOW)
    report.add(2, Reason.MISSING_NAME, "x", [""])
    assert report.close() == tmp_path / f"in.rejected-{STAMP}-2.csv"


def test_discard_leaves_nothing_behind(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    report = RejectReport(work / "in.csv", ["姓名"], now=NOW)
    report.add(2, Reason.MISSING_NAME, "x", [""])
    report.discard()
    assert list(work.iterdir()) == []
    with pytest.raises(RuntimeError), RejectReport(work / "in.csv", ["姓名"], now=NOW) as failing:
        failing.add(2, Reason.MISSING_NAME, "x", [""])
        raise RuntimeError("the import failed")
    assert list(work.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_is_a_file_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        report = RejectReport(tmp_path / "in.csv", ["姓名"], folder=folder, now=NOW)
        with pytest.raises(ImportFileError) as caught:
            report.add(2, Reason.MISSING_NAME, "x", [""])
        assert caught.value.code == "report_unwritable"
    finally:
        folder.chmod(0o700)


def test_a_missing_folder_is_a_file_error(tmp_path):
    report = RejectReport(tmp_path / "in.csv", ["姓名"], folder=tmp_path / "nowhere", now=NOW)
    with pytest.raises(ImportFileError) as caught:
        report.add(2, Reason.MISSING_NAME, "x", [""])
    assert caught.value.code == "report_unwritable"

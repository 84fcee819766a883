"""Reading imported files: encodings, delimiters, line numbers, broken rows, XLSX cells."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter.importing.reader import ImportFileError, SourceRow, cell_text, read_table
from callcenter.importing.reasons import Reason
from tests.importing.conftest import rewrite_xlsx_values, write_csv, write_xlsx

HEADER = ["姓名", "电话", "公司"]
ROWS = [
    ["张三", "138 0013 8000", "北京华盛科技有限公司"],
    ["李四", "+86 139-0013-9000", ""],
    ["欧阳娜娜", "010-6552 9988", "上海鼎新贸易，分公司"],  # a full-width comma is text
]


def _rows(path) -> list[SourceRow]:
    with read_table(path) as table:
        return list(table)


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-be", None),  # without a byte-order mark below: written with one
    ],
)
def test_every_encoding_reads_the_same(tmp_path, encoding, detected):
    path = tmp_path / "customers.csv"
    if encoding == "utf-16-be":
        path.write_bytes(b"\xfe\xff" + _text().encode("utf-16-be"))
        detected = "utf-16"
    else:
        path.write_bytes(_text().encode(encoding))
    with read_table(path) as table:
        assert table.format == "csv"
        assert table.encoding == detected
        assert table.delimiter == ","
        assert table.headers == tuple(HEADER)
        rows = list(table)
    assert [r.values for r in rows] == [tuple(r) for r in ROWS]
    assert [r.line for r in rows] == [2, 3, 4]
    assert all(r.problem is None for r in rows)


def _text() -> str:
    from tests.importing.conftest import csv_text

    return csv_text([HEADER, *ROWS])


def test_big5_is_told_from_gb18030_by_its_header(tmp_path):
    path = tmp_path / "hk.csv"
    path.write_bytes("姓名,電話,公司\n陳大文,5123 4567,九龍貿易\n".encode("big5hkscs"))
    with read_table(path) as table:
        assert table.encoding == "big5hkscs"
        assert table.headers == ("姓名", "電話", "公司")
        assert next(iter(table)).values == ("陳大文", "5123 4567", "九龍貿易")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_sniffed_from_the_header(tmp_path, delimiter):
    path = write_csv(tmp_path / "d.csv", [HEADER, *ROWS], delimiter=delimiter)
    with read_table(path) as table:
        assert table.delimiter == delimiter
        assert table.headers == tuple(HEADER)
        assert [r.values for r in table] == [tuple(r) for r in ROWS]


def test_a_full_width_comma_is_never_a_delimiter(tmp_path):
    path = tmp_path / "fw.csv"
    path.write_text("姓名，电话\n张三，13800138000\n", encoding="utf-8")
    with read_table(path) as table:
        assert table.headers == ("姓名，电话",)
        assert [r.values for r in table] == [("张三，13800138000",)]


def test_line_numbers_count_physical_lines(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text(
        "姓名,电话,备注\r\n"
        '张三,13800138000,"第一行\r\n第二行"\r\n'  # line 2, a cell over two lines
        "\r\n"  # line 4: blank, skipped
        ",,\r\n"  # line 5: blank cells, skipped
        "李四,13900139000,ok\r\n",  # line 6
        encoding="utf-8",
    )
    rows = _rows(path)
    assert [(r.line, r.values[0]) for r in rows] == [(2, "张三"), (6, "李四")]
    assert rows[0].values[2] == "第一行\r\n第二行"


def test_blank_lines_before_the_header_are_skipped(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("\n\n姓名,电话\n张三,13800138000\n", encoding="utf-8")
    with read_table(path) as table:
        assert table.header_line == 3
        assert [r.line for r in table] == [4]


def test_wrong_field_counts_are_rejected_rows_not_errors(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text(
        "姓名,电话,公司,\n"  # a trailing empty header cell
        "张三,13800138000,甲公司,\n"
        "李四,13900139000,乙公司\n"  # the empty last column may be left out
        "王五,13700137000\n"  # too few
        "赵六,13600136000,丙公司,,,\n"  # extra cells, all empty: fine
        "钱七,13500135000,丁公司,,多余\n",  # too many
        encoding="utf-8",
    )
    rows = _rows(path)
    assert [(r.line, r.problem) for r in rows] == [
        (2, None),
        (3, None),
        (4, Reason.TOO_FEW_FIELDS),
        (5, None),
        (6, Reason.TOO_MANY_FIELDS),
    ]
    assert rows[1].values == ("李四", "13900139000", "乙公司", "")
    assert rows[3].values == ("赵六", "13600136000", "丙公司", "")
    assert rows[2].values == ("王五", "13700137000")  # as read, for the report
    assert rows[2].message == "The row has fewer cells (2) than the header (4)."


def test_a_quote_that_never_closes_costs_only_its_own_line(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(
        "姓名,电话,公司\n"
        '"张三,13800138000,甲公司\n'  # the quote opens and never closes
        "李四,13900139000,乙公司\n"
        "王五,13700137000,丙公司\n",
        encoding="utf-8",
    )
    rows = _rows(path)
    assert [(r.line, r.problem) for r in rows] == [
        (2, Reason.UNBALANCED_QUOTE),
        (3, None),
        (4, None),
    ]
    assert rows[0].values[0] == "张三,13800138000,甲公司"


def test_a_cell_glued_after_a_closing_quote_is_rejected_not_merged(tmp_path):
    path = tmp_path / "glued.csv"
    path.write_text(
        "姓名,电话,公司\n"
        '"张三,13800138000,甲公司\n'
        "李四,13900139000,乙公司\n"
        '"王五",13700137000,丙公司\n'
        '"赵六"x,13600136000,丁公司\n',
        encoding="utf-8",
    )
    rows = _rows(path)
    assert [(r.line, r.problem) for r in rows] == [
        (2, Reason.UNBALANCED_QUOTE),
        (3, None),
        (4, None),
        (5, Reason.MALFORMED_ROW),
    ]


def test_undecodable_bytes_reject_their_row_only(tmp_path):
    path = tmp_path / "broken.csv"
    good = "姓名,电话\n张三,13800138000\n".encode()
    path.write_bytes(
        good + "李四".encode() + b"\xff\xfe,13900139000\n" + "王五,13700137000\n".encode() * 20
    )
    with read_table(path) as table:
        assert table.encoding == "utf-8"
        rows = list(table)
    assert rows[0].problem is None
    assert (rows[1].line, rows[1].problem) == (3, Reason.UNDECODABLE)
    assert rows[1].values[0] == "李四\ufffd\ufffd"
    assert "UTF-8" in rows[1].message
    assert all(r.problem is None for r in rows[2:])


def test_a_gbk_file_with_a_broken_byte_is_still_gbk(tmp_path):
    path = tmp_path / "gbk.csv"
    lines = ["姓名,电话"] + [f"客户{i},1380013{i:04d}" for i in range(30)]
    data = "\n".join(lines).encode("gbk").replace("客户7,".encode("gbk"), b"\x81\x20,")
    path.write_bytes(data)
    with read_table(path) as table:
        assert table.encoding == "gb18030"
        rows = list(table)
    assert [r.line for r in rows if r.problem] == [9]
    assert rows[0].values[0] == "客户0"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_total_rows_is_estimated_for_csv(tmp_path, encoding):
    rows = [HEADER] + [["张三", "13800138000", ""]] * 50
    path = write_csv(tmp_path / "n.csv", rows, encoding=encoding)
    with read_table(path) as table:
        assert table.total_rows == 50


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\r\n\r\n  \r\n", "empty_file"),
        ("\ufeff".encode(), "empty_file"),
        (b"13800138000,13900139000\n13700137000,1\n", "no_header"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "unsupported_format"),
        (b"PK\x03\x04" + bytes(200), "unsupported_format"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "unsupported_format"),
    ],
)
def test_files_that_cannot_be_imported_say_why(tmp_path, content, code):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert caught.value.code == code
    assert caught.value.message


def test_a_missing_file_is_unreadable(tmp_path):
    with pytest.raises(ImportFileError) as caught:
        read_table(tmp_path / "nowhere.csv")
    assert caught.value.code == "unreadable_file"


def test_xlsx_numbers_dates_and_layout(tmp_path):
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [
            [],  # blank rows above the header are skipped
            ["姓名", "手机", "座机", "金额", "生日", None],
            ["张三", 13800138000, 13900139000.0, 0.5, datetime(1990, 5, 17), "右边的"],
            [None, None, None, None, None, None],
            ["李四", "139 0013 9000", None, 1.5e-05, datetime(2024, 1, 2, 3, 4, 5), None],
        ],
    )
    rewrite_xlsx_values(path, {"13900139000": "1.3900139E10"})  # as Excel writes it
    with read_table(path) as table:
        assert table.format == "xlsx"
        assert table.headers == ("姓名", "手机", "座机", "金额", "生日")  # empty header cut
        assert table.header_line == 2
        assert table.total_rows == 3
        rows = list(table)
    assert [r.line for r in rows] == [3, 5]
    assert rows[0].values == ("张三", "13800138000", "13900139000", "0.5", "1990-05-17")
    assert rows[1].values == ("李四", "139 0013 9000", "", "0.000015", "2024-01-02T03:04:05")


def test_an_empty_workbook_is_empty(tmp_path):
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert caught.value.code == "empty_file"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (13800138000, "13800138000"),
        (13800138000.0, "13800138000"),
        (1.38001380e10, "13800138000"),
        (8613800138000.0, "8613800138000"),
        (0.1, "0.1"),
        (-2.5, "-2.5"),
        (1e-07, "0.0000001"),
        (float("nan"), ""),
        (True, "TRUE"),
        (date(2024, 2, 29), "2024-02-29"),
        (datetime(2024, 2, 29), "2024-02-29"),
        (datetime(2024, 2, 29, 8, 0, 0, 250000), "2024-02-29T08:00:00.250000"),
        (time(9, 30), "09:30:00"),
        ("  as is ", "  as is "),
    ],
)
def test_cell_text_never_uses_scientific_notation(value, text):
    assert cell_text(value) == text


# ------------------------------------------------- chunks of lines and the careful reading


def _rows_read(path, *, chunks: bool) -> tuple[tuple[str, ...], list]:
    from callcenter.importing import reader as module

    original = module._CsvRecords.__init__

    def careful_only(self, lines, delimiter, *, check_marks):
        original(self, lines, delimiter, check_marks=check_marks)
        self._readlines = None

    if chunks:
        with read_table(path) as table:
            return table.headers, list(table)
    module._CsvRecords.__init__ = careful_only
    try:
        with read_table(path) as table:
            return table.headers, list(table)
    finally:
        module._CsvRecords.__init__ = original


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.lists(st.text(alphabet='ab,"\n\r 张\t;', max_size=12), min_size=0, max_size=40).map(
        "".join
    ),
    hint=st.sampled_from([1, 7, 64, 1 << 18]),
    broken_bytes=st.booleans(),
)
def test_reading_by_chunks_gives_what_line_by_line_reading_gives(
    tmp_path, monkeypatch, body, hint, broken_bytes
):
    """Chunk boundaries anywhere, quotes opening and closing across lines and chunks, blank
    lines, undecodable bytes: the same rows with the same lines and problems either way."""
    from callcenter.importing import reader as module

    monkeypatch.setattr(module, "_CHUNK_HINT", hint)
    data = ("姓名,手机,备注\r\n" + body).encode("utf-8")
    if broken_bytes:  # a few bytes that are not UTF-8 among plenty that are
        data = data.replace(b"a", b"\xff", 1) + "张三李四王五赵六".encode() * 20
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    try:
        expected = _rows_read(path, chunks=False)
    except ImportFileError as exc:
        with pytest.raises(ImportFileError) as again:
            _rows_read(path, chunks=True)
        assert again.value.code == exc.code
        return
    assert _rows_read(path, chunks=True) == expected

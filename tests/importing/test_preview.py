"""The preview of a file before import: header, first rows, encoding, suggested mapping."""

from __future__ import annotations

import pytest

from callcenter.importing.columns import ColumnMapping, Field
from callcenter.importing.preview import (
    FIELDS,
    assign_column,
    encoding_label,
    only_fields,
    preview_file,
)
from callcenter.importing.reader import ImportFileError
from tests.importing.conftest import write_csv, write_xlsx

HEADER = ["姓名", "手机", "公司", "城市", "来源", "备注"]
ROWS = [
    ["赵一鸣", "139 0000 0201", "上海启明物流有限公司", "上海", "展会", "老客户介绍"],
    ["钱二", "139 0000 0202", "", "杭州", "官网", ""],
    ["孙三丰", "+86 139-0000-0203", "武当贸易", "十堰", "", "下午再打"],
]
SUGGESTED = {
    Field.NAME: (0,),
    Field.PHONE: (1,),
    Field.COMPANY: (2,),
    Field.CITY: (3,),
    Field.SOURCE: (4,),
    Field.NOTES: (5,),
}


@pytest.mark.parametrize(
    ("encoding", "codec", "label"),
    [
        ("utf-8", "utf-8", "UTF-8"),
        ("utf-8-sig", "utf-8-sig", "UTF-8 (BOM)"),
        ("gbk", "gb18030", "GB18030 (GBK)"),
        ("utf-16", "utf-16", "UTF-16"),
    ],
)
def test_a_csv_with_chinese_headers_in_any_encoding(tmp_path, encoding, codec, label):
    path = write_csv(tmp_path / "线索.csv", [HEADER, *ROWS], encoding=encoding)

    preview = preview_file(path)

    assert preview.format == "csv"
    assert preview.headers == tuple(HEADER)
    assert [row.values for row in preview.rows] == [tuple(r) for r in ROWS]
    assert [row.line for row in preview.rows] == [2, 3, 4]
    assert (preview.codec, preview.encoding, preview.delimiter) == (codec, label, ",")
    assert (preview.total_rows, preview.complete) == (3, True)
    assert dict(preview.mapping.columns) == SUGGESTED


def test_an_xlsx_workbook_with_chinese_headers(tmp_path):
    path = write_xlsx(
        tmp_path / "线索.xlsx", [HEADER, ["周五", 13900000204, None, "北京", "转介绍", None]]
    )

    preview = preview_file(path)

    assert (preview.format, preview.codec, preview.encoding, preview.delimiter) == (
        "xlsx",
        None,
        "XLSX",
        None,
    )
    assert preview.rows[0].values == ("周五", "13900000204", "", "北京", "转介绍", "")
    assert preview.total_rows == 1
    assert dict(preview.mapping.columns) == SUGGESTED


def test_english_headers_tab_separated(tmp_path):
    path = write_csv(
        tmp_path / "leads.tsv",
        [
            ["Full Name", "Mobile", "Phone 2", "Company", "Remarks", "Favourite colour"],
            ["Ann Lee", "13900000301", "", "ACME", "vip", "blue"],
        ],
        delimiter="\t",
    )

    preview = preview_file(path)

    assert preview.delimiter == "\t"
    assert dict(preview.mapping.columns) == {
        Field.NAME: (0,),
        Field.PHONE: (1, 2),
        Field.COMPANY: (3,),
        Field.NOTES: (4,),
    }
    assert preview.mapping.field_of(5) is None


def test_only_the_first_rows_are_read_and_the_total_is_estimated(tmp_path):
    rows = [[f"客户{i}", f"1390000{i:04d}", "", "", "", ""] for i in range(500)]
    path = write_csv(tmp_path / "many.csv", [HEADER, *rows])

    preview = preview_file(path, rows=20)

    assert len(preview.rows) == 20
    assert preview.rows[-1].values[0] == "客户19"
    assert preview.complete is False
    assert preview.total_rows == 500


def test_broken_rows_are_shown_with_their_problem_and_padded(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("姓名,手机,备注\n赵一,13900000201\n钱二,13900000202,好,多余\n", "utf-8")

    preview = preview_file(path)

    assert [(r.line, r.values, r.problem) for r in preview.rows] == [
        (2, ("赵一", "13900000201", ""), "too_few_fields"),
        (3, ("钱二", "13900000202", "好"), "too_many_fields"),
    ]


def test_long_cells_are_cut(tmp_path):
    path = write_csv(tmp_path / "long.csv", [["姓名", "手机"], ["长" * 2000, "13900000201"]])

    cell = preview_file(path).rows[0].values[0]

    assert len(cell) == 500 and cell.endswith("…")


def test_an_unreadable_binary_file_raises_with_a_message(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)

    with pytest.raises(ImportFileError) as caught:
        preview_file(path)

    assert caught.value.code == "unsupported_format"
    assert "photo.csv" in caught.value.message


def test_a_missing_file_raises(tmp_path):
    with pytest.raises(ImportFileError) as caught:
        preview_file(tmp_path / "gone.csv")
    assert caught.value.code == "unreadable_file"


def test_encoding_labels():
    assert encoding_label(None) == "XLSX"
    assert encoding_label("big5hkscs") == "Big5"
    assert encoding_label("cp1252") == "CP1252"


MAPPING = ColumnMapping(
    ("姓名", "手机", "电话", "公司", "邮箱"),
    {Field.NAME: (0,), Field.PHONE: (1, 2), Field.COMPANY: (3,), Field.EMAIL: (4,)},
)


def test_assigning_a_column_to_a_one_column_field_ignores_the_column_that_held_it():
    mapping = assign_column(MAPPING, 3, Field.NAME)
    assert dict(mapping.columns) == {Field.NAME: (3,), Field.PHONE: (1, 2), Field.EMAIL: (4,)}
    assert mapping.field_of(0) is None


def test_phone_gathers_columns_in_file_order():
    mapping = assign_column(MAPPING, 0, Field.PHONE)
    assert mapping.get(Field.PHONE) == (0, 1, 2)
    assert mapping.get(Field.NAME) == ()


def test_ignoring_a_column():
    mapping = assign_column(MAPPING, 1, None)
    assert mapping.get(Field.PHONE) == (2,)
    assert assign_column(mapping, 1, None) == mapping
    assert assign_column(assign_column(mapping, 2, None), 0, None).missing_required("leads") == (
        Field.PHONE,
    )


def test_assigning_a_column_outside_the_header_is_refused():
    with pytest.raises(ValueError):
        assign_column(MAPPING, 5, Field.CITY)


def test_only_the_fields_a_lead_keeps():
    mapping = only_fields(MAPPING, FIELDS["leads"])
    assert Field.EMAIL not in mapping.columns
    assert mapping.get(Field.PHONE) == (1, 2)

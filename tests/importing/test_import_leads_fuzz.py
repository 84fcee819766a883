"""Whatever the file holds, the lead import never crashes, never imports part of a row, and
accounts for every row: imported, or in the report with its line and reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from callcenter.errors import InvalidPhoneNumber
from callcenter.importing.bulk import new_ids
from callcenter.importing.leads import import_leads
from callcenter.importing.reader import ImportFileError
from callcenter.phones import normalize
from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.outbound import CallList, DncNumber, Lead
from tests.importing.conftest import (
    BAD_NUMBERS,
    BREAKAGES,
    FULL_WIDTH,
    NOW,
    encode_fuzz_rows,
    fresh_copy,
    read_report,
)

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIST = "春季活动"
DNC = "+8615804242424"
ON_OTHER_LIST = "+8618607654321"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A migrated database with one do-not-call number and one lead on another list."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = open_database(path)
    upgrade(db)
    stamps = {"created_at": NOW, "updated_at": NOW, "version": 1}
    list_id, lead_id, dnc_id = new_ids(3)
    with db.session() as session:
        conn = session.connection()
        conn.execute(insert(CallList.__table__).values(id=list_id, name="旧活动", **stamps))
        conn.execute(
            insert(Lead.__table__).values(
                id=lead_id, call_list_id=list_id, phone_e164=ON_OTHER_LIST, **stamps
            )
        )
        conn.execute(insert(DncNumber.__table__).values(id=dnc_id, e164=DNC, **stamps))
    db.dispose()
    return path


def _new_leads(db: Database) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        return session.execute(
            select(Lead.phone_e164, Lead.phone_extension, Lead.notes)
            .join(CallList, CallList.id == Lead.call_list_id)
            .where(CallList.name == LIST)
        ).all()


def _check_accounting(db: Database, result, lines: set[int] | None = None) -> None:
    assert not result.cancelled
    assert result.rows == result.imported + result.duplicates + result.dnc + result.invalid
    reported = read_report(result.report) if result.report else []
    assert len(reported) == result.duplicates + result.dnc + result.invalid
    assert all(r["reason_code"] and r["reason"] for r in reported)
    assert len(_new_leads(db)) == result.imported
    if lines is not None:
        assert {int(r["line"]) for r in reported} <= lines


# --------------------------------------------------------------------------- random bytes

HEADERS = [b"", "姓名,手机\n".encode(), b"name;phone;notes\r\n", b"\xef\xbb\xbf", b"\xff\xfe"]


@FUZZ
@given(head=st.sampled_from(HEADERS), body=st.binary(max_size=1500))
def test_random_bytes_never_crash_the_lead_import(template, head, body):
    with fresh_copy(template) as (db, folder):
        path = folder / "random.csv"
        path.write_bytes(head + body)
        try:
            result = import_leads(db, path, list_name=LIST, now=NOW)
        except ImportFileError as exc:
            assert exc.code in {
                "unreadable_file", "empty_file", "no_header", "unsupported_format",
                "missing_columns",
            }  # fmt: skip
            assert not list(folder.glob("random.rejected-*"))
            with db.session() as session:  # not even the list
                assert session.scalar(select(CallList.id).where(CallList.name == LIST)) is None
            return
        _check_accounting(db, result)


# --------------------------------------------------------------------------- mixed rows

POOL = ["13801380013", "13901390013", "15001234567", "18607654321", "15804242424", "02162345678"]


def _spell(number: str, style: int) -> str:
    return [
        number,
        f"{number[:3]} {number[3:7]} {number[7:]}",
        f"+86-{number.removeprefix('0')}",
        number.translate(FULL_WIDTH),
        f"tel:+86{number.removeprefix('0')}",
        f"0086 {number.removeprefix('0')}",
    ][style]


@dataclass
class RowSpec:
    name: str
    phones: list[str]
    breakage: str
    line: int = 0
    cells: list[str] = field(default_factory=list)


@st.composite
def row_specs(draw) -> RowSpec:
    breakage = draw(st.sampled_from(BREAKAGES))
    name = draw(st.sampled_from(["张三", "李四", "Wang Fang", "欧阳娜娜"]))
    count = draw(st.integers(1, 2))
    phones = [_spell(draw(st.sampled_from(POOL)), draw(st.integers(0, 5))) for _ in range(count)]
    if breakage == "bad_phone":
        phones[draw(st.integers(0, count - 1))] = draw(st.sampled_from(BAD_NUMBERS))
    if breakage == "no_phone":
        phones = [""] * count
    if breakage == "no_name":
        name = ""
    return RowSpec(name, phones, breakage)


@st.composite
def files(draw):
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"]))
    specs = draw(st.lists(row_specs(), max_size=25))
    if encoding == "utf-16":  # no byte-level damage in a two-byte encoding
        for spec in specs:
            if spec.breakage == "bytes":
                spec.breakage = "extra"
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    phone_headers = draw(
        st.sampled_from([("手机", "电话"), ("电话", "备用电话"), ("phone", "mobile")])
    )
    return encoding, newline, ["姓名", *phone_headers, "备注"], specs


def _encode(encoding: str, newline: str, header: list[str], specs: list[RowSpec]) -> bytes:
    return encode_fuzz_rows(encoding, newline, header, specs, lambda _spec, line: f"row{line}")


def _numbers(spec: RowSpec) -> list[str] | None:
    """The row's numbers in order if every one is valid (and there is one), else None."""
    found: list[str] = []
    for cell in spec.phones:
        if not cell.strip():
            continue
        try:
            found.append(normalize(cell, "CN").e164)
        except InvalidPhoneNumber:
            return None
    return found or None


@FUZZ
@given(files())
def test_mixed_rows_in_any_encoding_are_imported_whole_or_reported(template, generated):
    encoding, newline, header, specs = generated
    with fresh_copy(template) as (db, folder):
        path = folder / "mixed.csv"
        path.write_bytes(_encode(encoding, newline, header, specs))
        result = import_leads(db, path, list_name=LIST, now=NOW)
        event(f"imported: {'some' if result.imported else 'none'}")
        event(f"dnc: {'some' if result.dnc else 'none'}")
        assert result.rows == len(specs)
        _check_accounting(db, result, {spec.line for spec in specs})

        expected: dict[int, str] = {}
        dnc = duplicates = 0
        taken = {ON_OTHER_LIST}
        for spec in specs:
            numbers = _numbers(spec)
            if spec.breakage not in {"none", "bad_phone", "no_phone", "no_name"}:
                continue
            if numbers is None:
                continue
            if DNC in numbers:
                dnc += 1
            elif numbers[0] in taken:
                duplicates += 1
            else:
                taken.add(numbers[0])
                expected[spec.line] = numbers[0]
        imported = {}
        for e164, extension, notes in _new_leads(db):
            assert extension is None
            imported[int(notes.split("\n")[0].removeprefix("row"))] = e164
        assert imported == expected
        assert (result.dnc, result.duplicates) == (dnc, duplicates)

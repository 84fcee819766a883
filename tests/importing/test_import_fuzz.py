"""Whatever the file holds, the import never crashes, never imports part of a row, and accounts
for every row: imported, or in the report with its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from callcenter.errors import InvalidPhoneNumber
from callcenter.importing.customers import import_customers
from callcenter.importing.reader import ImportFileError
from callcenter.phones import normalize
from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.models import Customer, CustomerPhone
from tests.importing.conftest import (
    BAD_NUMBERS,
    BREAKAGES,
    FULL_WIDTH,
    NOW,
    encode_fuzz_rows,
    fresh_copy,
    read_report,
)

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = open_database(path)
    upgrade(db)
    db.dispose()
    return path


def _check_accounting(db: Database, result, lines: set[int] | None = None) -> None:
    assert result.rows == result.imported + result.duplicates + result.invalid + result.dnc
    reported = read_report(result.report) if result.report else []
    assert len(reported) == result.duplicates + result.invalid + result.warnings
    with db.session() as session:
        customers = session.scalars(select(Customer)).all()
        assert len(customers) == result.imported
        for customer in customers:
            assert customer.name.strip()
            assert customer.phones, "a customer was imported without its numbers"
    if lines is not None:
        assert {int(r["line"]) for r in reported} <= lines


# --------------------------------------------------------------------------- random bytes

HEADERS = [b"", "姓名,电话\n".encode(), b"name;phone;company\r\n", b"\xef\xbb\xbf"]


@FUZZ
@given(head=st.sampled_from(HEADERS), body=st.binary(max_size=1500))
def test_random_bytes_never_crash_the_import(template, head, body):
    with fresh_copy(template) as (db, folder):
        path = folder / "random.csv"
        path.write_bytes(head + body)
        try:
            result = import_customers(db, path, now=NOW)
        except ImportFileError as exc:
            assert exc.code in {
                "unreadable_file", "empty_file", "no_header", "unsupported_format",
                "missing_columns",
            }  # fmt: skip
            assert not list(folder.glob("random.rejected-*"))
            return
        _check_accounting(db, result)


# --------------------------------------------------------------------------- mixed rows

NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚"
POOL = ["13801380013", "13901390013", "13705550101", "15001234567", "18607654321", "15804242424"]


def _spell(number: str, style: int) -> str:
    return [
        number,
        f"{number[:3]} {number[3:7]} {number[7:]}",
        f"+86-{number}",
        number.translate(FULL_WIDTH),
        f" {number[:3]}-{number[3:7]}-{number[7:]} ",
    ][style]


@dataclass
class RowSpec:
    name: str
    phones: list[str]
    company: str
    breakage: str
    line: int = 0
    cells: list[str] = field(default_factory=list)


@st.composite
def row_specs(draw, index: int) -> RowSpec:
    breakage = draw(st.sampled_from(BREAKAGES))
    name = draw(st.sampled_from(NAMES)) + draw(st.text(alphabet=GIVEN, min_size=1, max_size=2))
    name = f"{name}#{index}"
    count = draw(st.integers(1, 2))
    phones = [_spell(draw(st.sampled_from(POOL)), draw(st.integers(0, 4))) for _ in range(count)]
    if breakage == "bad_phone":
        phones[draw(st.integers(0, count - 1))] = draw(st.sampled_from(BAD_NUMBERS))
    if breakage == "no_phone":
        phones = [""] * count
    if breakage == "no_name":
        name = ""
    company = draw(st.sampled_from(["", "华盛科技", "鼎新贸易，分公司", "Acme Ltd"]))
    return RowSpec(name, phones, company, breakage)


@st.composite
def files(draw):
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"]))
    count = draw(st.integers(0, 25))
    specs = [draw(row_specs(i)) for i in range(count)]
    if encoding == "utf-16":  # no byte-level damage in a two-byte encoding
        for spec in specs:
            if spec.breakage == "bytes":
                spec.breakage = "extra"
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    name_header = draw(st.sampled_from(["姓名", "客户姓名", "name"]))
    phone_headers = draw(
        st.sampled_from([("电话", "备用电话"), ("手机", "电话2"), ("phone", "mobile")])
    )
    return encoding, newline, [name_header, phone_headers[0], phone_headers[1], "公司"], specs


def _encode(encoding: str, newline: str, header: list[str], specs: list[RowSpec]) -> bytes:
    return encode_fuzz_rows(encoding, newline, header, specs, lambda spec, _line: spec.company)


def _numbers(spec: RowSpec) -> set[tuple[str, str | None]] | None:
    """The row's numbers if every one is valid (and there is one), else None."""
    found = set()
    for cell in spec.phones:
        if not cell.strip():
            continue
        try:
            number = normalize(cell, "CN")
        except InvalidPhoneNumber:
            return None
        found.add((number.e164, number.extension))
    return found or None


@FUZZ
@given(files())
def test_mixed_rows_in_any_encoding_are_imported_whole_or_reported(template, generated):
    encoding, newline, header, specs = generated
    with fresh_copy(template) as (db, folder):
        path = folder / "mixed.csv"
        path.write_bytes(_encode(encoding, newline, header, specs))
        result = import_customers(db, path, now=NOW)
        event(f"imported: {'some' if result.imported else 'none'}")
        event(f"rejected: {'some' if result.report else 'none'}")
        _check_mixed(db, result, specs)


def _check_mixed(db: Database, result, specs: list[RowSpec]) -> None:
    assert not result.cancelled
    assert result.rows == len(specs)
    _check_accounting(db, result, {spec.line for spec in specs})

    # What should be imported: the intact rows, the first of each number.
    expected: dict[int, tuple[str, set[tuple[str, str | None]]]] = {}
    taken: set[tuple[str, str | None]] = set()
    for spec in specs:
        numbers = _numbers(spec)
        if spec.breakage not in {"none", "bad_phone", "no_phone", "no_name"}:
            continue
        if not spec.name or numbers is None:
            continue
        if numbers & taken:
            continue
        taken |= numbers
        expected[spec.line] = (spec.name, numbers)

    imported: dict[int, tuple[str, set[tuple[str, str | None]]]] = {}
    with db.session() as session:
        for customer in session.scalars(select(Customer)):
            line = next(s.line for s in specs if s.name and s.name == customer.name)
            numbers = set(
                session.execute(
                    select(CustomerPhone.e164, CustomerPhone.extension).where(
                        CustomerPhone.customer_id == customer.id
                    )
                ).all()
            )
            imported[line] = (customer.name, numbers)
    assert imported == expected

    reported = {int(r["line"]) for r in read_report(result.report)} if result.report else set()
    assert reported | set(imported) == {spec.line for spec in specs}
    assert not reported & set(imported)

"""Import tests: a migrated SQLite database per test, and writers for CSV and XLSX files."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from callcenter.storage.database import Database, open_database
from callcenter.storage.migrate import upgrade
from callcenter.storage.models import Customer, CustomerPhone
from tests.storage.conftest import pg_database_url

__all__ = ["pg_database_url"]  # a fixture, shared with the storage tests

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
STAMP = "20261123T063000"  # NOW in the reject report's file name


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = open_database(tmp_path / "import.sqlite")
    upgrade(database)
    yield database
    database.dispose()


def csv_text(rows: Sequence[Sequence[str]], *, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    path.write_bytes(csv_text(rows, delimiter=delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def rewrite_xlsx_values(path: Path, replacements: dict[str, str]) -> None:
    """Replace cell values in the first sheet's XML, e.g. ``<v>13800138000</v>`` by
    ``<v>1.3800138E10</v>``: how Excel itself stores a number typed into a General cell."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode("utf-8")
                for old, new in replacements.items():
                    xml, count = re.subn(f"<v>{re.escape(old)}</v>", f"<v>{new}</v>", xml)
                    assert count, f"no cell holds {old}"
                data = xml.encode("utf-8")
            target.writestr(info, data)


def customers_in(db: Database) -> dict[str, set[tuple[str, str | None]]]:
    """Live customers by name, with their live numbers."""
    out: dict[str, set[tuple[str, str | None]]] = {}
    with db.session() as session:
        for customer in session.scalars(select(Customer).where(Customer.deleted_at.is_(None))):
            out.setdefault(customer.name, set())
        rows = session.execute(
            select(Customer.name, CustomerPhone.e164, CustomerPhone.extension)
            .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
            .where(Customer.deleted_at.is_(None), CustomerPhone.deleted_at.is_(None))
        )
        for name, e164, extension in rows:
            out[name].add((e164, extension))
    return out


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table (and the search index where there is one): to prove nothing changed."""
    tables = ["customers", "customer_phones", "audit_log"]
    with db.engine.connect() as conn:
        names = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
        tables += [t for t in ("customer_search_docs",) if t in names]
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def read_report(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the report must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


# The fuzz tests' spellings of a broken row and of a bad or full-width number.
BAD_NUMBERS = ["12345", "abc", "0", "+999 1234", "1380013800", "138001380001234"]
FULL_WIDTH = str.maketrans("0123456789+", "０１２３４５６７８９＋")
BREAKAGES = ["none"] * 6 + ["extra", "short", "quote", "bytes", "no_name", "no_phone", "bad_phone"]


def encode_fuzz_rows(encoding, newline, header, specs, last_cell) -> bytes:
    """The bytes of a CSV file for the importers' fuzz tests.

    Each spec (with ``name``, ``phones`` and ``breakage``) becomes one line; its ``line`` and
    ``cells`` are filled in. ``last_cell(spec, line)`` is the row's last cell. Breakages: an
    extra cell, a short row, an unclosed quote, or (per line, so other lines stay readable) a
    byte that no encoding accepts. UTF-16 and UTF-8-with-BOM get their mark once at the start.
    """
    lines = [",".join(header)]
    for number, spec in enumerate(specs, start=2):
        spec.line = number
        cells = [spec.name, *[*spec.phones, ""][:2], last_cell(spec, number)]
        if spec.breakage == "extra":
            cells.append("多余")
        elif spec.breakage == "short":
            cells = cells[:2]
        elif spec.breakage == "quote":
            cells[0] = '"' + (cells[0] or "无名")
        spec.cells = cells
        lines.append(",".join(cells))
    codec, bom = {
        "utf-16": ("utf-16-le", b"\xff\xfe"),
        "utf-8-sig": ("utf-8", b"\xef\xbb\xbf"),
    }.get(encoding, (encoding, b""))
    encoded = [line.encode(codec) for line in lines]
    for spec in specs:
        if spec.breakage == "bytes":
            encoded[spec.line - 1] = b"\xff" + encoded[spec.line - 1]
    separator = newline.encode(codec)
    return bom + separator.join(encoded) + separator


@contextmanager
def fresh_copy(template: Path) -> Iterator[tuple[Database, Path]]:
    """A folder with a copy of a migrated database, for one hypothesis example."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(template, folder / "db.sqlite")
        db = open_database(folder / "db.sqlite")
        try:
            yield db, folder
        finally:
            db.dispose()

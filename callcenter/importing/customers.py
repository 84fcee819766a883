"""Importing customers from a CSV or XLSX file (``callcenter import customers FILE``).

A row becomes one customer with all its phone numbers, or is rejected whole:

* **name** is required (``missing_name``); name, company, city and e-mail must fit their
  columns (``too_long`` names the column) — nothing is ever cut short silently;
* **phones**: every number in every phone column (a cell may hold several, ``/``-separated)
  must be valid, and at least one must be there. One bad number rejects the row with the
  column named (``invalid_phone``), rather than importing a customer the screen pop would
  not find on that number. The first number is the primary one; its kind is ``mobile`` for
  a mobile number, else ``work`` when the row has a company, ``home`` when not (``other``
  for numbers that may be either, such as US ones);
* **duplicates**: a number (with its extension) that an earlier row of the file already
  imported (``duplicate_in_file``, the sentence gives that line) or that belongs to a
  customer in the database who is not deleted (``duplicate_in_database``). The database is
  asked per batch with ``IN`` queries on ``customer_phones.e164``, never per row;
* **class** (客户等级): ``a``, ``A``, ``Ａ``, ``A类``, ``A级``, ``甲`` … become ``A``/``B``/``C``.
  Anything else does NOT reject the row: the customer is imported without a class and the row
  is listed in the report as a warning (``abc_class_ignored``) — a typo in a minor column
  should not keep a customer out of the screen pop;
* **tags** are split on ``, ， ; ； 、 |``; the **source** (来源, 渠道) — customers have no
  source column — is kept as one more tag; several **notes** columns are joined by line
  breaks.

Inserted with the driver's executemany in batches, in one transaction with everything else
(see :mod:`callcenter.importing.pipeline`).

Qt-free.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, select

from callcenter.importing.bulk import BulkInserter, new_ids
from callcenter.importing.columns import ColumnMapping, Field
from callcenter.importing.numbers import PhoneNormalizer
from callcenter.importing.pipeline import (
    DEFAULT_BATCH_SIZE,
    CancelCallback,
    Importer,
    ImportResult,
    ImportRun,
    KnownNumbers,
    MappingInput,
    ProgressCallback,
    RowPhones,
    clean_text,
    column_limit,
    first_text,
    read_phones,
    run_import,
)
from callcenter.importing.reader import SourceRow
from callcenter.importing.reasons import Reason, describe
from callcenter.phones import NumberType
from callcenter.storage.database import Database
from callcenter.storage.models import Customer, CustomerPhone, PhoneKind

__all__ = ["JSON_KEYS", "ImportResult", "import_customers", "normalize_abc_class", "split_tags"]

JSON_KEYS = ("rows", "imported", "duplicates", "invalid", "report")
"""The fields of ``callcenter import customers --json``."""


def import_customers(
    db: Database,
    path: str | Path,
    *,
    default_region: str = "CN",
    mapping: MappingInput = None,
    report_dir: str | Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> ImportResult:
    """Import the customers of a CSV or XLSX file into ``db``, all or nothing.

    ``mapping`` is a :class:`~callcenter.importing.columns.ColumnMapping` or overrides of
    the suggested one (``{"phone": [1, 3]}``); ``None`` uses the headers as they are.
    Rejected rows go to a report beside the file (or in ``report_dir``). ``progress`` and
    ``cancel`` are called between batches of ``batch_size`` rows; a cancel rolls everything
    back and returns ``cancelled=True``. Blocking: the UI runs it on its database worker.

    Raises :class:`~callcenter.importing.reader.ImportFileError` when the file cannot be
    imported at all (nothing is written).
    """
    return run_import(
        _CustomerImporter,
        "customers",
        db,
        path,
        default_region=default_region,
        mapping=mapping,
        report_dir=report_dir,
        progress=progress,
        cancel=cancel,
        batch_size=batch_size,
        now=now,
    )


_ABC_SUFFIXES = re.compile(r"(类|級|级|類|等|客户|客戶|CLASS|LEVEL|TIER)$")
_ABC_PREFIXES = re.compile(r"^(CLASS|LEVEL|TIER|GRADE)")
_ABC_CHINESE = {"甲": "A", "乙": "B", "丙": "C"}


@functools.lru_cache(maxsize=1024)
def normalize_abc_class(text: str) -> str | None:
    """``"a"``, ``"Ａ"``, ``"A类"``, ``"B级"``, ``"class C"``, ``"甲"`` → ``"A"``/``"B"``/``"C"``;
    anything else (including blank) → ``None``."""
    key = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum())
    key = _ABC_PREFIXES.sub("", _ABC_SUFFIXES.sub("", key))
    key = _ABC_CHINESE.get(key, key)
    return key if key in ("A", "B", "C") else None


_TAG_SEPARATORS = re.compile(r"[,，;；、|\n]")


def split_tags(cells: list[str]) -> list[str]:
    """Distinct tags of the given cells, in order."""
    if len(cells) == 1:
        return list(_tags_of(cells[0]))
    tags: dict[str, None] = {}
    for cell in cells:
        for tag in _tags_of(cell):
            tags.setdefault(tag, None)
    return list(tags)


@functools.lru_cache(maxsize=4096)
def _tags_of(cell: str) -> tuple[str, ...]:
    tags: dict[str, None] = {}
    for part in _TAG_SEPARATORS.split(clean_text(cell)):
        tag = " ".join(part.split())
        if tag:
            tags.setdefault(tag, None)
    return tuple(tags)


class _CustomerImporter(Importer):
    kind = "customers"
    audit_action = "customers.imported"
    audit_entity = "customer"

    def __init__(
        self,
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
    ) -> None:
        super().__init__(run, conn, mapping, numbers, now)
        shared = {"created_at": now, "updated_at": now, "version": 1, "deleted_at": None}
        self._customers = BulkInserter(
            conn,
            Customer.__table__,
            ("id", "name", "company", "email", "city", "abc_class", "tags", "notes"),
            {**shared, "marketing_consent": False, "do_not_call": False},
        )
        self._phones = BulkInserter(
            conn,
            CustomerPhone.__table__,
            ("id", "customer_id", "e164", "extension", "kind", "is_primary"),
            shared,
        )
        table = Customer.__table__
        self._limits = {
            Field.NAME: column_limit(table, "name"),
            Field.COMPANY: column_limit(table, "company"),
            Field.EMAIL: column_limit(table, "email"),
            Field.CITY: column_limit(table, "city"),
        }
        self._columns = {fld: mapping.get(fld) for fld in Field}
        # SQLite keeps its customer search index (migration 0003) up to date with triggers:
        # a customer inserted after its numbers costs one index entry, one inserted before
        # them costs one more update per number. The foreign keys are checked at COMMIT
        # instead of per statement, for this transaction only. PostgreSQL's trigram indexes
        # do not care about the order, and its foreign keys cannot be deferred.
        self._phones_first = conn.dialect.name == "sqlite"
        if self._phones_first:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        self._imported: dict[tuple[str, str | None], int] = {}  # number → line that imported it
        self._existing = KnownNumbers(conn, _live_customer_numbers, _number_key)

    def import_batch(self, rows: list[SourceRow]) -> None:
        candidates = [c for c in (self._read(row) for row in rows) if c is not None]
        self._look_up(candidates)
        customers: list[list[Any]] = []
        phones: list[list[Any]] = []
        for candidate in candidates:
            row, values, found, warning = candidate
            duplicate = self._duplicate(found)
            if duplicate is not None:
                self.run.reject(row, *duplicate)
                continue
            for number, _column in found.numbers:
                self._imported[(number.e164, number.extension)] = row.line
            customers.append(values)
            company = values[2]
            owner = len(customers) - 1  # replaced by the customer's id below
            for index, (number, _column) in enumerate(found.numbers):
                kind = _kind(number.number_type, company)
                phones.append([None, owner, number.e164, number.extension, kind, index == 0])
            if warning is not None:
                self.run.warn(row, *warning)
        if not customers:
            return
        customer_ids = new_ids(len(customers))
        for values, customer_id in zip(customers, customer_ids, strict=True):
            values[0] = customer_id
        for phone, phone_id in zip(phones, new_ids(len(phones)), strict=True):
            phone[0] = phone_id
            phone[1] = customer_ids[phone[1]]
        if self._phones_first:
            self._phones.insert(phones)
            self._customers.insert(customers)
        else:
            self._customers.insert(customers)
            self._phones.insert(phones)
        self.run.imported += len(customers)

    def _read(
        self, row: SourceRow
    ) -> tuple[SourceRow, list[Any], RowPhones, tuple[Reason, str] | None] | None:
        """The customer's values and numbers, or ``None`` after rejecting the row."""
        values = row.values
        columns = self._columns
        name, name_column = first_text(values, columns[Field.NAME])
        if not name:
            self.run.reject(row, Reason.MISSING_NAME, describe(Reason.MISSING_NAME))
            return None
        found = read_phones(values, columns[Field.PHONE], self.numbers, self.mapping)
        if not isinstance(found, RowPhones):
            self.run.reject(row, *found)
            return None
        company, company_column = first_text(values, columns[Field.COMPANY])
        email, email_column = first_text(values, columns[Field.EMAIL])
        city, city_column = first_text(values, columns[Field.CITY])
        for fld, text, column in (
            (Field.NAME, name, name_column),
            (Field.COMPANY, company, company_column),
            (Field.EMAIL, email, email_column),
            (Field.CITY, city, city_column),
        ):
            limit = self._limits[fld]
            if limit is not None and len(text) > limit:
                header = self.mapping.header(column) if column is not None else str(fld)
                message = describe(Reason.TOO_LONG, column=header, limit=limit)
                self.run.reject(row, Reason.TOO_LONG, message)
                return None
        warning = None
        abc_class = None
        abc_text, abc_column = first_text(values, columns[Field.ABC_CLASS])
        if abc_text:
            abc_class = normalize_abc_class(abc_text)
            if abc_class is None and abc_column is not None:
                header = self.mapping.header(abc_column)
                message = describe(Reason.ABC_CLASS_IGNORED, value=abc_text, column=header)
                warning = (Reason.ABC_CLASS_IGNORED, message)
        tags = split_tags([values[c] for c in columns[Field.TAGS]]) if columns[Field.TAGS] else []
        source, _ = first_text(values, columns[Field.SOURCE])
        if source and source not in tags:
            tags.append(source)
        notes = None
        if columns[Field.NOTES]:
            notes = "\n".join(n for n in (clean_text(values[c]) for c in columns[Field.NOTES]) if n)
        customer = [
            None,  # id, drawn for the whole batch
            name,
            company or None,
            email or None,
            city or None,
            abc_class,
            tags,
            notes or None,
        ]
        return row, customer, found, warning

    def _look_up(self, candidates: list[tuple[SourceRow, list[Any], RowPhones, Any]]) -> None:
        """Ask the database, in chunks, which of the batch's numbers it already has."""
        self._existing.ask(
            number.e164
            for _row, _values, found, _warning in candidates
            for number, _column in found.numbers
            if (number.e164, number.extension) not in self._imported
        )

    def _duplicate(self, found: RowPhones) -> tuple[Reason, str] | None:
        for number, column in found.numbers:
            key = (number.e164, number.extension)
            first_line = self._imported.get(key)
            if first_line is not None:
                return Reason.DUPLICATE_IN_FILE, describe(
                    Reason.DUPLICATE_IN_FILE,
                    column=self.mapping.header(column),
                    first_line=first_line,
                )
            if key in self._existing:
                return Reason.DUPLICATE_IN_DATABASE, describe(
                    Reason.DUPLICATE_IN_DATABASE, column=self.mapping.header(column)
                )
        return None


def _live_customer_numbers(numbers: Sequence[str]) -> Select[Any]:
    """The numbers (with extension) of customers who are not deleted, among ``numbers``."""
    return (
        select(CustomerPhone.e164, CustomerPhone.extension)
        .join(Customer, Customer.id == CustomerPhone.customer_id)
        .where(
            CustomerPhone.e164.in_(numbers),
            CustomerPhone.deleted_at.is_(None),
            Customer.deleted_at.is_(None),
        )
    )


def _number_key(row: Any) -> tuple[str, str | None]:
    return row[0], row[1] or None


_MOBILE, _WORK, _HOME, _OTHER = (
    str(k) for k in (PhoneKind.MOBILE, PhoneKind.WORK, PhoneKind.HOME, PhoneKind.OTHER)
)


def _kind(number_type: str, company: str | None) -> str:
    if number_type == NumberType.MOBILE:
        return _MOBILE
    if number_type == NumberType.FIXED_LINE:
        return _WORK if company else _HOME
    return _OTHER

"""Importing leads into a call list from a CSV or XLSX file (``callcenter import leads FILE``).

A row becomes one lead of the call list ``list_name`` (created, in the import's transaction,
when no list has that name: a cancelled import leaves not even the list), or is rejected whole:

* **phone** is required. Every number in every phone column must be valid (``invalid_phone``
  names the column), as for customers; the lead is called on the row's FIRST number, the
  others are kept at the end of its notes (``其他号码: +86…``) so that nothing of the row is
  lost. Name, company, city and source are optional and must fit their columns
  (``too_long``); several notes columns are joined by line breaks;
* **do-not-call**: a row any of whose numbers is on the do-not-call list (a live
  ``dnc_numbers`` entry, extension ignored) is suppressed and counted in ``dnc``
  (``do_not_call``);
* **duplicates**, all counted in ``duplicates``, on the lead's number with its extension:
  an earlier row of the file (``duplicate_in_file``), a live lead of the same list
  (``duplicate_in_list``), a live lead of ANY other list (``duplicate_in_database``, the
  sentence says "another call list"): one person is screened by one campaign at a time.
  "Live" means not deleted, whatever the lead's state;
* **customer link**: a lead whose number is a live number of a live customer gets that
  customer's id (several customers with the number: the oldest);
* **time zones**: the lead's ``time_zones`` are the IANA zones of its number,
  ``|``-separated (``None`` when unknown), computed once per country when the whole country
  has one zone, else once per 9-digit prefix and number type (exactly what phonenumbers
  would answer: it never looks further); a number in more zones than the column holds keeps
  its westernmost and easternmost (see :class:`ZoneCache`).

The database is asked per batch with ``IN`` queries (leads, do-not-call list, customer
numbers), never per row; leads are written with the driver's ``executemany`` in the one
transaction of :mod:`callcenter.importing.pipeline`, with ids ascending within a batch.

Speed (``callcenter bench import --rows 100000``, 2 vCPU): about 16,000 rows/s. Of 6 s,
about 2.2 s go to normalising numbers (:class:`PhoneNormalizer`'s fast path, ~12 µs a
number; ``tel:`` and ``0086`` spellings are rewritten by :class:`Shortcuts` so they take it
too), 2.1 s to SQLite's ``executemany`` (the leads table has six indexes besides the
primary key: index upkeep, not Python, is the cost), 1 s to reading the CSV, 0.3 s to the
look-ups; time zones cost nothing once cached.

Qt-free.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import tzdata
from sqlalchemy import Connection, insert, select

from callcenter.errors import CallcenterError
from callcenter.importing.bulk import BulkInserter, new_ids
from callcenter.importing.columns import ColumnMapping, Field
from callcenter.importing.numbers import NumberProblem, PhoneNormalizer
from callcenter.importing.pipeline import (
    DEFAULT_BATCH_SIZE,
    CancelCallback,
    Importer,
    ImportResult,
    ImportRun,
    MappingInput,
    ProgressCallback,
    RowPhones,
    chunked,
    clean_line,
    clean_text,
    column_limit,
    read_phones,
    run_import,
)
from callcenter.importing.reader import SourceRow
from callcenter.importing.reasons import Reason, describe
from callcenter.phones import PhoneNumber, time_zones
from callcenter.storage.customers import Customer, CustomerPhone
from callcenter.storage.database import Database
from callcenter.storage.outbound import CallList, DncNumber, Lead, LeadState

__all__ = ["JSON_KEYS", "ImportResult", "ZoneCache", "import_leads"]

JSON_KEYS = ("rows", "imported", "duplicates", "dnc", "invalid", "report")
"""The fields of ``callcenter import leads --json``."""

_CHUNK = 900  # numbers per IN query: below SQLite's oldest parameter limit (999)


def import_leads(
    db: Database,
    path: str | Path,
    *,
    list_name: str,
    default_region: str = "CN",
    mapping: MappingInput = None,
    report_dir: str | Path | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelCallback | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
) -> ImportResult:
    """Import the leads of a CSV or XLSX file into the call list ``list_name``, all or nothing.

    The list is created when missing. ``mapping``, ``report_dir``, ``progress``, ``cancel``,
    ``batch_size`` and ``now`` are as for
    :func:`~callcenter.importing.customers.import_customers`; do-not-call rows are counted in
    ``ImportResult.dnc``. Blocking: the UI runs it on its database worker.

    Raises :class:`~callcenter.importing.reader.ImportFileError` when the file cannot be
    imported at all, ``CallcenterError`` (``invalid_list_name``) for a blank or too long
    name, (``list_deleted``) when the list of that name was deleted; nothing is written.
    """
    name = " ".join(list_name.split())
    limit = column_limit(CallList.__table__, "name")
    if not name or (limit is not None and len(name) > limit):
        raise CallcenterError(
            f"A call list needs a name of 1 to {limit} characters.", code="invalid_list_name"
        )

    def factory(
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
    ) -> _LeadImporter:
        return _LeadImporter(run, conn, mapping, numbers, now, list_name=name)

    return run_import(
        factory,
        "leads",
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


class ZoneCache:
    """``"|"``-joined IANA zones of numbers (``None`` when unknown), computed sparingly.

    phonenumbers answers from the country code for a number whose type is not geographic,
    else from the longest known prefix of at most ``TIMEZONE_LONGEST_PREFIX`` digits: so the
    answer for one number is the answer for every number of the same type and prefix, and for
    every number of a country whose prefixes all map to the same zones.

    A few numbers may be in more zones than ``leads.time_zones`` holds (a US toll-free number:
    every US zone, 727 characters): they keep the zones with the smallest and the largest UTC
    offset (at ``now``), in that order. A calling window open in both is open in every zone
    between them, so the lead is never called at a time one of its zones forbids.
    """

    def __init__(self, now: datetime | None = None, *, limit: int | None = None) -> None:
        self._now = now if now is not None else datetime.now(UTC)
        self._limit = limit if limit is not None else column_limit(Lead.__table__, "time_zones")
        self._by_country: dict[str, str | bool | None] = {}  # False: not uniform
        self._by_prefix: dict[tuple[str, str], str | None] = {}
        self._prefix_length = 1 + tzdata.TIMEZONE_LONGEST_PREFIX

    def __call__(self, number: PhoneNumber) -> str | None:
        region = number.region
        if region is not None:
            uniform = self._by_country.get(region)
            if uniform is None and region not in self._by_country:
                uniform = _uniform_zones(region)
                if isinstance(uniform, str):
                    uniform = self._fit(uniform.split("|"))
                self._by_country[region] = uniform
            if uniform is not False:
                return uniform  # type: ignore[return-value]
        key = (number.e164[: self._prefix_length], number.number_type)
        try:
            return self._by_prefix[key]
        except KeyError:
            zones = self._by_prefix[key] = self._fit(list(time_zones(number.e164)))
            return zones

    def _fit(self, zones: list[str]) -> str | None:
        joined = "|".join(zones)
        if self._limit is None or len(joined) <= self._limit:
            return joined or None
        offsets = sorted(
            (self._now.astimezone(ZoneInfo(zone)).utcoffset() or timedelta(0), zone)
            for zone in zones
        )
        west, east = offsets[0][1], offsets[-1][1]
        return west if west == east else f"{west}|{east}"


@functools.cache
def _uniform_zones(region: str) -> str | bool | None:
    """The joined zones of every number of ``region``'s country code when they are all the
    same (and the country code itself has an entry), else ``False``."""
    code = str(phonenumbers.country_code_for_region(region))
    if code == "0" or code not in tzdata.TIMEZONE_DATA:
        return False
    found = {zones for prefix, zones in tzdata.TIMEZONE_DATA.items() if prefix.startswith(code)}
    if len(found) != 1:
        return False
    zones = [z for z in found.pop() if z != "Etc/Unknown"]
    return "|".join(zones) or None


class Shortcuts:
    """The normaliser, with two spellings it hands to ``normalize`` rewritten first.

    ``tel:+86-138…`` (a URI without parameters) and ``0086 138…`` (the international prefix
    of a region whose prefix is ``00``) are common in lead lists and go the slow way through
    ``normalize`` (some 200 µs each). They are asked as ``+86-138…``, which the fast path
    answers. Only a VALID answer is taken: phonenumbers reads ``tel:X`` as ``X`` and, where
    the international prefix is ``00``, ``00X`` as ``+X`` (its first reading strips the prefix),
    so a valid answer is the same number; anything else is asked again as written, so refusals
    keep ``normalize``'s exact reason. ``tests/importing/test_import_leads.py`` checks the
    agreement. (Belongs in :class:`PhoneNormalizer`; kept here while that file is not ours.)
    """

    def __init__(self, numbers: PhoneNormalizer) -> None:
        self._numbers = numbers
        idd = phonenumbers.PhoneMetadata.metadata_for_region(numbers.default_region)
        pattern = idd.international_prefix if idd is not None else None
        match = re.match(f"(?:{pattern})", "0012345678") if pattern else None
        self._idd_00 = match is not None and match.end() == 2

    def __call__(self, raw: str) -> PhoneNumber | NumberProblem:
        first = raw[:1]
        if first in ("t", "T", "0", " "):
            text = raw.strip()
            rewritten = None
            if text[:4].lower() == "tel:":
                rest = text[4:]
                if rest.isascii() and not any(c in rest for c in ";%<>@:"):
                    rewritten = rest
            elif self._idd_00 and text[:2] == "00" and text.isascii():
                rewritten = "+" + text[2:]
            if rewritten is not None:
                answer = self._numbers(rewritten)
                if isinstance(answer, PhoneNumber):
                    return answer
        return self._numbers(raw)


_LEAD_COLUMNS = (
    "id",
    "call_list_id",
    "customer_id",
    "name",
    "company",
    "city",
    "source",
    "notes",
    "phone_e164",
    "phone_extension",
    "time_zones",
)


class _LeadImporter(Importer):
    kind = "leads"
    audit_action = "leads.imported"
    audit_entity = "call_list"

    def __init__(
        self,
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
        *,
        list_name: str,
    ) -> None:
        super().__init__(run, conn, mapping, numbers, now)
        self.list_id = _list_id(conn, list_name, now)
        self._leads = BulkInserter(
            conn,
            Lead.__table__,
            _LEAD_COLUMNS,
            {
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "deleted_at": None,
                "state": str(LeadState.NEW),
                "score": 0.0,
                "attempts": 0,
                "last_outcome": None,
                "next_attempt_at": None,
                "reserved_by": None,
                "reserved_until": None,
                "qualified_at": None,
            },
        )
        self._texts = [
            (fld, tuple(mapping.get(fld)), column_limit(Lead.__table__, fld.value))
            for fld in (Field.NAME, Field.COMPANY, Field.CITY, Field.SOURCE)
        ]
        self._columns = {fld: mapping.get(fld) for fld in Field}
        self._zones = ZoneCache(now)
        self._normalize = Shortcuts(numbers)
        self._queries = _Queries(conn)
        self._imported: dict[tuple[str, str | None], int] = {}  # number → line that imported it
        self._asked: set[str] = set()  # numbers the database was asked about
        self._leads_found: dict[tuple[str, str | None], bool] = {}  # number → in this list
        self._dnc: set[str] = set()
        self._owners: dict[str, str] = {}  # number → customer id

    def audit_details(self) -> dict[str, Any]:
        return {**super().audit_details(), "dnc": self.run.dnc, "call_list_id": self.list_id}

    def import_batch(self, rows: list[SourceRow]) -> None:
        candidates = [c for c in (self._read(row) for row in rows) if c is not None]
        self._look_up(candidates)
        run = self.run
        header = self.mapping.header
        imported = self._imported
        leads: list[list[Any]] = []
        for row, values, found in candidates:
            blocked = next((c for n, c in found.numbers if n.e164 in self._dnc), None)
            if blocked is not None:
                message = describe(Reason.DO_NOT_CALL, column=header(blocked))
                run.reject(row, Reason.DO_NOT_CALL, message)
                continue
            number, column = found.numbers[0]
            key = (number.e164, number.extension)
            first_line = imported.get(key)
            if first_line is not None:
                message = describe(
                    Reason.DUPLICATE_IN_FILE, column=header(column), first_line=first_line
                )
                run.reject(row, Reason.DUPLICATE_IN_FILE, message)
                continue
            in_list = self._leads_found.get(key)
            if in_list is not None:
                if in_list:
                    message = describe(Reason.DUPLICATE_IN_LIST, column=header(column))
                    run.reject(row, Reason.DUPLICATE_IN_LIST, message)
                else:
                    run.reject(row, Reason.DUPLICATE_IN_DATABASE, _other_list(header(column)))
                continue
            imported[key] = row.line
            values[2] = self._owners.get(number.e164)
            values[8] = number.e164
            values[9] = number.extension
            values[10] = self._zones(number)
            leads.append(values)
        if not leads:
            return
        list_id = self.list_id
        # Ascending ids: the primary-key and (created_at, id) indexes are written in order
        # within a batch, not at random places (a quarter less insert time on SQLite).
        for values, lead_id in zip(leads, sorted(new_ids(len(leads))), strict=True):
            values[0] = lead_id
            values[1] = list_id
        self._leads.insert(leads)
        run.imported += len(leads)

    def _read(self, row: SourceRow) -> tuple[SourceRow, list[Any], RowPhones] | None:
        """The lead's values (ids and number filled in later) and numbers, or ``None`` after
        rejecting the row."""
        values = row.values
        columns = self._columns
        found = read_phones(values, columns[Field.PHONE], self._normalize, self.mapping)
        if not isinstance(found, RowPhones):
            self.run.reject(row, *found)
            return None
        lead: list[Any] = [None, None, None]  # id, call_list_id, customer_id
        for fld, columns_of, limit in self._texts:  # name, company, city, source
            text = ""
            for column in columns_of:
                cell = values[column]
                if cell and (text := clean_line(cell)):
                    break
            if limit is not None and len(text) > limit:
                header = self.mapping.header(column) if columns_of else str(fld)
                message = describe(Reason.TOO_LONG, column=header, limit=limit)
                self.run.reject(row, Reason.TOO_LONG, message)
                return None
            lead.append(text or None)
        notes = None
        if columns[Field.NOTES]:
            notes = "\n".join(n for n in (clean_text(values[c]) for c in columns[Field.NOTES]) if n)
        if len(found.numbers) > 1:
            others = "其他号码: " + ", ".join(str(n) for n, _c in found.numbers[1:])
            notes = f"{notes}\n{others}" if notes else others
        lead += (notes or None, None, None, None)  # notes, phone_e164, extension, time_zones
        return row, lead, found

    def _look_up(self, candidates: list[tuple[SourceRow, list[Any], RowPhones]]) -> None:
        """Ask the database, in chunks, about the batch's numbers not asked about before:
        live leads with them, the do-not-call list, the customers they belong to."""
        wanted = {n.e164 for _row, _values, found in candidates for n, _c in found.numbers}
        wanted -= self._asked
        if not wanted:
            return
        self._asked |= wanted
        conn = self.conn
        list_id = self.list_id
        leads_found = self._leads_found
        for part in chunked(sorted(wanted), _CHUNK):
            for e164, extension, call_list_id in self._queries.run(conn, "leads", part):
                key = (e164, extension or None)
                leads_found[key] = leads_found.get(key, False) or call_list_id == list_id
            self._dnc.update(row[0] for row in self._queries.run(conn, "dnc", part))
            # newest first: the last one written is the oldest customer
            for e164, customer_id in self._queries.run(conn, "owners", part):
                self._owners[e164] = customer_id


class _Queries:
    """The look-ups of a batch as plain SQL with positional parameters, run by the driver.

    Building and compiling an ``IN`` of 900 parameters through Core three times a chunk was
    a tenth of the import. A driver with named parameters gets the Core statements.
    """

    _SQL = {
        "leads": (
            "SELECT phone_e164, phone_extension, call_list_id FROM leads "
            "WHERE deleted_at IS NULL AND phone_e164 IN ({})"
        ),
        "dnc": "SELECT e164 FROM dnc_numbers WHERE deleted_at IS NULL AND e164 IN ({})",
        "owners": (
            "SELECT p.e164, c.id FROM customer_phones p JOIN customers c "
            "ON c.id = p.customer_id "
            "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.e164 IN ({}) "
            "ORDER BY c.created_at DESC, c.id DESC"
        ),
    }

    def __init__(self, conn: Connection) -> None:
        self._placeholder = _POSITIONAL.get(conn.dialect.paramstyle)
        self._cache: dict[tuple[str, int], str] = {}

    def run(self, conn: Connection, name: str, numbers: Sequence[str]) -> Any:
        if self._placeholder is None:
            return conn.execute(_core_query(name, numbers))
        key = (name, len(numbers))
        sql = self._cache.get(key)
        if sql is None:
            marks = ", ".join([self._placeholder] * len(numbers))
            sql = self._cache[key] = self._SQL[name].format(marks)
        return conn.exec_driver_sql(sql, tuple(numbers))


_POSITIONAL = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _core_query(name: str, numbers: Sequence[str]) -> Any:
    if name == "leads":
        return select(Lead.phone_e164, Lead.phone_extension, Lead.call_list_id).where(
            Lead.phone_e164.in_(numbers), Lead.deleted_at.is_(None)
        )
    if name == "dnc":
        return select(DncNumber.e164).where(
            DncNumber.e164.in_(numbers), DncNumber.deleted_at.is_(None)
        )
    return (
        select(CustomerPhone.e164, Customer.id)
        .join(Customer, Customer.id == CustomerPhone.customer_id)
        .where(
            CustomerPhone.e164.in_(numbers),
            CustomerPhone.deleted_at.is_(None),
            Customer.deleted_at.is_(None),
        )
        .order_by(Customer.created_at.desc(), Customer.id.desc())
    )


def _other_list(column: str) -> str:
    return f"Column “{column}”: a lead on another call list has this number."


def _list_id(conn: Connection, name: str, now: datetime) -> str:
    """The id of the call list ``name``, created (in the import's transaction) when missing."""
    found = conn.execute(
        select(CallList.id, CallList.deleted_at).where(CallList.name == name)
    ).first()
    if found is not None:
        if found.deleted_at is not None:
            raise CallcenterError(
                f"The call list {name!r} was deleted; import into another list.",
                code="list_deleted",
            )
        return found.id
    list_id = new_ids(1)[0]
    conn.execute(
        insert(CallList.__table__).values(
            id=list_id, name=name, created_at=now, updated_at=now, version=1
        )
    )
    return list_id

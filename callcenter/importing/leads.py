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
numbers), never per row; on SQLite a table no bigger than the file is read whole once
instead. Leads are written with the driver's ``executemany`` (constants written into the
statement) in the one transaction of :mod:`callcenter.importing.pipeline`, with ids
ascending within a batch; a big import into a table no bigger than itself re-creates the
secondary indexes at the end (:func:`~callcenter.importing.pipeline._deferred_indexes`).

Speed (``callcenter bench import --rows 100000``, 2 vCPU shared with other work): about
2.1 s of CPU for 100 000 rows on a quiet machine (it was 6): some 0.5 s in SQLite's
``executemany`` (the table and its primary key), 0.25 s re-creating the other indexes (0008
dropped one and made another partial), 0.15–0.25 s committing (WAL write, fsync and the
checkpoint), 0.55 s reading the rows of a batch column by column with their numbers
(:class:`PhoneNormalizer` answers a Chinese mobile in two regular expressions), 0.25 s
reading the CSV, the rest deciding duplicates and writing the reject report. Tried and
dropped: a writer thread (with ``executemany`` or multi-row ``INSERT``: the GIL hand-overs
cost what the overlap saves), keeping the indexes whose entries are appended, larger pages.

Qt-free.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
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
from callcenter.importing.numbers import PhoneNormalizer
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
    first_text,
    read_phones,
    run_import,
)
from callcenter.importing.reader import SourceRow
from callcenter.importing.reasons import Reason, describe
from callcenter.phones import PhoneNumber, time_zones
from callcenter.storage import outbound
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
        # region → its zones when the same for the whole country; False: not uniform
        self.by_country: dict[str | None, str | bool | None] = {}
        self._by_prefix: dict[tuple[str, str], str | None] = {}
        self._prefix_length = 1 + tzdata.TIMEZONE_LONGEST_PREFIX

    def __call__(self, number: PhoneNumber) -> str | None:
        region = number.region
        if region is not None:
            uniform = self.by_country.get(region)
            if uniform is None and region not in self.by_country:
                uniform = _uniform_zones(region)
                if isinstance(uniform, str):
                    uniform = self._fit(uniform.split("|"))
                self.by_country[region] = uniform
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
    bulk_table = Lead.__table__

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
        constants = {
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
        }
        self._ranked = _RANKED
        self._leads = BulkInserter(
            conn,
            Lead.__table__,
            _LEAD_COLUMNS + (("abc_rank",) if _RANKED else ()),
            constants,
        )
        self._texts = tuple(
            (
                columns[0] if len(columns) == 1 else None,
                columns,
                column_limit(Lead.__table__, fld.value),
                fld,
            )
            for fld in (Field.NAME, Field.COMPANY, Field.CITY, Field.SOURCE)
            for columns in [tuple(mapping.get(fld))]
        )
        self._phone_columns = tuple(mapping.get(Field.PHONE))
        self._notes = tuple(mapping.get(Field.NOTES))
        self._zones = ZoneCache(now)
        self._queries = _Queries(conn)
        self._imported: dict[tuple[str, str | None], int] = {}  # number → line that imported it
        self._asked: set[str] = set()  # numbers the database was asked about
        self._leads_found: dict[tuple[str, str | None], bool] = {}  # number → in this list
        self._dnc: set[str] = set()
        self._owners: dict[str, tuple[str, int]] = {}  # number → customer id, its class's rank
        # The look-ups answered by reading their tables whole, now; the number index of
        # leads is needed during the import only when leads are looked up by number.
        self._preloaded = self._queries.preload(conn, run.table.total_rows)
        for name in self._preloaded:
            self._found(name, self._queries.run(conn, name, None))
        self.lookup_columns = () if "leads" in self._preloaded else ("phone_e164",)

    def audit_details(self) -> dict[str, Any]:
        return {**super().audit_details(), "dnc": self.run.dnc, "call_list_id": self.list_id}

    def import_batch(self, rows: list[SourceRow]) -> None:
        candidates = self._read(rows)
        self._look_up(candidates)
        run = self.run
        reject = run.reject
        header = self.mapping.header
        imported = self._imported
        leads_found = self._leads_found
        dnc = self._dnc
        owners = self._owners
        zones = self._zones
        by_country = zones.by_country
        ranked = self._ranked
        leads: list[list[Any]] = []
        for row, values, found in candidates:
            number, column = found[0]
            e164 = number.e164
            if e164 in dnc or (len(found) > 1 and any(n.e164 in dnc for n, _c in found)):
                blocked = next(c for n, c in found if n.e164 in dnc)
                message = describe(Reason.DO_NOT_CALL, column=header(blocked))
                reject(row, Reason.DO_NOT_CALL, message)
                continue
            key = (e164, number.extension)
            first_line = imported.get(key)
            if first_line is not None:
                message = describe(
                    Reason.DUPLICATE_IN_FILE, column=header(column), first_line=first_line
                )
                reject(row, Reason.DUPLICATE_IN_FILE, message)
                continue
            in_list = leads_found.get(key)
            if in_list is not None:
                if in_list:
                    message = describe(Reason.DUPLICATE_IN_LIST, column=header(column))
                    reject(row, Reason.DUPLICATE_IN_LIST, message)
                else:
                    reject(row, Reason.DUPLICATE_IN_DATABASE, _other_list(header(column)))
                continue
            imported[key] = row.line
            owner = owners.get(e164)
            time_zones = by_country.get(number.region, False)  # type: ignore[arg-type]
            if time_zones is False:
                time_zones = zones(number)
            values[2] = owner[0] if owner is not None else None
            values[8] = e164
            values[9] = number.extension
            values[10] = time_zones
            if ranked:
                values.append(owner[1] if owner is not None else 0)
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

    def _read(self, rows: list[SourceRow]) -> list[tuple[SourceRow, list[Any], _Numbers]]:
        """Each row's lead values (ids, customer and number filled in later) and numbers;
        the rows that cannot be leads are rejected on the way (a bad number first, then the
        first text too long for its column).

        Column by column for the whole batch (a comprehension per column costs a fraction of
        a loop per row); the usual phone cell — one column, one valid number — is read
        directly, any other through ``read_phones``."""
        run = self.run
        mapping = self.mapping
        normalize = self.numbers
        count = len(rows)
        all_values = [row[1] for row in rows]  # SourceRow.values
        phone_columns = self._phone_columns
        single = phone_columns[0] if len(phone_columns) == 1 else -1
        if single >= 0:
            several = _NUMBER_SEPARATORS.search
            cells = [values[single] for values in all_values]
            numbers: list[Any] = [
                normalize(cell) if cell and several(cell) is None else None for cell in cells
            ]
        else:
            numbers = [None] * count
        texts: list[list[str | None]] = []
        too_long: dict[int, str] = {}  # row index → the message of its first text too long
        for column, columns_of, limit, fld in self._texts:  # name, company, city, source
            if column is not None:
                cells = [values[column] for values in all_values]
                found_in = None
                field = [
                    ((cell.strip() if cell.isprintable() else clean_line(cell)) or None)
                    if cell
                    else None
                    for cell in cells
                ]
            elif columns_of:
                firsts = [first_text(values, columns_of) for values in all_values]
                found_in = [where for _text, where in firsts]
                field = [text or None for text, _where in firsts]
            else:
                found_in = None
                field = [None] * count
            if limit is not None and max(map(len, filter(None, field)), default=0) > limit:
                for index, text in enumerate(field):
                    if text and len(text) > limit and index not in too_long:
                        where = column if found_in is None else found_in[index]
                        header = mapping.header(where) if where is not None else str(fld)
                        too_long[index] = describe(Reason.TOO_LONG, column=header, limit=limit)
            texts.append(field)
        notes_columns = self._notes
        if len(notes_columns) == 1:
            cells = [values[notes_columns[0]] for values in all_values]
            notes_of: list[str | None] = [
                ((cell.strip() if cell.isprintable() else clean_text(cell)) or None)
                if cell
                else None
                for cell in cells
            ]
        elif notes_columns:
            notes_of = [
                "\n".join(n for n in (clean_text(values[c]) for c in notes_columns) if n) or None
                for values in all_values
            ]
        else:
            notes_of = [None] * count
        phone_number = PhoneNumber
        candidates: list[tuple[SourceRow, list[Any], _Numbers]] = []
        add = candidates.append
        names, companies, cities, sources = texts
        for index, (row, number, name, company, city, source, notes) in enumerate(
            zip(rows, numbers, names, companies, cities, sources, notes_of, strict=True)
        ):
            if number.__class__ is phone_number:
                found: _Numbers = ((number, single),)
            else:
                phones = read_phones(row.values, phone_columns, normalize, mapping)
                if not isinstance(phones, RowPhones):
                    run.reject(row, *phones)
                    continue
                found = phones.numbers
            if too_long and index in too_long:
                run.reject(row, Reason.TOO_LONG, too_long[index])
                continue
            if len(found) > 1:
                others = "其他号码: " + ", ".join(str(n) for n, _c in found[1:])
                notes = f"{notes}\n{others}" if notes else others
            # id, call_list_id, customer_id, …, phone_e164, phone_extension, time_zones
            add(
                (
                    row,
                    [None, None, None, name, company, city, source, notes, None, None, None],
                    found,
                )
            )
        return candidates

    def _look_up(self, candidates: list[tuple[SourceRow, list[Any], _Numbers]]) -> None:
        """Ask the database, in chunks, about the batch's numbers not asked about before:
        live leads with them, the do-not-call list, the customers they belong to.

        On SQLite, a table no bigger than the file is read whole instead, once, before the
        first batch (see :meth:`_Queries.preload`): the same answers, without hundreds of
        ``IN`` queries. What this import writes is never looked up: a number is asked about
        before the first row with it is imported."""
        wanted = {n.e164 for _row, _values, found in candidates for n, _c in found}
        wanted -= self._asked
        if not wanted:
            return
        self._asked |= wanted
        asked = [name for name in ("leads", "dnc", "owners") if name not in self._preloaded]
        if not asked:
            return
        for part in chunked(sorted(wanted), _CHUNK):
            for name in asked:
                self._found(name, self._queries.run(self.conn, name, part))

    def _found(self, name: str, rows: Any) -> None:
        if name == "leads":
            list_id = self.list_id
            leads_found = self._leads_found
            for e164, extension, call_list_id in rows:
                key = (e164, extension or None)
                leads_found[key] = leads_found.get(key, False) or call_list_id == list_id
        elif name == "dnc":
            self._dnc.update(row[0] for row in rows)
        else:
            owners = self._owners
            # newest first: the last one written is the oldest customer
            for e164, customer_id, abc_class in rows:
                owners[e164] = (customer_id, _rank(abc_class))


_Numbers = tuple[tuple[PhoneNumber, int], ...]
_NUMBER_SEPARATORS = re.compile(r"[/;；、，|\n\r]")  # as read_phones splits a cell
# The dialer's copy of the linked customer's ABC class (storage/outbound.py), when the schema
# has it: the import writes it itself, as the ORM would.
_RANKED = "abc_rank" in Lead.__table__.columns
_rank: Callable[[str | None], int] = getattr(
    outbound, "abc_rank", lambda abc_class: {"A": 3, "B": 2, "C": 1}.get(abc_class or "", 0)
)


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
            "SELECT p.e164, c.id, c.abc_class FROM customer_phones p JOIN customers c "
            "ON c.id = p.customer_id "
            "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.e164 IN ({}) "
            "ORDER BY c.created_at DESC, c.id DESC"
        ),
    }

    def __init__(self, conn: Connection) -> None:
        self._placeholder = _POSITIONAL.get(conn.dialect.paramstyle)
        self._cache: dict[tuple[str, int], str] = {}

    _TABLES = {"leads": "leads", "dnc": "dnc_numbers", "owners": "customer_phones"}

    def preload(self, conn: Connection, rows: int | None) -> frozenset[str]:
        """The look-ups cheaper as one read of the whole table: on SQLite, those whose table
        has at most as many rows as the file (``max(rowid)``, never less than the count)."""
        if conn.dialect.name != "sqlite" or self._placeholder is None or not rows:
            return frozenset()
        return frozenset(
            name
            for name, table in self._TABLES.items()
            if (conn.exec_driver_sql(f"SELECT max(rowid) FROM {table}").scalar() or 0) <= rows
        )

    def run(self, conn: Connection, name: str, numbers: Sequence[str] | None) -> Any:
        """The rows of look-up ``name`` for ``numbers``; for every number when ``None``."""
        if numbers is None:
            sql = self._SQL[name].replace(" IN ({})", " IS NOT NULL")
            return conn.exec_driver_sql(sql)
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
        select(CustomerPhone.e164, Customer.id, Customer.abc_class)
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

"""What every import shares: one transaction, batches, counting, the report, progress, cancel.

An import of a kind of record (customers now, leads next) is an :class:`Importer` subclass
that turns a batch of :class:`~callcenter.importing.reader.SourceRow` into inserted records,
rejecting rows through :meth:`ImportRun.reject`. :func:`run_import` does the rest:

* reads the file (:func:`~callcenter.importing.reader.read_table`) and maps its columns
  (:func:`~callcenter.importing.columns.suggest_mapping`, or the caller's mapping), refusing a
  file that lacks a required column before touching the database;
* runs the whole import in ONE transaction: a cancel (``cancel()`` true between batches) or
  any error rolls everything back and deletes the report, so nothing is left behind;
* counts every data row exactly once as imported, duplicate, do-not-call or invalid, and
  lists every row that was not imported in the reject report, in line order;
* calls ``progress(done_rows, total_rows_or_None)`` before the first and after every batch;
* writes one audit entry with the counts (never names or numbers) in the same transaction;
* on SQLite, for a big import into a table no bigger than the import, drops the
  secondary indexes of the importer's ``bulk_table`` that its look-ups do not need and creates
  them again at the end, in the same transaction (see :func:`_deferred_indexes`).

Helpers the importers share are here too: cleaning cell text, reading the phone numbers of a
row (:func:`read_phones`), looking numbers up in the database in chunks (:class:`KnownNumbers`).

Qt-free.
"""

from __future__ import annotations

import gc
import itertools
import logging
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import phonenumbers
from sqlalchemy import Connection, Executable, Index, Table, insert
from sqlalchemy.schema import CreateIndex

from callcenter.errors import CallcenterError
from callcenter.importing.bulk import new_ids
from callcenter.importing.columns import ColumnMapping, Field, suggest_mapping
from callcenter.importing.numbers import NumberProblem, PhoneNormalizer
from callcenter.importing.reader import ImportFileError, SourceRow, read_table
from callcenter.importing.reader import Table as SourceTable
from callcenter.importing.reasons import DUPLICATES, WARNINGS, Reason, describe
from callcenter.importing.report import RejectReport
from callcenter.phones import PhoneNumber
from callcenter.storage.database import Database
from callcenter.storage.models import AuditEntry

__all__ = [
    "CancelCallback",
    "ImportResult",
    "Importer",
    "KnownNumbers",
    "ProgressCallback",
    "Rejection",
    "RowPhones",
    "clean_line",
    "clean_text",
    "column_limit",
    "read_phones",
    "run_import",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int | None], None]
CancelCallback = Callable[[], bool]
MappingInput = ColumnMapping | Mapping[Field | str, int | Sequence[int] | None] | None

DEFAULT_BATCH_SIZE = 5000
DEFER_INDEXES_FROM = 20_000
"""Rows (estimated from the file) from which a SQLite import re-creates indexes at the end."""
_SQLITE_IMPORT_CACHE_KIB = 65536  # page cache while importing: index inserts stay in memory


@dataclass(frozen=True)
class ImportResult:
    """What an import did. ``rows == imported + duplicates + dnc + invalid``.

    ``report`` is the reject report, ``None`` when every row was imported cleanly.
    ``warnings`` counts rows imported with a warning (they are in the report too). A cancelled
    import imported nothing, kept no report and reports zero everywhere.
    """

    rows: int
    imported: int
    duplicates: int
    invalid: int
    report: Path | None
    cancelled: bool = False
    dnc: int = 0
    warnings: int = 0
    seconds: float = 0.0

    def summary(self, keys: Sequence[str]) -> dict[str, Any]:
        """The given fields as a JSON-able dict (``report`` as a path string or ``None``)."""
        out: dict[str, Any] = {}
        for key in keys:
            value = getattr(self, key)
            out[key] = str(value) if isinstance(value, Path) else value
        return out


class ImportCancelled(Exception):
    """Raised inside the transaction when ``cancel()`` says so; never leaves run_import."""


Rejection = tuple[Reason, str]
"""A reason and its English sentence."""


class ImportRun:
    """The bookkeeping of one import: counts, the report, batches, progress and cancel."""

    def __init__(
        self,
        table: SourceTable,
        report: RejectReport,
        *,
        progress: ProgressCallback | None,
        cancel: CancelCallback | None,
        batch_size: int,
    ) -> None:
        self.table = table
        self.report = report
        self._progress = progress
        self._cancel = cancel
        self._batch_size = batch_size
        self._pending: list[tuple[int, Reason, str, tuple[str, ...]]] = []
        self.rows = 0
        self.imported = 0
        self.duplicates = 0
        self.dnc = 0
        self.invalid = 0
        self.warnings = 0

    def batches(self) -> Iterator[list[SourceRow]]:
        """The readable rows in batches; unreadable rows are rejected on the way.

        Between batches (after the consumer handled one) the rejections are written, progress
        is reported and ``cancel`` is asked.
        """
        self.check_cancel()
        rows = iter(self.table)
        size = self._batch_size
        while chunk := list(itertools.islice(rows, size)):
            self.rows += len(chunk)
            batch = [row for row in chunk if row.problem is None]
            if len(batch) < len(chunk):
                for row in chunk:
                    if row.problem is not None:
                        self.reject(row, row.problem, row.message or describe(row.problem))
            if batch:
                yield batch
            if len(chunk) < size:
                break
            self.check_cancel()
        self.check_cancel()

    def reject(self, row: SourceRow, reason: Reason, message: str) -> None:
        """Count ``row`` as not imported for ``reason`` and list it in the report."""
        if reason in WARNINGS:
            raise ValueError(f"{reason} is a warning: use warn()")
        if reason in DUPLICATES:
            self.duplicates += 1
        elif reason is Reason.DO_NOT_CALL:
            self.dnc += 1
        else:
            self.invalid += 1
        self._pending.append((row.line, reason, message, row.values))

    def warn(self, row: SourceRow, reason: Reason, message: str) -> None:
        """List an imported row in the report with a warning (it still counts as imported)."""
        self.warnings += 1
        self._pending.append((row.line, reason, message, row.values))

    def check_cancel(self) -> None:
        """Write pending report lines, report progress, and stop if the caller cancelled."""
        self.flush()
        if self._progress is not None:
            total = self.table.total_rows
            self._progress(self.rows, max(total, self.rows) if total is not None else None)
        if self._cancel is not None and self._cancel():
            raise ImportCancelled

    def flush(self) -> None:
        """Write the pending report lines in line order."""
        if self._pending:
            self._pending.sort(key=lambda entry: entry[0])
            for line, reason, message, values in self._pending:
                self.report.add(line, reason, message, values)
            self._pending.clear()


class Importer(ABC):
    """Imports batches of rows of one kind of record, inside ``run_import``'s transaction."""

    kind: ClassVar[str]  # "customers", "leads": selects the required columns
    audit_action: ClassVar[str]  # "customers.imported"
    audit_entity: ClassVar[str]  # "customer"
    # The table most rows go to, whose indexes a big SQLite import re-creates at the end
    # (None: keep them); indexes led by a ``lookup_columns`` column stay, the importer's
    # queries during the import use them (an importer sets it by the time it is built).
    bulk_table: ClassVar[Table | None] = None
    lookup_columns: tuple[str, ...] = ()

    def __init__(
        self,
        run: ImportRun,
        conn: Connection,
        mapping: ColumnMapping,
        numbers: PhoneNormalizer,
        now: datetime,
    ) -> None:
        self.run = run
        self.conn = conn
        self.mapping = mapping
        self.numbers = numbers
        self.now = now

    @abstractmethod
    def import_batch(self, rows: list[SourceRow]) -> None:
        """Insert the importable rows of ``rows`` and reject the others through ``self.run``."""

    def audit_details(self) -> dict[str, Any]:
        """Counts only: the audit log never holds names or numbers."""
        run = self.run
        return {
            "rows": run.rows,
            "imported": run.imported,
            "duplicates": run.duplicates,
            "invalid": run.invalid,
            "warnings": run.warnings,
        }


ImporterFactory = Callable[
    [ImportRun, Connection, ColumnMapping, PhoneNormalizer, datetime], Importer
]


def run_import(
    importer: type[Importer] | ImporterFactory,
    kind: str,
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
    """Import ``path`` with ``importer`` in one transaction; see the module documentation.

    Raises :class:`~callcenter.importing.reader.ImportFileError` for a file that cannot be
    imported (nothing is written), ``CallcenterError`` (code ``invalid_region``) for an
    unknown ``default_region``, ``ValueError`` for a naive ``now`` or a batch size below 1.
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    region = default_region.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise CallcenterError(
            f"Unknown region {default_region!r} for numbers without a country code.",
            code="invalid_region",
        )
    started = time.perf_counter()
    path = Path(path)
    with read_table(path) as table:
        resolved = resolve_mapping(table.headers, mapping, kind)
        report = RejectReport(path, table.headers, folder=report_dir, now=now)
        run = ImportRun(table, report, progress=progress, cancel=cancel, batch_size=batch_size)
        try:
            with db.session() as session, _collector_paused():
                conn = session.connection()
                with _import_tuning(conn):
                    worker = importer(run, conn, resolved, PhoneNormalizer(region), now)
                    with _deferred_indexes(conn, worker, table.total_rows):
                        for batch in run.batches():
                            worker.import_batch(batch)
                    run.flush()
                    _write_audit(conn, worker, now)
                report_path = report.close()
        except ImportCancelled:
            report.discard()
            log.info("%s import cancelled after %d rows: nothing imported", kind, run.rows)
            return ImportResult(0, 0, 0, 0, None, cancelled=True)
        except BaseException:
            report.discard()
            raise
    seconds = time.perf_counter() - started
    result = ImportResult(
        rows=run.rows,
        imported=run.imported,
        duplicates=run.duplicates,
        invalid=run.invalid,
        report=report_path,
        dnc=run.dnc,
        warnings=run.warnings,
        seconds=seconds,
    )
    log.info(
        "%s import: %d rows, %d imported, %d duplicates, %d do-not-call, %d invalid, "
        "%d warnings in %.2f s (%s, %s)",
        kind,
        result.rows,
        result.imported,
        result.duplicates,
        result.dnc,
        result.invalid,
        result.warnings,
        seconds,
        table.format,
        table.encoding or "-",
    )
    if progress is not None:
        progress(result.rows, result.rows)
    return result


def resolve_mapping(headers: Sequence[str], mapping: MappingInput, kind: str) -> ColumnMapping:
    """The caller's mapping (a ``ColumnMapping`` or overrides of the suggested one), or the
    suggested one; raises ``ImportFileError`` (``missing_columns``) when a required field has
    no column."""
    if isinstance(mapping, ColumnMapping):
        if mapping.headers != tuple(headers):
            raise ValueError("the column mapping was made for another header")
        resolved = mapping
    else:
        resolved = suggest_mapping(headers)
        if mapping:
            resolved = resolved.override(mapping)
    missing = resolved.missing_required(kind)
    if missing:
        names = ", ".join(str(f) for f in missing)
        raise ImportFileError(
            f"No column was recognised for: {names}. Name the columns in the first row "
            "(for example 姓名/name and 电话/手机/phone), or map them by hand.",
            code="missing_columns",
            missing=[str(f) for f in missing],
        )
    return resolved


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the import.

    The import allocates millions of small objects and keeps growing tables (numbers seen,
    the normaliser's cache) that every collection walks again: a fifth of the time of a large
    import went to the collector. The import makes no reference cycles worth collecting;
    reference counting frees everything as usual, and the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _import_tuning(conn: Connection) -> Iterator[None]:
    """On SQLite, a bigger page cache for the import's connection, restored afterwards."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{_SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")


@contextmanager
def _deferred_indexes(conn: Connection, worker: Importer, rows: int | None) -> Iterator[None]:
    """On SQLite, for an import of at least :data:`DEFER_INDEXES_FROM` rows into a table that
    holds at most as many: drop the secondary indexes of ``worker.bulk_table`` for the block
    and create them again when it ends normally.

    Keeping a B-tree index up to date row by row costs more than building it once from sorted
    data: for the leads table, half of the insert time. SQLite's DDL is transactional and the
    block runs inside the import's transaction, so a cancel or an error rolls the drop back
    with everything else: schema and data are exactly as before. Nothing happens when the
    block raises (the transaction is rolled back by the caller).

    An index is re-created from the SQLAlchemy metadata, so only an index whose definition in
    the database is exactly the metadata's is dropped (an index the metadata does not know,
    or knows differently, is left alone). Indexes led by a column of ``worker.lookup_columns``
    stay: the importer's look-ups during the import need them. Other connections (WAL) keep
    reading the indexed tables as they were until the import commits.
    """
    table = worker.bulk_table
    if conn.dialect.name != "sqlite" or table is None or rows is None or rows < DEFER_INDEXES_FROM:
        yield
        return
    existing = conn.exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"').scalar() or 0
    if existing > rows:  # re-building the indexes of a big table would cost more
        yield
        return
    in_database = dict(
        conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            (table.name,),
        ).all()
    )
    deferred: list[Index] = []
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        first = next(iter(index.columns), None)
        if first is None or first.name in worker.lookup_columns:
            continue
        ddl = str(CreateIndex(index).compile(dialect=conn.dialect))
        if in_database.get(str(index.name)) == ddl:
            deferred.append(index)
    for index in deferred:
        index.drop(conn)
    yield
    for index in deferred:
        index.create(conn)
    if deferred:
        log.debug("%s: %d indexes re-created after the import", table.name, len(deferred))


def _write_audit(conn: Connection, worker: Importer, now: datetime) -> None:
    conn.execute(
        insert(AuditEntry.__table__),
        [
            {
                "id": new_ids(1)[0],
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "deleted_at": None,
                "agent_id": None,
                "action": worker.audit_action,
                "entity_type": worker.audit_entity,
                "entity_id": None,
                "details": worker.audit_details(),
            }
        ],
    )


# --------------------------------------------------------------------------- cell helpers

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\s*[\r\n\t\v\f\u2028\u2029]+\s*")


def clean_line(text: str) -> str:
    """A one-line value: control and zero-width characters removed, line breaks and tabs
    made spaces, outer whitespace stripped (PostgreSQL refuses NUL in text)."""
    if text.isprintable():  # nearly every cell: no control, format or separator character
        return text.strip()
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub(" ", text)
    return text.strip()


def clean_text(text: str) -> str:
    """A multi-line value (notes): like :func:`clean_line` but line breaks kept as ``\\n``."""
    if text.isprintable():
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    return text.strip()


def column_limit(table: Table, column: str) -> int | None:
    """The length limit of a text column (``String(200)`` → 200), ``None`` for ``Text``."""
    return getattr(table.columns[column].type, "length", None)


_NUMBER_SEPARATORS = re.compile(r"[/;；、，|\n\r]")


@dataclass(frozen=True, slots=True)
class RowPhones:
    """The distinct numbers of a row, in column order, each with its column index."""

    numbers: tuple[tuple[PhoneNumber, int], ...]


def read_phones(
    values: Sequence[str],
    columns: Iterable[int],
    numbers: PhoneNormalizer,
    mapping: ColumnMapping,
) -> RowPhones | Rejection:
    """Every number in the phone columns of a row, or why the row cannot be imported.

    A cell may hold several numbers separated by ``/ ; ； 、 ， |`` or line breaks. Blank
    cells are skipped; one number that is not valid rejects the whole row (reason naming its
    column), so no customer or lead is ever imported with only some of its numbers. The same
    number twice in a row counts once.
    """
    found: list[tuple[PhoneNumber, int]] = []
    keys: set[tuple[str, str | None]] = set()
    for column in columns:
        cell = values[column]
        if not cell or cell.isspace():
            continue
        parts = _NUMBER_SEPARATORS.split(cell) if _NUMBER_SEPARATORS.search(cell) else (cell,)
        for part in parts:
            if not part or part.isspace():
                continue
            result = numbers(part)
            if isinstance(result, NumberProblem):
                message = describe(
                    Reason.INVALID_PHONE, column=mapping.header(column), problem=result.message
                )
                return Reason.INVALID_PHONE, message
            key = (result.e164, result.extension)
            if key not in keys:
                keys.add(key)
                found.append((result, column))
    if not found:
        return Reason.MISSING_PHONE, describe(Reason.MISSING_PHONE)
    return RowPhones(tuple(found))


def first_text(values: Sequence[str], columns: Sequence[int]) -> tuple[str, int | None]:
    """The first non-blank cell of ``columns`` (cleaned as one line) and its column."""
    for column in columns:
        text = clean_line(values[column]) if values[column] else ""
        if text:
            return text, column
    return "", columns[0] if columns else None


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class KnownNumbers:
    """What the database already holds for some numbers, asked in chunks, each number once.

    ``query(chunk)`` is a SELECT for the rows matching a chunk of E.164 numbers (an ``IN``
    on an indexed column); ``key(row)`` what to remember of each row, e.g. ``(e164,
    extension)``. Customers use it for the numbers of live customers; leads will use it for
    the list's numbers, other leads and the do-not-call list.
    """

    def __init__(
        self,
        conn: Connection,
        query: Callable[[Sequence[str]], Executable],
        key: Callable[[Any], Hashable],
        *,
        chunk: int = 1000,  # far below SQLite's and PostgreSQL's parameter limits
    ) -> None:
        self._conn = conn
        self._query = query
        self._key = key
        self._chunk = chunk
        self._asked: set[str] = set()
        self._found: set[Hashable] = set()

    def ask(self, numbers: Iterable[str]) -> None:
        """Look up the numbers not asked about before."""
        wanted = set(numbers) - self._asked
        if not wanted:
            return
        self._asked |= wanted
        for part in chunked(sorted(wanted), self._chunk):
            self._found.update(self._key(row) for row in self._conn.execute(self._query(part)))

    def __contains__(self, key: Hashable) -> bool:
        return key in self._found

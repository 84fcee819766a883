"""Writing many rows fast: ids in bulk and the driver's ``executemany`` without per-row Core work.

Core's ``insert(table)`` executemany (what ``demo.py`` uses) spends most of its time per row in
Python: building parameter dicts, calling each column type's bind processor. For 100 000
imported rows that is most of the import. :class:`BulkInserter` keeps SQLAlchemy's meaning —
the values still go through each column type's bind processor, so a UTC datetime, a JSON list
or a boolean is stored exactly as the ORM stores it — but processes values that are the same
for every row (timestamps, version, deleted_at, flags) once, memoises the others, and hands
plain tuples to the DB-API cursor in the session's own transaction.

On SQLite, the constants are written into the statement as literals (an integer, a real, a
text or NULL stores exactly what binding it stores), so only the varying values are bound.
A table with triggers (``customers`` and ``customer_phones`` keep the FTS5 search
index of migration 0003 up to date) is written with multi-row ``INSERT … VALUES (…), (…)``
statements of a few thousand rows instead of ``executemany``: FTS5 flushes its pending terms
at the end of every statement, so one statement per row writes one tiny index segment per row
and merges them over and over — three times slower. A table without triggers is faster with
``executemany``.

Qt-free.
"""

from __future__ import annotations

import itertools
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

__all__ = ["BulkInserter", "new_ids"]


def new_ids(count: int) -> list[str]:
    """``count`` random UUID4 strings, as ``storage.base.new_id`` makes one, five times faster.

    16 random bytes each from ``os.urandom``, in hex, with the version nibble written as ``4``
    and the variant nibble's two high bits as ``10`` (``8``–``b``), formatted as
    ``str(uuid.uuid4())`` formats them.
    """
    text = os.urandom(16 * count).hex()
    variant = _VARIANT
    return [
        f"{text[i : i + 8]}-{text[i + 8 : i + 12]}-4{text[i + 13 : i + 16]}-"
        f"{variant[text[i + 16]]}{text[i + 17 : i + 20]}-{text[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]


# A random hex digit → the RFC 4122 variant digit keeping its two low bits.
_VARIANT = {f"{n:x}": f"{8 | (n & 3):x}" for n in range(16)}


_POSITIONAL = {"qmark": "?", "format": "%s", "pyformat": "%s"}
# Bound parameters per statement: SQLITE_MAX_VARIABLE_NUMBER (999 before SQLite 3.32).
_SQLITE_MAX_PARAMETERS = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


class BulkInserter:
    """Insert rows of one table: ``columns`` vary per row, ``constants`` are the same for all.

    Every column of the table must be in one or the other (the table's defaults are not
    applied). Rows are sequences in the order of ``columns``.
    """

    def __init__(
        self,
        conn: Connection,
        table: Table,
        columns: Sequence[str],
        constants: Mapping[str, Any],
    ) -> None:
        names = [*columns, *constants]
        expected = set(table.columns.keys())
        if set(names) != expected or len(names) != len(expected):
            raise ValueError(
                f"{table.name}: columns and constants must name every column exactly once; "
                f"difference: {sorted(set(names) ^ expected)}"
            )
        self._conn = conn
        self._table = table
        dialect = conn.dialect
        placeholder = _POSITIONAL.get(dialect.paramstyle)
        self._sql: str | None = None
        self._rows_per_statement = 1
        self._constants = tuple(
            _process(conn, table, name, value) for name, value in constants.items()
        )
        if placeholder is not None:
            preparer = dialect.identifier_preparer
            quoted = ", ".join(preparer.quote(name) for name in names)
            marks = [placeholder] * len(columns)
            if dialect.name == "sqlite":
                # The constants written into the statement: not bound again for every row.
                literals = [_sqlite_literal(value) for value in self._constants]
                if None not in literals:
                    marks += literals  # type: ignore[arg-type]
                    self._constants = ()
            marks += [placeholder] * len(self._constants)
            self._values = f"({', '.join(marks)})"
            self._sql = f"INSERT INTO {preparer.format_table(table)} ({quoted}) VALUES "
            bound = len(columns) + len(self._constants)
            if dialect.name == "sqlite" and _has_triggers(conn, table):
                self._rows_per_statement = max(1, _SQLITE_MAX_PARAMETERS // bound)
        self._statements: dict[int, str] = {}
        self._columns = tuple(columns)
        self._processors: list[tuple[int, Callable[[Any], Any]]] = []
        for index, name in enumerate(columns):
            processor = _bind_processor(conn, table, name)
            if processor is not None:
                self._processors.append((index, _memoised(processor)))
        self._raw_constants = dict(constants)

    def insert(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert ``rows``; the number inserted."""
        rows = list(rows)
        if not rows:
            return 0
        if self._sql is None:  # a driver with named parameters: Core does it, slower
            dicts = [
                {**dict(zip(self._columns, row, strict=True)), **self._raw_constants}
                for row in rows
            ]
            self._conn.execute(insert(self._table), dicts)
            return len(rows)
        constants = self._constants
        if self._processors:
            params = []
            for row in rows:
                values = list(row)
                for index, process in self._processors:
                    values[index] = process(values[index])
                params.append((*values, *constants))
        elif constants:
            params = [(*row, *constants) for row in rows]
        else:
            params = list(map(tuple, rows))
        per = self._rows_per_statement
        if per == 1:
            self._conn.exec_driver_sql(self._statement(1), params)
        else:
            for start in range(0, len(params), per):
                chunk = params[start : start + per]
                flat = tuple(itertools.chain.from_iterable(chunk))
                self._conn.exec_driver_sql(self._statement(len(chunk)), flat)
        return len(rows)

    def _statement(self, rows: int) -> str:
        """``INSERT … VALUES`` with ``rows`` rows of placeholders."""
        sql = self._statements.get(rows)
        if sql is None:
            assert self._sql is not None
            sql = self._statements[rows] = self._sql + ", ".join([self._values] * rows)
        return sql


def _sqlite_literal(value: Any) -> str | None:
    """A processed constant as an SQLite literal that stores exactly what binding it stores
    (NULL, an integer, a finite real, text), or ``None`` when it is none of those."""
    if value is None:
        return "NULL"
    if type(value) is int:
        return str(value)
    if type(value) is float and math.isfinite(value):
        return repr(value)
    if type(value) is str and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def _has_triggers(conn: Connection, table: Table) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? LIMIT 1",
        (table.name,),
    ).first()
    return found is not None


def _bind_processor(conn: Connection, table: Table, name: str) -> Callable[[Any], Any] | None:
    column_type = table.columns[name].type
    return column_type.dialect_impl(conn.dialect).bind_processor(conn.dialect)


def _process(conn: Connection, table: Table, name: str, value: Any) -> Any:
    processor = _bind_processor(conn, table, name)
    return value if processor is None or value is None else processor(value)


def _memoised(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The processor, remembering results for hashable values and lists (JSON tags)."""
    memo: dict[Any, Any] = {}

    def process(value: Any) -> Any:
        if value is None:
            return None
        key = (type(value), tuple(value)) if isinstance(value, list) else (type(value), value)
        try:
            return memo[key]
        except KeyError:
            result = memo[key] = processor(value)
            if len(memo) > 65536:
                memo.clear()
            return result
        except TypeError:  # unhashable: process every time
            return processor(value)

    return process

"""``callcenter import customers|leads FILE [--list NAME] [--json]``: imports from a terminal.

Qt-free. Exit codes: 0 the import ran (even when rows were rejected: they are in the report),
2 nothing was imported because of an error (a file that cannot be imported, a database that
cannot be opened), 130 interrupted (Ctrl+C: rolled back, nothing imported).

With ``--json`` the standard output is exactly one JSON object: the counts
(customers ``{"rows", "imported", "duplicates", "invalid", "report"}``, leads the same plus
``"dnc"``; ``report`` a path or ``null``),
or on an error ``{"error": code, "message": sentence}``. Error sentences also go to ``err``.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from callcenter.errors import CallcenterError
from callcenter.importing.customers import JSON_KEYS as CUSTOMER_KEYS
from callcenter.importing.customers import import_customers
from callcenter.importing.leads import JSON_KEYS as LEAD_KEYS
from callcenter.importing.leads import import_leads
from callcenter.importing.pipeline import ImportResult
from callcenter.storage import migrate
from callcenter.storage.database import Database, open_database, to_url

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "KINDS", "run_import_command"]

log = logging.getLogger(__name__)

KINDS = ("customers", "leads")
EXIT_OK = 0
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130


def run_import_command(
    kind: str,
    file: str,
    db_target: str,
    *,
    json_output: bool,
    list_name: str | None,
    default_region: str,
    out: TextIO,
    err: TextIO | None = None,
) -> int:
    """Import ``file`` into the database ``db_target`` (a SQLite path or a URL).

    The database is brought up to date first, as the app does when it starts (a SQLite file
    is backed up before a migration); a SQLite file that does not exist is refused. Leads go
    into the call list ``list_name`` (required for leads, refused for customers), created when
    missing.
    """
    err = err if err is not None else sys.stderr
    report = _Reporter(out, err, json_output=json_output)
    if kind not in KINDS:
        return report.error(
            "unknown_kind", f"Unknown kind of import {kind!r}: use customers or leads."
        )
    if kind == "customers" and list_name is not None:
        return report.error("invalid_option", "--list applies to leads only.")
    if kind == "leads" and (list_name is None or not list_name.strip()):
        return report.error(
            "missing_list", "Name the call list to import the leads into: --list NAME."
        )

    db = _open(db_target, report)
    if db is None:
        return EXIT_ERROR
    try:
        migrate.upgrade(db)
        progress = _TerminalProgress(err) if not json_output and _is_tty(err) else None
        if kind == "leads":
            assert list_name is not None
            result = import_leads(
                db, file, list_name=list_name, default_region=default_region, progress=progress
            )
            keys = LEAD_KEYS
        else:
            result = import_customers(db, file, default_region=default_region, progress=progress)
            keys = CUSTOMER_KEYS
        if progress is not None:
            progress.done()
    except CallcenterError as exc:
        return report.error(exc.code, exc.message)
    except SQLAlchemyError as exc:
        log.exception("the import failed in the database")
        return report.error(
            "database_error",
            f"The database refused the import ({type(exc).__name__}); nothing was imported.",
        )
    except KeyboardInterrupt:
        report.error("interrupted", "Interrupted: nothing was imported.")
        return EXIT_INTERRUPTED
    finally:
        db.dispose()
    report.result(result, keys, Path(file).name)
    return EXIT_OK


def _open(db_target: str, report: _Reporter) -> Database | None:
    try:
        url = to_url(db_target)
    except (ArgumentError, ValueError):  # the text is not echoed: it may hold a password
        report.error(
            "invalid_database", "The database is neither a file path nor a valid database URL."
        )
        return None
    local = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if local and not Path(str(url.database)).exists():
        report.error("no_database", f"There is no database at {url.database}.")
        return None
    try:
        return open_database(db_target)
    except CallcenterError as exc:
        report.error(exc.code, exc.message)
    except (NoSuchModuleError, ArgumentError):
        report.error("invalid_database", f"Unsupported kind of database: {url.drivername}.")
    return None


class _Reporter:
    def __init__(self, out: TextIO, err: TextIO, *, json_output: bool) -> None:
        self._out = out
        self._err = err
        self._json = json_output

    def error(self, code: str, message: str) -> int:
        print(f"error: {message}", file=self._err)
        if self._json:
            self._print_json({"error": code, "message": message})
        return EXIT_ERROR

    def result(self, result: ImportResult, keys: tuple[str, ...], name: str) -> None:
        if self._json:
            self._print_json(result.summary(keys))
            return
        skipped = []
        if result.duplicates:
            skipped.append(_plural(result.duplicates, "duplicate"))
        if result.dnc:
            skipped.append(f"{result.dnc} on the do-not-call list")
        if result.invalid:
            skipped.append(f"{result.invalid} invalid")
        line = f"Imported {result.imported} of {_plural(result.rows, 'row')} from {name}"
        print(line + (f" ({', '.join(skipped)})." if skipped else "."), file=self._out)
        if result.warnings:
            print(f"{_plural(result.warnings, 'row')} imported with a warning.", file=self._out)
        if result.report is not None:
            print(f"Rejected rows and warnings are listed in {result.report}", file=self._out)

    def _print_json(self, payload: dict[str, Any]) -> None:
        print(json.dumps(payload, ensure_ascii=False), file=self._out)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _TerminalProgress:
    def __init__(self, err: TextIO) -> None:
        self._err = err
        self._shown = False

    def __call__(self, done: int, total: int | None) -> None:
        text = f"{done} / ~{total} rows" if total else f"{done} rows"
        print(f"\rImporting… {text}", end="", file=self._err, flush=True)
        self._shown = True

    def done(self) -> None:
        if self._shown:
            print(file=self._err)

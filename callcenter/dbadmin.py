"""``callcenter db upgrade|check|backup``: database maintenance from a terminal.

Qt-free. Prints plain English lines for an administrator; the exit code says what happened:
0 all is well, 1 the check found problems (or the schema is behind), 2 an error stopped us.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from callcenter.errors import CallcenterError
from callcenter.storage import migrate
from callcenter.storage.database import Database, open_database, to_url

log = logging.getLogger(__name__)

COMMANDS = ("upgrade", "check", "backup")

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


def run_db_command(
    argv_command: str, db_target: str, *, destination: str | None, out: TextIO
) -> int:
    """Run one maintenance command on ``db_target`` (a SQLite file path or a database URL)."""
    if argv_command not in COMMANDS:
        print(
            f"error: unknown command {argv_command!r}; use one of {', '.join(COMMANDS)}", file=out
        )
        return EXIT_ERROR
    try:
        url = to_url(db_target)
    except (ArgumentError, ValueError):  # the text is not echoed: it may hold a password
        print("error: the database is neither a file path nor a valid database URL", file=out)
        return EXIT_ERROR
    missing = _missing_sqlite_file(url.get_backend_name(), url.database)
    if missing is not None and argv_command != "upgrade":
        print(f"error: there is no database at {missing}", file=out)
        return EXIT_ERROR

    try:
        db = open_database(db_target)
    except CallcenterError as exc:
        print(f"error: {exc.message}", file=out)
        return EXIT_ERROR
    except (NoSuchModuleError, ArgumentError):
        print(f"error: unsupported kind of database: {url.drivername}", file=out)
        return EXIT_ERROR
    try:
        print(f"Database: {db.display_name}", file=out)
        if argv_command == "upgrade":
            return _upgrade(db, out, created=missing is not None)
        if argv_command == "check":
            return _check(db, out)
        return _backup(db, destination, out)
    except CallcenterError as exc:
        print(f"error: {exc.message}", file=out)
        return EXIT_ERROR
    finally:
        db.dispose()


def _upgrade(db: Database, out: TextIO, *, created: bool) -> int:
    result = migrate.upgrade(db)
    if not result.changed:
        print(f"Already up to date at revision {result.to_revision}.", file=out)
        return EXIT_OK
    if result.backup is not None:
        print(f"Backup of the previous state: {result.backup}", file=out)
    if result.from_revision is None:
        verb = "Created" if created else "Initialised"
        print(f"{verb} the schema at revision {result.to_revision}.", file=out)
    else:
        print(f"Upgraded from revision {result.from_revision} to {result.to_revision}.", file=out)
    if not db.is_sqlite:
        print("No file backup is made of a server database: keep pg_dump backups.", file=out)
    return EXIT_OK


def _check(db: Database, out: TextIO) -> int:
    report = migrate.check(db)
    print(f"Schema revision: {report.current or 'none (empty database)'}", file=out)
    print(f"Newest revision this app knows: {report.head}", file=out)
    if report.database_newer:
        print(
            "The database was written by a newer version of Callcenter: update the app.", file=out
        )
    elif not report.up_to_date:
        print("The schema is behind: run `callcenter db upgrade`.", file=out)
    else:
        print("The schema revision is up to date.", file=out)
    if report.integrity == "ok":
        print("Integrity: ok", file=out)
    elif report.integrity == "not checked":
        print("Integrity: not checked on a server database", file=out)
    else:
        print("Integrity problems:", file=out)
        for line in report.integrity.splitlines():
            print(f"  {line}", file=out)
    if report.schema_diff:
        print("The schema differs from what this app expects:", file=out)
        for line in report.schema_diff:
            print(f"  {line}", file=out)
    elif report.current is not None:
        print("The schema matches the app's models.", file=out)
    if report.ok:
        print("All checks passed.", file=out)
        return EXIT_OK
    return EXIT_PROBLEMS


def _backup(db: Database, destination: str | None, out: TextIO) -> int:
    if destination is not None:
        target = Path(destination)
    elif db.path is not None:
        target = db.path.parent
    else:
        target = Path.cwd()  # only reached for server databases, which refuse below
    written = migrate.backup(db, target)
    print(f"Backup written to {written}", file=out)
    return EXIT_OK


def _missing_sqlite_file(backend: str, database: str | None) -> Path | None:
    """The path of a SQLite database file that does not exist yet, else ``None``."""
    if backend != "sqlite" or not database or database == ":memory:":
        return None
    path = Path(database)
    return None if path.exists() else path

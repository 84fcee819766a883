"""Bringing a database schema up to date with Alembic, safely, without an ``alembic.ini``.

The migration scripts live in the package (``migrations/`` beside this module), so this works
from a source tree, an installed wheel and a PyInstaller bundle alike.

Safety rules:

* A SQLite database that is behind head is copied with the online backup API before it is
  touched; the copy is consistent even while the file is in WAL mode.
* Every upgrade runs in one transaction: on any failure the database is left as it was.
* A database written by a newer version of the app (an unknown revision) is never touched.
* PostgreSQL gets no file backup: its administrator should ``pg_dump`` before an upgrade.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, TypeDecorator, inspect
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from callcenter.errors import CallcenterError, DatabaseUnavailable, MigrationError
from callcenter.storage.database import Database
from callcenter.storage.models import Base

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any constant will do: it serialises upgrades of one PostgreSQL database by several desks.
_PG_MIGRATION_LOCK = 0x63616C6C  # "call"


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


@dataclass(frozen=True)
class CheckReport:
    current: str | None
    head: str
    up_to_date: bool
    # "ok", the problems PRAGMA integrity_check / foreign_key_check found (one per line),
    # or "not checked" on a server database.
    integrity: str
    # What differs between the database and the models, one readable line each.
    schema_diff: list[str]
    # The database carries a revision this app does not know: a newer app wrote it.
    database_newer: bool = False

    @property
    def ok(self) -> bool:
        return self.up_to_date and self.integrity in ("ok", "not checked") and not self.schema_diff


# -- Alembic configuration shared with env.py ------------------------------------------------


def migration_options() -> dict[str, Any]:
    """Options for ``context.configure`` / ``MigrationContext.configure``, used everywhere.

    ``render_as_batch`` is on for every backend: generated scripts then work on SQLite (which
    needs a table copy for most ALTERs) and on PostgreSQL (where batch mode is plain ALTER).
    """
    return {
        "target_metadata": Base.metadata,
        "compare_type": True,
        "render_as_batch": True,
        "render_item": _render_item,
        "include_name": include_name,
    }


# What migration 0003 builds for ``callcenter.search`` and no model describes: the SQLite FTS5
# table, its shadow tables and its content table, and PostgreSQL's search indexes.
SEARCH_TABLES = frozenset(
    {
        "customer_search",
        "customer_search_config",
        "customer_search_content",
        "customer_search_data",
        "customer_search_docs",
        "customer_search_docsize",
        "customer_search_idx",
    }
)
SEARCH_INDEXES = frozenset(
    {
        "ix_search_complaints_case_number_prefix",
        "ix_search_customer_phones_e164_trgm",
        "ix_search_customers_company_prefix",
        "ix_search_customers_company_trgm",
        "ix_search_customers_name_prefix",
        "ix_search_customers_name_trgm",
    }
)


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's ``include_name`` hook: compare everything but the search objects."""
    if type_ == "table":
        return name not in SEARCH_TABLES
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


def _render_item(type_: str, obj: object, _autogen_context: object) -> str | bool:
    # Our TypeDecorators (UTCDateTime) are Python-side conversions: a migration script must
    # not import app code, so it gets the plain SQLAlchemy type underneath.
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


def make_config(*, connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the package's scripts; no ini file, no logging setup."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(make_config())


@contextmanager
def migration_connection(db: Database) -> Iterator[Connection]:
    """A connection inside one transaction for running migrations; commits when the block ends.

    On SQLite, foreign keys are switched off meanwhile (batch mode copies and drops tables,
    which enforced keys would refuse or cascade) and checked before committing instead: the
    migration must not add broken references (ones that were already there do not stop it).
    """
    with _connect(db) as conn:
        driver = conn.connection.driver_connection if db.is_sqlite else None
        if driver is not None:
            driver.execute("PRAGMA foreign_keys=OFF")  # only effective outside a transaction
        try:
            with conn.begin():
                if db.url.get_backend_name() == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
                broken_before = _count_broken_references(conn) if driver is not None else 0
                yield conn
                if driver is not None and _count_broken_references(conn) > broken_before:
                    problems = _foreign_key_problems(conn, limit=5)
                    raise MigrationError(
                        "The migration left broken references: " + "; ".join(problems),
                        code="migration_failed",
                    )
        finally:
            if driver is not None:
                try:
                    driver.execute("PRAGMA foreign_keys=ON")
                except sqlite3.Error:
                    conn.invalidate()


# -- public API -------------------------------------------------------------------------------


def head_revision() -> str:
    """The newest revision this app knows."""
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the package always ships 0001
        raise MigrationError("No migration scripts were found.", code="no_migrations")
    return head


def current_revision(db: Database) -> str | None:
    """The database's revision, ``None`` for an empty (or never migrated) database."""
    with _connect(db) as conn:
        return _current(conn)


def upgrade(db: Database, *, backup_dir: Path | None = None) -> UpgradeResult:
    """Apply every migration up to head; see the module docstring for the safety rules."""
    script = _script()
    head = script.get_current_head()
    assert head is not None
    if db.is_sqlite:
        return _upgrade_sqlite(db, script, head, backup_dir)
    return _upgrade_server(db, script, head)


def backup(db: Database, destination: Path) -> Path:
    """Copy a SQLite database with the online backup API; returns the file written.

    A directory ``destination`` gets a timestamped file name inside it. An existing file is
    never overwritten.
    """
    if not db.is_sqlite:
        raise MigrationError(
            f"{db.display_name} is a server database: back it up with pg_dump "
            "(for example: pg_dump --format=custom --file=callcenter.dump DBNAME).",
            code="backup_unsupported",
            database=db.display_name,
        )
    if db.path is None:
        raise MigrationError(
            "An in-memory database cannot be backed up to a file.", code="backup_unsupported"
        )
    destination = Path(destination).expanduser()
    if destination.is_dir():
        destination = _free_name(destination / f"{db.path.stem}.backup-{_timestamp()}.sqlite")
    elif destination.exists():
        raise MigrationError(
            f"{destination} already exists; choose another file name or a folder.",
            code="backup_exists",
            path=str(destination),
        )
    return _backup_sqlite(db, destination)


def check(db: Database) -> CheckReport:
    """Compare the database with this app: revision, physical integrity and schema."""
    script = _script()
    head = script.get_current_head()
    assert head is not None
    with _connect(db) as conn:
        current = _current(conn)
        context = MigrationContext.configure(conn, opts=migration_options())
        diffs = compare_metadata(context, Base.metadata)
        integrity = _integrity(conn) if db.is_sqlite else "not checked"
    return CheckReport(
        current=current,
        head=head,
        up_to_date=current == head,
        integrity=integrity,
        schema_diff=[_describe_diff(diff) for diff in diffs],
        database_newer=current is not None and not _is_known(script, current),
    )


# -- upgrade ----------------------------------------------------------------------------------


def _upgrade_sqlite(
    db: Database, script: ScriptDirectory, head: str, backup_dir: Path | None
) -> UpgradeResult:
    try:
        with _connect(db) as conn:
            current = _current(conn)
            _refuse_unknown(db, script, current)
            if current == head:
                return UpgradeResult(current, head, None)
            _refuse_unversioned(db, conn, current)
    except SQLAlchemyError as exc:
        raise _upgrade_failed(db, None, head, None, exc) from exc

    backup_path = None
    if current is not None and db.path is not None:
        folder = Path(backup_dir) if backup_dir is not None else db.path.parent
        name = f"{db.path.stem}.before-{current}-{_timestamp()}.sqlite"
        backup_path = _backup_sqlite(db, _free_name(folder / name))
        log.info("database backed up to %s before upgrading from %s", backup_path, current)

    _run_upgrade(db, current, head, backup_path)
    return UpgradeResult(current, head, backup_path)


def _upgrade_server(db: Database, script: ScriptDirectory, head: str) -> UpgradeResult:
    current: str | None = None
    try:
        with migration_connection(db) as conn:
            current = _current(conn)
            _refuse_unknown(db, script, current)
            if current == head:
                return UpgradeResult(current, head, None)
            _refuse_unversioned(db, conn, current)
            log.warning(
                "upgrading %s from %s to %s without a file backup: an administrator should "
                "pg_dump server databases before upgrading the app",
                db.display_name,
                current,
                head,
            )
            _alembic_upgrade(conn, head)
    except CallcenterError:
        raise
    except Exception as exc:
        raise _upgrade_failed(db, current, head, None, exc) from exc
    log.info("database %s upgraded from %s to %s", db.display_name, current, head)
    return UpgradeResult(current, head, None)


def _run_upgrade(db: Database, current: str | None, head: str, backup_path: Path | None) -> None:
    try:
        with migration_connection(db) as conn:
            _alembic_upgrade(conn, head)
    except Exception as exc:
        raise _upgrade_failed(db, current, head, backup_path, exc) from exc
    log.info("database %s upgraded from %s to %s", db.display_name, current, head)


def _alembic_upgrade(conn: Connection, head: str) -> None:
    command.upgrade(make_config(connection=conn), head)


def _upgrade_failed(
    db: Database, current: str | None, head: str, backup_path: Path | None, exc: Exception
) -> MigrationError:
    log.error("upgrading %s from %s to %s failed", db.display_name, current, head, exc_info=exc)
    message = (
        f"Upgrading the database {db.display_name} from revision {current or 'empty'} to {head} "
        f"failed: {_reason(exc)}. The database was left unchanged."
    )
    if backup_path is not None:
        message += f" A copy taken before the attempt is at {backup_path}."
    return MigrationError(
        message,
        code="migration_failed",
        backup=str(backup_path) if backup_path else None,
        from_revision=current,
        to_revision=head,
    )


def _refuse_unknown(db: Database, script: ScriptDirectory, current: str | None) -> None:
    if current is not None and not _is_known(script, current):
        log.error("database %s is at unknown revision %s", db.display_name, current)
        raise MigrationError(
            f"The database {db.display_name} was written by a newer version of Callcenter "
            f"(schema revision {current}). Update the app; the database was not changed.",
            code="database_newer",
            revision=current,
        )


def _refuse_unversioned(db: Database, conn: Connection, current: str | None) -> None:
    if current is None and set(inspect(conn).get_table_names()) - {"alembic_version"}:
        raise MigrationError(
            f"{db.display_name} holds tables but no Callcenter schema revision: it was not "
            "made by this app. It was left unchanged.",
            code="unversioned_database",
        )


def _is_known(script: ScriptDirectory, revision: str) -> bool:
    try:
        script.get_revision(revision)
    except CommandError:
        return False
    return True


def _current(conn: Connection) -> str | None:
    heads = MigrationContext.configure(conn).get_current_heads()
    if len(heads) > 1:
        raise MigrationError(
            f"The database has several schema revisions at once ({', '.join(heads)}).",
            code="multiple_heads",
        )
    return heads[0] if heads else None


# -- SQLite backup ----------------------------------------------------------------------------


def _backup_sqlite(db: Database, destination: Path) -> Path:
    """Online backup to ``destination``, verified, written under a temporary name first."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        source = db.engine.raw_connection()
        try:
            target = sqlite3.connect(partial)
            try:
                source.driver_connection.backup(target)
                # A backup is one self-contained file, whatever mode the original is in.
                target.execute("PRAGMA journal_mode=DELETE")
                verdict = [row[0] for row in target.execute("PRAGMA quick_check")]
            finally:
                target.close()
        finally:
            source.close()
        if verdict != ["ok"]:
            raise MigrationError(
                f"The backup of {db.display_name} failed its check: {'; '.join(verdict[:5])}",
                code="backup_failed",
            )
        _fsync(partial)
        os.replace(partial, destination)
        _fsync_folder(destination.parent)
    except CallcenterError:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        partial.unlink(missing_ok=True)
        log.error("backup of %s to %s failed", db.display_name, destination, exc_info=exc)
        raise MigrationError(
            f"Cannot back up {db.display_name} to {destination}: {_reason(exc)}. "
            "Nothing was changed.",
            code="backup_failed",
            path=str(destination),
        ) from exc
    return destination


def _fsync(path: Path) -> None:
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def _fsync_folder(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S")


def _free_name(path: Path) -> Path:
    """``path``, or ``path`` with ``-2``, ``-3``… before the suffix when it is taken."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# -- check ------------------------------------------------------------------------------------


def _integrity(conn: Connection) -> str:
    problems = [
        row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").all() if row[0] != "ok"
    ]
    problems += _foreign_key_problems(conn)
    return "\n".join(problems) if problems else "ok"


def _count_broken_references(conn: Connection) -> int:
    return len(conn.exec_driver_sql("PRAGMA foreign_key_check").all())


def _foreign_key_problems(conn: Connection, limit: int = 100) -> list[str]:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    problems = [
        f"foreign key: {table} row {rowid} refers to a missing {parent} row"
        for table, rowid, parent, _fkid in rows[:limit]
    ]
    if len(rows) > limit:
        problems.append(f"foreign key: … and {len(rows) - limit} more broken references")
    return problems


def _describe_diff(diff: Any) -> str:
    """One line for an entry of ``alembic.autogenerate.compare_metadata``."""
    if isinstance(diff, list):  # modify_* entries come grouped per column
        return "; ".join(_describe_diff(item) for item in diff)
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        what = f"table {diff[1].name}"
    elif kind in ("add_column", "remove_column"):
        what = f"column {diff[2]}.{diff[3].name}"
    elif kind in ("add_index", "remove_index"):
        what = f"index {diff[1].name} on {diff[1].table.name}"
    elif kind in ("add_constraint", "remove_constraint", "add_fk", "remove_fk"):
        noun = "foreign key" if kind.endswith("_fk") else "constraint"
        what = f"{noun} {diff[1].name} on {diff[1].table.name}"
    elif kind.startswith("modify_"):
        _kind, _schema, table, column, _kw, existing, wanted = diff
        return f"column {table}.{column}: {kind[7:]} is {existing!r}, the models say {wanted!r}"
    else:
        return repr(diff)
    return f"missing {what}" if kind.startswith("add_") else f"unexpected {what}"


# -- helpers ----------------------------------------------------------------------------------


@contextmanager
def _connect(db: Database) -> Iterator[Connection]:
    try:
        conn = db.engine.connect()
    except SQLAlchemyError as exc:
        log.warning("database %s unavailable: %s", db.display_name, type(exc).__name__)
        raise DatabaseUnavailable(
            f"Cannot open the database {db.display_name}: {_reason(exc)}",
            url=db.display_name,
        ) from exc
    with conn:
        yield conn


def _reason(exc: BaseException) -> str:
    if isinstance(exc, CallcenterError):
        return exc.message
    source = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(source).strip().splitlines()
    return lines[0] if lines else type(exc).__name__

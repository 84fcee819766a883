"""Opening a database: a local SQLite file or a PostgreSQL server, with durable settings.

SQLite runs in WAL mode with ``synchronous=FULL``: a transaction that has returned from
``COMMIT`` survives a crash of the process and a power cut. Foreign keys are enforced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from callcenter.errors import DatabaseUnavailable

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)


def to_url(path_or_url: str | Path) -> URL:
    """``/some/file.sqlite`` or ``sqlite:///…`` or ``postgresql://…`` → an SQLAlchemy URL."""
    text = str(path_or_url)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # The sqlite3 driver opens transactions itself; let SQLAlchemy's BEGIN rule instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _begin_sqlite(conn) -> None:  # type: ignore[no-untyped-def]
    conn.exec_driver_sql("BEGIN")


@dataclass(frozen=True)
class Database:
    """One database: its engine and a session factory. Cheap to pass around, safe to share."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The file of a SQLite database, ``None`` for a server or in-memory database."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database)

    @property
    def display_name(self) -> str:
        """Where the data lives, without any password: for the status bar and logs."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back on an exception."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(path_or_url: str | Path, *, echo: bool = False) -> Database:
    """Open (and for SQLite create the folder of) a database. Does not migrate it."""
    url = to_url(path_or_url)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, echo=echo)
    else:
        engine = create_engine(url, echo=echo, pool_pre_ping=True, future=True)
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    if url.database and url.database != ":memory:":
        try:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"Cannot create the folder for the database: {exc.strerror}", path=url.database
            ) from exc
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def check_connection(db: Database) -> None:
    """Raise ``DatabaseUnavailable`` with a readable reason when the database cannot be used."""
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except SQLAlchemyError as exc:
        log.warning("database %s unavailable: %s", db.display_name, type(exc).__name__)
        raise DatabaseUnavailable(
            f"Cannot open the database {db.display_name}: {exc.__class__.__name__}",
            url=db.display_name,
        ) from exc

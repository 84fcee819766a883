"""Alembic environment for callcenter.

Two ways in:

* programmatic (the app, ``callcenter db …``, tests): ``callcenter.storage.migrate`` passes an
  open connection, already inside a transaction, in ``config.attributes["connection"]``;
  logging is left exactly as the app configured it;
* the ``alembic`` command for developers (``alembic.ini`` at the repository root): the database
  comes from ``-x url=…`` or ``CALLCENTER_DATABASE_URL`` (a URL or a SQLite file path).
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from callcenter.storage.database import open_database, to_url
from callcenter.storage.migrate import migration_connection, migration_options

config = context.config


def run_with_connection(connection: Connection) -> None:
    context.configure(connection=connection, **migration_options())
    with context.begin_transaction():
        context.run_migrations()


def database_url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("CALLCENTER_DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise SystemExit(
            "No database given: use `alembic -x url=sqlite:////path/to/file.sqlite …` "
            "or set CALLCENTER_DATABASE_URL."
        )
    return url


def run_offline() -> None:
    """``alembic upgrade --sql``: print the SQL instead of running it."""
    context.configure(
        url=to_url(database_url()),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **migration_options(),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    db = open_database(database_url())
    try:
        with migration_connection(db) as connection:
            run_with_connection(connection)
    finally:
        db.dispose()


given = config.attributes.get("connection")
if given is not None:
    run_with_connection(given)
else:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    if context.is_offline_mode():
        run_offline()
    else:
        run_online()

"""Migrations: the schema they build, upgrades with backups, refusals, check, backup, CLI."""

from __future__ import annotations

import io
import logging
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import ForeignKeyConstraint, UniqueConstraint, inspect, select, text

import callcenter
from callcenter.dbadmin import run_db_command
from callcenter.errors import MigrationError
from callcenter.storage import migrate
from callcenter.storage.database import Database, open_database
from callcenter.storage.models import Base, Customer, CustomerPhone

# A real second revision, for tests only: it adds a column and changes a type, which on
# SQLite copies the whole customers table while customer_phones rows point into it.
REVISION_0002 = '''"""Test only: customers get a nickname and a longer e-mail."""

import sqlalchemy as sa
from alembic import op

revision = "9002"
down_revision = "%HEAD%"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(50), nullable=True))
        batch_op.alter_column("email", existing_type=sa.String(254), type_=sa.String(320))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.alter_column("email", existing_type=sa.String(320), type_=sa.String(254))
        batch_op.drop_column("nickname")
'''

# A second revision that changes things and then fails half-way.
FAILING_0002 = '''"""Test only: fails after it has already changed the schema and the data."""

import sqlalchemy as sa
from alembic import op

revision = "9002"
down_revision = "%HEAD%"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.String(50), nullable=True))
        batch_op.alter_column("email", existing_type=sa.String(254), type_=sa.String(320))
    op.execute("UPDATE customers SET name = 'overwritten'")
    op.execute("INSERT INTO no_such_table VALUES (1)")


def downgrade() -> None:
    pass
'''

SOURCE_ROOT = Path(callcenter.__file__).resolve().parent.parent
# A second revision that runs fine but leaves phones pointing at customers that are gone.
ORPHANING_0002 = '''"""Test only: deletes customers whose phones still point at them."""

from alembic import op

revision = "9002"
down_revision = "%HEAD%"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM customers")


def downgrade() -> None:
    pass
'''

# What 0003 builds for callcenter/search.py besides the models' schema.
SQLITE_SEARCH_TABLES = {
    "customer_search",
    "customer_search_config",
    "customer_search_data",
    "customer_search_docs",
    "customer_search_idx",
}
POSTGRES_SEARCH_INDEXES = {
    "ix_search_complaints_case_number_prefix",
    "ix_search_customer_phones_e164_trgm",
    "ix_search_customers_company_prefix",
    "ix_search_customers_company_trgm",
    "ix_search_customers_name_prefix",
    "ix_search_customers_name_trgm",
}

HEAD = migrate.head_revision()  # the app's newest revision
NEXT = "9002"  # the test-only revision written on top of it
BACKUP_NAME = re.compile(rf"^callcenter\.before-{HEAD}-\d{{8}}T\d{{6}}(-\d+)?\.sqlite$")


def _scripts_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision_0002: str) -> Path:
    """A copy of the app's migrations plus a 0002 revision, made the app's migrations."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9002_test.py").write_text(
        revision_0002.replace("%HEAD%", HEAD), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    return folder


@pytest.fixture
def with_0002(tmp_path, monkeypatch) -> Path:
    return _scripts_with(tmp_path, monkeypatch, REVISION_0002)


def add_customer(db: Database, name: str = "Wang Fang", phone: str = "+8613800138000") -> str:
    with db.session() as session:
        customer = Customer(name=name, email="fang@example.com")
        customer.phones.append(CustomerPhone(e164=phone))
        session.add(customer)
        session.flush()
        return customer.id


def sqlite_rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def column_names(path: Path, table: str) -> set[str]:
    return {row[1] for row in sqlite_rows(path, f"PRAGMA table_info({table})")}


def assert_schema_matches_models(db: Database) -> None:
    """The models' schema, plus exactly the search index of 0003, which has no model."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "target_metadata": Base.metadata,
                "include_name": migrate.include_name,
            },
        )
        assert compare_metadata(context, Base.metadata) == []

        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        search_tables = {t for t in tables if not migrate.include_name(t, "table", {})}
        assert search_tables == (SQLITE_SEARCH_TABLES if db.is_sqlite else set())
        assert tables - search_tables == set(Base.metadata.tables) | {"alembic_version"}
        search_indexes = set()
        for table in Base.metadata.sorted_tables:
            indexes = {
                index["name"]
                for index in inspector.get_indexes(table.name)
                if not index.get("duplicates_constraint")
            }
            search_indexes |= {i for i in indexes if not migrate.include_name(i, "index", {})}
            indexes -= search_indexes
            assert indexes == {index.name for index in table.indexes}, table.name
            uniques = {u["name"] for u in inspector.get_unique_constraints(table.name)}
            assert uniques == {
                c.name for c in table.constraints if isinstance(c, UniqueConstraint)
            }, table.name
            foreign_keys = {fk["name"] for fk in inspector.get_foreign_keys(table.name)}
            assert foreign_keys == {
                c.name for c in table.constraints if isinstance(c, ForeignKeyConstraint)
            }, table.name
            assert inspector.get_pk_constraint(table.name)["name"] == table.primary_key.name
        assert search_indexes == (set() if db.is_sqlite else POSTGRES_SEARCH_INDEXES)


# -- (a) the schema the migrations build ------------------------------------------------------


def test_upgrading_an_empty_database_builds_exactly_the_models_schema(any_db):
    result = migrate.upgrade(any_db)

    assert result == migrate.UpgradeResult(from_revision=None, to_revision=HEAD, backup=None)
    assert migrate.current_revision(any_db) == migrate.head_revision() == HEAD
    assert_schema_matches_models(any_db)


def test_the_migrated_schema_stores_and_returns_a_customer(any_db):
    migrate.upgrade(any_db)
    customer_id = add_customer(any_db)

    with any_db.session() as session:
        customer = session.get(Customer, customer_id)
        assert customer.phones[0].e164 == "+8613800138000"
        assert customer.created_at.tzinfo is UTC
        assert customer.tags == []


def test_migrating_leaves_the_apps_logging_alone(sqlite_db):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    app_logger = logging.getLogger("callcenter.some_service")

    migrate.upgrade(sqlite_db)

    assert root.handlers == handlers and root.level == level
    assert not app_logger.disabled


def test_the_developer_alembic_ini_builds_the_same_schema(tmp_path):
    """``alembic -x url=… upgrade head`` and ``alembic check`` from the repository root."""
    if not (SOURCE_ROOT / "alembic.ini").exists():
        pytest.skip("not a source checkout")
    path = tmp_path / "dev.sqlite"
    for args in (["upgrade", "head"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "alembic", "-x", f"url={path}", *args],
            cwd=SOURCE_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    db = open_database(path)
    try:
        assert migrate.current_revision(db) == HEAD
        assert_schema_matches_models(db)
    finally:
        db.dispose()


# -- (b) down and up again --------------------------------------------------------------------


def test_downgrade_to_base_and_upgrade_again(any_db):
    migrate.upgrade(any_db)
    add_customer(any_db)

    with migrate.migration_connection(any_db) as conn:
        command.downgrade(migrate.make_config(connection=conn), "base")

    assert migrate.current_revision(any_db) is None
    assert set(inspect(any_db.engine).get_table_names()) == {"alembic_version"}

    assert migrate.upgrade(any_db).from_revision is None
    assert_schema_matches_models(any_db)


# -- (c) upgrading an older database makes a backup first ------------------------------------


def test_upgrading_an_older_database_backs_it_up_first(sqlite_db, tmp_path, monkeypatch):
    migrate.upgrade(sqlite_db)  # the app before 0002 existed
    customer_id = add_customer(sqlite_db)
    backups = tmp_path / "backups"
    _scripts_with(tmp_path, monkeypatch, REVISION_0002)  # the new app

    result = migrate.upgrade(sqlite_db, backup_dir=backups)

    assert (result.from_revision, result.to_revision) == (HEAD, NEXT)
    assert result.backup is not None and result.backup.parent == backups
    assert BACKUP_NAME.match(result.backup.name), result.backup.name
    assert [p.name for p in backups.iterdir()] == [result.backup.name]  # no .partial left
    # The backup is the old database, whole, in one self-contained file.
    assert sqlite_rows(result.backup, "PRAGMA integrity_check") == [("ok",)]
    assert sqlite_rows(result.backup, "PRAGMA journal_mode") == [("delete",)]
    assert sqlite_rows(result.backup, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert sqlite_rows(result.backup, "SELECT id, name FROM customers") == [
        (customer_id, "Wang Fang")
    ]
    assert sqlite_rows(result.backup, "SELECT customer_id FROM customer_phones") == [(customer_id,)]
    assert "nickname" not in column_names(result.backup, "customers")
    # The database itself moved on and kept its rows and references.
    sqlite_db.dispose()
    assert sqlite_rows(sqlite_db.path, "SELECT version_num FROM alembic_version") == [(NEXT,)]
    assert "nickname" in column_names(sqlite_db.path, "customers")
    assert sqlite_rows(sqlite_db.path, "SELECT customer_id FROM customer_phones") == [
        (customer_id,)
    ]
    assert sqlite_rows(sqlite_db.path, "PRAGMA foreign_key_check") == []


def test_the_backup_goes_beside_the_database_by_default(sqlite_db, tmp_path, monkeypatch):
    migrate.upgrade(sqlite_db)
    _scripts_with(tmp_path, monkeypatch, REVISION_0002)

    result = migrate.upgrade(sqlite_db)

    assert result.backup is not None and result.backup.parent == sqlite_db.path.parent
    assert BACKUP_NAME.match(result.backup.name)


def test_no_backup_for_a_new_database_or_one_already_at_head(sqlite_db, tmp_path):
    before = set(tmp_path.iterdir())
    assert migrate.upgrade(sqlite_db, backup_dir=tmp_path).backup is None
    assert migrate.upgrade(sqlite_db, backup_dir=tmp_path).backup is None
    assert {p.name for p in set(tmp_path.iterdir()) - before} <= {
        "callcenter.sqlite",
        "callcenter.sqlite-wal",
        "callcenter.sqlite-shm",
    }


def test_a_failing_migration_leaves_the_database_as_it_was(sqlite_db, tmp_path, monkeypatch):
    migrate.upgrade(sqlite_db)
    customer_id = add_customer(sqlite_db)
    _scripts_with(tmp_path, monkeypatch, FAILING_0002)

    with pytest.raises(MigrationError) as caught:
        migrate.upgrade(sqlite_db, backup_dir=tmp_path / "backups")

    error = caught.value
    assert error.code == "migration_failed"
    assert "no_such_table" in error.message and "left unchanged" in error.message
    backup = Path(error.details["backup"])
    assert backup.exists() and str(backup) in error.message
    sqlite_db.dispose()
    assert sqlite_rows(sqlite_db.path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert "nickname" not in column_names(sqlite_db.path, "customers")
    assert sqlite_rows(sqlite_db.path, "SELECT id, name FROM customers") == [
        (customer_id, "Wang Fang")
    ]
    assert sqlite_rows(sqlite_db.path, "PRAGMA integrity_check") == [("ok",)]
    # Foreign keys are enforced again on the pooled connections afterwards.
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_migration_that_breaks_references_is_rolled_back(sqlite_db, tmp_path, monkeypatch):
    migrate.upgrade(sqlite_db)
    customer_id = add_customer(sqlite_db)
    _scripts_with(tmp_path, monkeypatch, ORPHANING_0002)

    with pytest.raises(MigrationError) as caught:
        migrate.upgrade(sqlite_db, backup_dir=tmp_path / "backups")

    assert "broken references" in caught.value.message
    assert "customer_phones row" in caught.value.message
    assert migrate.current_revision(sqlite_db) == HEAD
    with sqlite_db.session() as session:
        assert session.get(Customer, customer_id) is not None


def test_broken_references_from_before_do_not_block_an_upgrade(sqlite_db, tmp_path, monkeypatch):
    migrate.upgrade(sqlite_db)
    add_customer(sqlite_db)
    sqlite_db.dispose()
    conn = sqlite3.connect(sqlite_db.path)  # foreign keys are off by default here
    conn.execute("DELETE FROM customers")
    conn.commit()
    conn.close()
    _scripts_with(tmp_path, monkeypatch, REVISION_0002)

    assert migrate.upgrade(sqlite_db, backup_dir=tmp_path / "backups").to_revision == NEXT


@pytest.mark.postgres
def test_postgres_upgrade_runs_in_one_transaction(pg_db, tmp_path, monkeypatch):
    migrate.upgrade(pg_db)
    customer_id = add_customer(pg_db)
    _scripts_with(tmp_path, monkeypatch, FAILING_0002)

    with pytest.raises(MigrationError) as caught:
        migrate.upgrade(pg_db)

    assert caught.value.code == "migration_failed"
    assert caught.value.details["backup"] is None
    assert migrate.current_revision(pg_db) == HEAD
    with pg_db.session() as session:
        assert session.execute(select(Customer.name)).scalars().all() == ["Wang Fang"]
    assert "nickname" not in {c["name"] for c in inspect(pg_db.engine).get_columns("customers")}

    _scripts_with(tmp_path / "good", monkeypatch, REVISION_0002)
    result = migrate.upgrade(pg_db)
    assert (result.from_revision, result.to_revision, result.backup) == (HEAD, NEXT, None)
    with pg_db.session() as session:
        assert session.get(Customer, customer_id) is not None


# -- (d) refusals: a database from a newer app, or not ours ----------------------------------


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "callcenter.sqlite"
    db = open_database(path)
    migrate.upgrade(db)
    add_customer(db)
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    db.dispose()
    original = path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.iterdir())

    db = open_database(path)
    with pytest.raises(MigrationError) as caught:
        migrate.upgrade(db, backup_dir=tmp_path)
    db.dispose()

    assert caught.value.code == "database_newer"
    assert "newer version" in caught.value.message
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


def test_a_database_that_is_not_ours_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    original = path.read_bytes()

    db = open_database(path)
    with pytest.raises(MigrationError) as caught:
        migrate.upgrade(db)
    db.dispose()

    assert caught.value.code == "unversioned_database"
    assert path.read_bytes()[100:] == original[100:]  # the header's journal mode may change
    assert sqlite_rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'") == [("notes",)]


# -- (e) check --------------------------------------------------------------------------------


def test_check_a_healthy_database(any_db):
    migrate.upgrade(any_db)
    add_customer(any_db)

    report = migrate.check(any_db)

    assert report.current == report.head == HEAD
    assert report.up_to_date and report.ok and not report.database_newer
    assert report.integrity == ("ok" if any_db.is_sqlite else "not checked")
    assert report.schema_diff == []


def test_check_an_empty_database(sqlite_db):
    report = migrate.check(sqlite_db)

    assert report.current is None and not report.up_to_date
    assert "missing table customers" in report.schema_diff


def test_check_reports_a_database_behind_head(sqlite_db, with_0002):
    with migrate.migration_connection(sqlite_db) as conn:
        command.upgrade(migrate.make_config(connection=conn), HEAD)

    report = migrate.check(sqlite_db)

    assert (report.current, report.head, report.up_to_date) == (HEAD, NEXT, False)
    assert not report.ok and not report.database_newer


def test_check_reports_a_schema_that_differs_from_the_models(sqlite_db):
    migrate.upgrade(sqlite_db)
    with sqlite_db.session() as session:
        session.execute(text("ALTER TABLE customers ADD COLUMN stray TEXT"))
        session.execute(text("DROP INDEX ix_customers_name"))

    report = migrate.check(sqlite_db)

    assert report.up_to_date and not report.ok
    assert sorted(report.schema_diff) == [
        "missing index ix_customers_name on customers",
        "unexpected column customers.stray",
    ]


def test_check_reports_broken_references(sqlite_db):
    migrate.upgrade(sqlite_db)
    add_customer(sqlite_db)
    sqlite_db.dispose()
    conn = sqlite3.connect(sqlite_db.path)  # foreign keys are off by default here
    conn.execute("DELETE FROM customers")
    conn.commit()
    conn.close()

    report = migrate.check(sqlite_db)

    assert report.integrity.startswith("foreign key: customer_phones row ")
    assert "missing customers row" in report.integrity
    assert not report.ok


def test_check_recognises_a_database_from_a_newer_app(sqlite_db):
    migrate.upgrade(sqlite_db)
    with sqlite_db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))

    report = migrate.check(sqlite_db)

    assert report.current == "ffff" and report.database_newer and not report.ok


# -- (f) backup -------------------------------------------------------------------------------


def test_backup_holds_every_committed_row_even_those_still_in_the_wal(sqlite_db, tmp_path):
    migrate.upgrade(sqlite_db)
    ids = [add_customer(sqlite_db, name=f"Customer {n}") for n in range(20)]
    wal = sqlite_db.path.with_name(sqlite_db.path.name + "-wal")
    assert wal.stat().st_size > 0  # the rows have not been checkpointed into the main file

    written = migrate.backup(sqlite_db, tmp_path / "copy.sqlite")

    assert written == tmp_path / "copy.sqlite"
    assert sqlite_rows(written, "PRAGMA integrity_check") == [("ok",)]
    assert sqlite_rows(written, "PRAGMA foreign_key_check") == []
    assert sorted(r[0] for r in sqlite_rows(written, "SELECT id FROM customers")) == sorted(ids)
    assert len(sqlite_rows(written, "SELECT id FROM customer_phones")) == 20


def test_backup_into_a_folder_gets_a_timestamped_name(sqlite_db, tmp_path):
    migrate.upgrade(sqlite_db)
    folder = tmp_path / "backups"
    folder.mkdir()

    first = migrate.backup(sqlite_db, folder)
    second = migrate.backup(sqlite_db, folder)

    stamp = datetime.now(UTC).strftime("%Y%m%d")
    assert first.parent == folder and first.name.startswith(f"callcenter.backup-{stamp}T")
    assert second != first and second.exists()


def test_backup_never_overwrites_a_file(sqlite_db, tmp_path):
    migrate.upgrade(sqlite_db)
    existing = tmp_path / "precious.sqlite"
    existing.write_bytes(b"keep me")

    with pytest.raises(MigrationError) as caught:
        migrate.backup(sqlite_db, existing)

    assert caught.value.code == "backup_exists"
    assert existing.read_bytes() == b"keep me"


@pytest.mark.postgres
def test_backup_of_a_server_database_says_to_use_pg_dump(pg_db, tmp_path):
    with pytest.raises(MigrationError) as caught:
        migrate.backup(pg_db, tmp_path)

    assert caught.value.code == "backup_unsupported"
    assert "pg_dump" in caught.value.message


# -- (g) callcenter db … ----------------------------------------------------------------------


def run(command_name: str, target: Path | str, destination: Path | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = run_db_command(
        command_name,
        str(target),
        destination=str(destination) if destination else None,
        out=out,
    )
    return code, out.getvalue()


def test_dbadmin_upgrade_check_and_backup(tmp_path):
    path = tmp_path / "data" / "callcenter.sqlite"

    code, output = run("upgrade", path)
    assert code == 0, output
    assert f"Database: {path}" in output
    assert f"Created the schema at revision {HEAD}." in output

    code, output = run("upgrade", path)
    assert code == 0 and f"Already up to date at revision {HEAD}." in output

    code, output = run("check", path)
    assert code == 0, output
    assert f"Schema revision: {HEAD}" in output and "Integrity: ok" in output
    assert "All checks passed." in output

    code, output = run("backup", path, tmp_path)
    assert code == 0, output
    written = Path(output.split("Backup written to ")[1].strip())
    assert written.parent == tmp_path and written.exists()

    code, output = run("backup", path)
    assert code == 0 and f"Backup written to {path.parent}" in output


def test_dbadmin_upgrade_reports_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "callcenter.sqlite"
    assert run("upgrade", path)[0] == 0
    _scripts_with(tmp_path, monkeypatch, REVISION_0002)

    code, output = run("check", path)
    assert code == 1 and "The schema is behind" in output

    code, output = run("upgrade", path)
    assert code == 0, output
    assert f"Upgraded from revision {HEAD} to {NEXT}." in output
    assert "Backup of the previous state: " in output


def test_dbadmin_check_finds_problems(tmp_path):
    path = tmp_path / "callcenter.sqlite"
    run("upgrade", path)
    db = open_database(path)
    add_customer(db)
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM customers")
    conn.execute("ALTER TABLE customers ADD COLUMN stray TEXT")
    conn.commit()
    conn.close()

    code, output = run("check", path)

    assert code == 1
    assert "Integrity problems:\n  foreign key: customer_phones row" in output
    assert "  unexpected column customers.stray" in output
    assert "All checks passed." not in output


def test_dbadmin_errors(tmp_path):
    missing = tmp_path / "nowhere.sqlite"
    code, output = run("check", missing)
    assert code == 2 and f"error: there is no database at {missing}" in output
    assert not missing.exists()

    code, output = run("backup", missing, tmp_path)
    assert code == 2

    code, output = run("vacuum", missing)
    assert code == 2 and "unknown command 'vacuum'" in output

    path = tmp_path / "callcenter.sqlite"
    run("upgrade", path)
    db = open_database(path)
    with db.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    db.dispose()

    code, output = run("upgrade", path)
    assert code == 2 and "error: " in output and "newer version of Callcenter" in output
    code, output = run("check", path)
    assert code == 1 and "newer version of Callcenter" in output

    existing = tmp_path / "taken.sqlite"
    existing.write_bytes(b"x")
    code, output = run("backup", path, existing)
    assert code == 2 and "already exists" in output

    code, output = run("check", "nosuchdb://somewhere/x")
    assert code == 2 and "unsupported kind of database" in output

    code, output = run("check", "postgresql://agent:secret@127.0.0.1:1/callcenter")
    assert code == 2 and "error: Cannot open the database" in output
    assert "secret" not in output


@pytest.mark.postgres
def test_dbadmin_on_postgres(pg_database_url, tmp_path):
    code, output = run("upgrade", pg_database_url)
    assert code == 0, output
    assert "pg_dump" in output

    code, output = run("check", pg_database_url)
    assert code == 0, output
    assert "Integrity: not checked on a server database" in output

    code, output = run("backup", pg_database_url, tmp_path)
    assert code == 2 and "pg_dump" in output

"""Search: a trigram index over customer names, companies and phone numbers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

``callcenter/search.py`` finds customers by any part of their name, company or phone number.
Substring search needs a trigram index; these objects have no SQLAlchemy model, and the
schema comparison (``migrate.include_name``) leaves exactly them out.

SQLite (FTS5, ``tokenize='trigram'``, SQLite ≥ 3.34)
    ``customer_search_docs``  one row per live customer: ``customer_id``, ``name``,
                              ``company`` and ``phones`` (its live E.164 numbers joined by
                              spaces). Its ``INTEGER PRIMARY KEY`` is the full-text rowid, so it
                              survives ``VACUUM`` (a customer's own rowid may change there).
    ``customer_search``       FTS5 table with external content ``customer_search_docs``
                              (``columnsize=0``: no BM25, ranking is done by the caller); its
                              shadow tables are ``customer_search_data``/``_idx``/``_config``.
    triggers ``customer_search_*``  keep both in step with ``customers`` (insert, rename,
                              soft delete, delete) and ``customer_phones`` (insert, change,
                              soft delete, delete); soft-deleted customers and numbers have no
                              entry. Triggers on ``customer_search_docs`` keep the FTS index
                              in step with it.
    A later migration that rebuilds ``customers`` or ``customer_phones`` with
    ``batch_alter_table`` drops their triggers with the old table: it must create them again
    (this file's SQL) and refill the index (``callcenter.search.rebuild_search_index``).

PostgreSQL (``pg_trgm``, a contrib extension that a database owner may create)
    ``ix_search_*_trgm``: GIN trigram indexes on ``customers.name``, ``customers.company``
    and ``customer_phones.e164`` for ``ILIKE '%…%'``; ``ix_search_*_prefix``: B-trees on
    ``lower(name)``, ``lower(company)`` and ``case_number`` in the "C" collation for prefix
    ranges (in the database's own collation, say pinyin order, the names that start with
    王芳 need not be next to each other). All over live rows only (``WHERE deleted_at IS
    NULL``). The downgrade keeps the extension: it may have been there before, or serve others.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# -- SQLite -----------------------------------------------------------------------------------

SQLITE_TABLES = (
    """
    CREATE TABLE customer_search_docs (
        id INTEGER PRIMARY KEY,
        customer_id VARCHAR(36) NOT NULL,
        name VARCHAR(200) NOT NULL,
        company VARCHAR(200),
        phones TEXT
    )
    """,
    "CREATE UNIQUE INDEX customer_search_docs_customer_id ON customer_search_docs (customer_id)",
    """
    CREATE VIRTUAL TABLE customer_search USING fts5(
        name, company, phones,
        content='customer_search_docs', content_rowid='id',
        tokenize='trigram', columnsize=0
    )
    """,
)

# The live numbers of one customer, as the ``phones`` column holds them.
_PHONES_OF = (
    "(SELECT group_concat(p.e164, ' ') FROM customer_phones AS p "
    "WHERE p.customer_id = {customer} AND p.deleted_at IS NULL)"
)

SQLITE_FILL = (
    f"""
    INSERT INTO customer_search_docs (customer_id, name, company, phones)
    SELECT c.id, c.name, c.company, {_PHONES_OF.format(customer="c.id")}
    FROM customers AS c
    WHERE c.deleted_at IS NULL
    ORDER BY c.id
    """,
    "INSERT INTO customer_search (customer_search) VALUES ('rebuild')",
)

SQLITE_TRIGGERS = (
    # customer_search_docs -> the FTS index (the usual external-content triggers).
    """
    CREATE TRIGGER customer_search_docs_ai AFTER INSERT ON customer_search_docs BEGIN
        INSERT INTO customer_search (rowid, name, company, phones)
        VALUES (new.id, new.name, new.company, new.phones);
    END
    """,
    """
    CREATE TRIGGER customer_search_docs_ad AFTER DELETE ON customer_search_docs BEGIN
        INSERT INTO customer_search (customer_search, rowid, name, company, phones)
        VALUES ('delete', old.id, old.name, old.company, old.phones);
    END
    """,
    """
    CREATE TRIGGER customer_search_docs_au AFTER UPDATE ON customer_search_docs BEGIN
        INSERT INTO customer_search (customer_search, rowid, name, company, phones)
        VALUES ('delete', old.id, old.name, old.company, old.phones);
        INSERT INTO customer_search (rowid, name, company, phones)
        VALUES (new.id, new.name, new.company, new.phones);
    END
    """,
    # customers -> customer_search_docs: a live customer has exactly one row.
    f"""
    CREATE TRIGGER customer_search_customers_ai AFTER INSERT ON customers
    WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO customer_search_docs (customer_id, name, company, phones)
        VALUES (new.id, new.name, new.company, {_PHONES_OF.format(customer="new.id")});
    END
    """,
    f"""
    CREATE TRIGGER customer_search_customers_au
    AFTER UPDATE OF id, name, company, deleted_at ON customers
    WHEN old.id IS NOT new.id OR old.name IS NOT new.name OR old.company IS NOT new.company
        OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
        DELETE FROM customer_search_docs WHERE customer_id = old.id;
        INSERT INTO customer_search_docs (customer_id, name, company, phones)
        SELECT new.id, new.name, new.company, {_PHONES_OF.format(customer="new.id")}
        WHERE new.deleted_at IS NULL;
    END
    """,
    """
    CREATE TRIGGER customer_search_customers_ad AFTER DELETE ON customers BEGIN
        DELETE FROM customer_search_docs WHERE customer_id = old.id;
    END
    """,
    # customer_phones -> the phones column of its customer's row.
    f"""
    CREATE TRIGGER customer_search_phones_ai AFTER INSERT ON customer_phones
    WHEN new.deleted_at IS NULL BEGIN
        UPDATE customer_search_docs
        SET phones = {_PHONES_OF.format(customer="new.customer_id")}
        WHERE customer_id = new.customer_id;
    END
    """,
    f"""
    CREATE TRIGGER customer_search_phones_au
    AFTER UPDATE OF customer_id, e164, deleted_at ON customer_phones
    WHEN old.customer_id IS NOT new.customer_id OR old.e164 IS NOT new.e164
        OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
        UPDATE customer_search_docs
        SET phones = {_PHONES_OF.format(customer="customer_search_docs.customer_id")}
        WHERE customer_id IN (old.customer_id, new.customer_id);
    END
    """,
    f"""
    CREATE TRIGGER customer_search_phones_ad AFTER DELETE ON customer_phones
    WHEN old.deleted_at IS NULL BEGIN
        UPDATE customer_search_docs
        SET phones = {_PHONES_OF.format(customer="old.customer_id")}
        WHERE customer_id = old.customer_id;
    END
    """,
)

SQLITE_TRIGGER_NAMES = (
    "customer_search_phones_ad",
    "customer_search_phones_au",
    "customer_search_phones_ai",
    "customer_search_customers_ad",
    "customer_search_customers_au",
    "customer_search_customers_ai",
    "customer_search_docs_au",
    "customer_search_docs_ad",
    "customer_search_docs_ai",
)


# -- PostgreSQL -------------------------------------------------------------------------------

PG_INDEXES = (
    # Substrings (ILIKE '%…%'): trigram GIN indexes.
    ("ix_search_customers_name_trgm", "customers", "USING gin (name gin_trgm_ops)"),
    ("ix_search_customers_company_trgm", "customers", "USING gin (company gin_trgm_ops)"),
    ("ix_search_customer_phones_e164_trgm", "customer_phones", "USING gin (e164 gin_trgm_ops)"),
    # Prefixes: B-trees in the "C" collation, where the strings that start with a prefix are
    # one range whatever the database's collation.
    ("ix_search_customers_name_prefix", "customers", '((lower(name)) COLLATE "C")'),
    ("ix_search_customers_company_prefix", "customers", '((lower(company)) COLLATE "C")'),
    ("ix_search_complaints_case_number_prefix", "complaints", '(case_number COLLATE "C")'),
)


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for statement in (*SQLITE_TABLES, *SQLITE_FILL, *SQLITE_TRIGGERS):
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, definition in PG_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} {definition} WHERE deleted_at IS NULL")


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS customer_search")
        op.execute("DROP TABLE IF EXISTS customer_search_docs")
    elif dialect == "postgresql":
        for name, _table, _definition in reversed(PG_INDEXES):
            op.execute(f"DROP INDEX IF EXISTS {name}")

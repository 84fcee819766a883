"""The dialer's walk is an index scan: leads.abc_rank, index (call_list_id, score, abc_rank).

``abc_rank`` copies the linked customer's ABC class (3 = A, 2 = B, 1 = C, 0 = none) and is filled
here for the existing leads. ``ix_leads_reserved_by`` becomes partial: only reserved leads.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 16:56:21.516741

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RESERVED = sa.text("reserved_by IS NOT NULL")


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN / CREATE INDEX, no batch copy: recreating the table would
    # write its foreign keys in an arbitrary order (and copy every lead).
    op.add_column(
        "leads", sa.Column("abc_rank", sa.Integer(), server_default=sa.text("0"), nullable=False)
    )
    op.drop_index(op.f("ix_leads_call_list_id_score"), table_name="leads")
    op.drop_index(op.f("ix_leads_reserved_by"), table_name="leads")
    op.execute(
        "UPDATE leads SET abc_rank = CASE (SELECT abc_class FROM customers"
        " WHERE customers.id = leads.customer_id)"
        " WHEN 'A' THEN 3 WHEN 'B' THEN 2 WHEN 'C' THEN 1 ELSE 0 END"
        " WHERE customer_id IS NOT NULL"
    )
    op.create_index(
        op.f("ix_leads_call_list_id_score_abc_rank"),
        "leads",
        ["call_list_id", "score", "abc_rank"],
        unique=False,
    )
    op.create_index(
        "ix_leads_reserved_by",
        "leads",
        ["reserved_by"],
        unique=False,
        sqlite_where=_RESERVED,
        postgresql_where=_RESERVED,
    )


def downgrade() -> None:
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_index("ix_leads_reserved_by")
        batch_op.create_index(batch_op.f("ix_leads_reserved_by"), ["reserved_by"], unique=False)
        batch_op.drop_index(batch_op.f("ix_leads_call_list_id_score_abc_rank"))
        batch_op.create_index(
            batch_op.f("ix_leads_call_list_id_score"), ["call_list_id", "score"], unique=False
        )
        batch_op.drop_column("abc_rank")

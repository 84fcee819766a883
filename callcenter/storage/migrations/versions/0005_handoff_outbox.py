"""The hand-off outbox: qualified leads waiting for delivery to sales, each exactly once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:58:24.031827

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handoff_messages",
        sa.Column("lead_id", sa.String(length=36), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(length=36), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_handoff_messages_lead_id_leads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_messages")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_handoff_messages_idempotency_key")),
    )
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handoff_messages_lead_id"), ["lead_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_handoff_messages_status_next_attempt_at"),
            ["status", "next_attempt_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("handoff_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_messages_status_next_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_handoff_messages_lead_id"))

    op.drop_table("handoff_messages")

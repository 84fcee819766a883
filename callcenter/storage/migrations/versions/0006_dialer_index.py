"""The preview dialer walks a call list's leads best score first: index (call_list_id, score).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 16:19:04.079748

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_leads_call_list_id_score"), ["call_list_id", "score"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leads_call_list_id_score"))


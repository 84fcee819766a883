"""Leads carry two indexes fewer to write: a big lead import re-creates them all at the end.

* ``ix_leads_call_list_id_phone_e164`` goes: nothing looks a number up within one list
  (the import asks for a number in every list through ``ix_leads_phone_e164``, the dialer
  walks a list by state and by score);
* ``ix_leads_customer_id`` becomes partial: most leads are not customers, and every query on
  it names one customer (``customer_id = ?`` or ``IN (…)``, which implies ``IS NOT NULL``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 10:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LINKED = sa.text("customer_id IS NOT NULL")


def upgrade() -> None:
    # Plain DROP/CREATE INDEX, no batch copy of the table (see 0007).
    op.drop_index("ix_leads_call_list_id_phone_e164", table_name="leads")
    op.drop_index("ix_leads_customer_id", table_name="leads")
    op.create_index(
        "ix_leads_customer_id",
        "leads",
        ["customer_id"],
        unique=False,
        sqlite_where=_LINKED,
        postgresql_where=_LINKED,
    )


def downgrade() -> None:
    op.drop_index("ix_leads_customer_id", table_name="leads")
    op.create_index("ix_leads_customer_id", "leads", ["customer_id"], unique=False)
    op.create_index(
        "ix_leads_call_list_id_phone_e164", "leads", ["call_list_id", "phone_e164"], unique=False
    )

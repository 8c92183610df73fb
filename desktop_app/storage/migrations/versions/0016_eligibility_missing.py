"""The evidence a person's basis still lacks, kept beside it, so that the roster's table shows the flag with
its rows (issue 18).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("eligibility") as batch:
        batch.add_column(sa.Column("missing", sa.String(length=200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("eligibility") as batch:
        batch.drop_column("missing")

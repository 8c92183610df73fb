"""A stored, never-changing id (`uid`, a UUID) for every liaison entry, contact attempt and check-in.

Packages named these records by a digest of their unchanging fields (time to the second, who, how,
for whom): two calls copied from a paper log with the same time, officer and channel shared one
name, and only one of them ever reached the partner (issue 17). Rows made from now on get a UUID
(the model's default) that travels in packages; rows already stored keep NULL and are still named
by their digest, exactly as every partner already knows them, so packages exchanged before the
upgrade, and sites not yet upgraded, keep agreeing on them.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_TABLES = ("liaison_entries", "contact_attempts", "checkins")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("uid", sa.String(36), nullable=True))
        op.create_index(f"ix_{table}_uid", table, ["uid"], unique=True)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_index(f"ix_{table}_uid", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")

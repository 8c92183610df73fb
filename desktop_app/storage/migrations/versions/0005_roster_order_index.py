"""A covering index for the roster in name order, the table's default view; the trash index
becomes partial.

With them (and planner statistics) the whole roster's ids come from the index alone:
82 ms -> 34 ms at 100,000 persons in plain sqlite3. The full index on `deleted_at` made
SQLite pick it for `deleted_at IS NULL` (nearly every row) and sort in a temporary B-tree.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


_IN_TRASH = sa.text("deleted_at IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_persons_roster_order", "persons", ["sort_key", "id", "deleted_at", "status"])
    op.drop_index("ix_persons_deleted_at", table_name="persons")
    op.create_index("ix_persons_in_trash", "persons", ["deleted_at"], sqlite_where=_IN_TRASH,
                    postgresql_where=_IN_TRASH)


def downgrade() -> None:
    op.drop_index("ix_persons_in_trash", table_name="persons")
    op.create_index("ix_persons_deleted_at", "persons", ["deleted_at"])
    op.drop_index("ix_persons_roster_order", table_name="persons")

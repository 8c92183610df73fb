"""Pairs of persons an officer marked 'not a duplicate', so the finder stops proposing them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["person_a_id"], ["persons.id"], name="fk_duplicate_dismissals_person_a_id_persons",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_b_id"], ["persons.id"], name="fk_duplicate_dismissals_person_b_id_persons",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_duplicate_dismissals"),
        sa.UniqueConstraint("person_a_id", "person_b_id", name="uq_duplicate_dismissals_pair"),
    )


def downgrade() -> None:
    op.drop_table("duplicate_dismissals")

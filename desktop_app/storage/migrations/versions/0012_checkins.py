"""Check-ins at the gate: who boarded or crossed on which list, when and by which officer (issue 18).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("status_before", sa.String(length=20), nullable=True),
        sa.Column("crossed_before", sa.DateTime(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["evacuation_lists.id"], name="fk_checkins_list_id_evacuation_lists",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_checkins_person_id_persons",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
    )
    op.create_index("ix_checkins_list_person", "checkins", ["list_id", "person_id"])
    op.create_index("ix_checkins_person_id", "checkins", ["person_id"])


def downgrade() -> None:
    op.drop_table("checkins")

"""Who may go (issue 18): each person's basis and evidence, the last confirmation, and audited overrides.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eligibility",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=True),
        sa.Column("evidence", sa.String(length=200), nullable=False),
        sa.Column("minor_with_one_parent", sa.Boolean(), nullable=False),
        sa.Column("last_confirmed", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_eligibility_person_id_persons",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name="pk_eligibility"),
    )
    op.create_index("ix_eligibility_last_confirmed", "eligibility", ["last_confirmed"])
    op.create_table(
        "eligibility_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["list_id"], ["evacuation_lists.id"],
                                name="fk_eligibility_overrides_list_id_evacuation_lists", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_eligibility_overrides_person_id_persons",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_eligibility_overrides"),
        sa.UniqueConstraint("list_id", "person_id", name="uq_eligibility_overrides_list_person"),
    )


def downgrade() -> None:
    op.drop_table("eligibility_overrides")
    op.drop_table("eligibility")

"""Telling the families (issue 18): message templates per language and the log of every attempt to reach a person.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "message_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_message_templates"),
        sa.UniqueConstraint("name", "language", name="uq_message_templates_name_language"),
    )
    op.create_table(
        "contact_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_contact_attempts_person_id_persons",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["list_id"], ["evacuation_lists.id"],
                                name="fk_contact_attempts_list_id_evacuation_lists", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_contact_attempts"),
    )
    op.create_index("ix_contact_attempts_person_id", "contact_attempts", ["person_id"])


def downgrade() -> None:
    op.drop_table("contact_attempts")
    op.drop_table("message_templates")

"""Indexes on the columns that name a person without one: a merged record's survivor, a household's
head, the second person of a dismissed pair, a member's eligibility override.

SQLite checks every foreign key to a deleted person by looking in each table that may name it: with
no index there, each deleted person cost a scan of the whole table, so removing the 10,029 persons a
roster package had brought in (undoing its import) read the persons and households tables 10,029
times over (issue 17).

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_INDEXES = (("ix_persons_merged_into_id", "persons", "merged_into_id"),
            ("ix_households_head_person_id", "households", "head_person_id"),
            ("ix_duplicate_dismissals_person_b_id", "duplicate_dismissals", "person_b_id"),
            ("ix_eligibility_overrides_person_id", "eligibility_overrides", "person_id"))


def upgrade() -> None:
    for name, table, column in _INDEXES:
        op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _column in reversed(_INDEXES):
        op.drop_index(name, table_name=table)

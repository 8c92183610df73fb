"""Index the audit trail by record, for a person's own history.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_entries_entity_record", "audit_entries", ["entity", "entity_key", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_entries_entity_record", table_name="audit_entries")

"""Audit entries that retention can redact without breaking the hash chain.

New entries chain a digest of their content (`content_digest`) instead of the content
itself, so when a crisis is closed the content of a person's entries (old names, numbers)
can be blanked while the chain still verifies. The append-only trigger lets exactly that
update through: content blanked once, `redacted_at` set, every chained column unchanged.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REFUSAL = "audit_entries is append-only: entries cannot be changed or removed"
# The only update allowed: a redaction of an entry whose chain covers a digest of its content.
REDACTION_ONLY = ("OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND OLD.content_digest IS NOT NULL "
                  "AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.operator = OLD.operator "
                  "AND NEW.action = OLD.action AND NEW.entity = OLD.entity AND NEW.entity_key = OLD.entity_key "
                  "AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash "
                  "AND NEW.content_digest = OLD.content_digest")


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table copy, which would drop the triggers).
    op.add_column("audit_entries", sa.Column("content_digest", sa.String(length=64), nullable=True))
    op.add_column("audit_entries", sa.Column("redacted_at", sa.DateTime(), nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute(f"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
                   f"WHEN NOT ({REDACTION_ONLY}) BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")
    elif dialect == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   f"BEGIN IF TG_OP = 'UPDATE' AND {REDACTION_ONLY} THEN RETURN NEW; END IF; "
                   f"RAISE EXCEPTION '{REFUSAL}'; END $$")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute(f"CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
                   f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")
    elif dialect == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$")
    op.drop_column("audit_entries", "redacted_at")
    op.drop_column("audit_entries", "content_digest")

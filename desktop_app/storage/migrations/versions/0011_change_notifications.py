"""Change notifications on PostgreSQL: every audit entry written sends `NOTIFY roster_changes`.

The payload is the entry's record kind and action ('person status'), never a record's content;
PostgreSQL delivers it to the listeners at commit and folds equal payloads of one transaction
into one. `services.changes.ChangeWatcher` listens. SQLite needs nothing: its watcher reads
`PRAGMA data_version` and the audit trail itself.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE FUNCTION audit_entries_notify() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN PERFORM pg_notify('roster_changes', NEW.entity || ' ' || NEW.action); RETURN NULL; END $$")
    op.execute("CREATE TRIGGER audit_entries_notify AFTER INSERT ON audit_entries "
               "FOR EACH ROW EXECUTE FUNCTION audit_entries_notify()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_entries_notify ON audit_entries")
    op.execute("DROP FUNCTION IF EXISTS audit_entries_notify()")

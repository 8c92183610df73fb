"""Sites and roster packages (issue 17): keys, exchanged record versions, imports, conflicts.

See `storage/package_tables.py` for what each table holds.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("is_self", sa.Boolean, nullable=False),
        sa.Column("sign_public", sa.String(64), nullable=False),
        sa.Column("age_recipient", sa.String(100), nullable=False),
        sa.Column("sign_private", sa.String(64)),
        sa.Column("age_identity", sa.String(100)),
        sa.Column("ref_prefix", sa.String(16), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sites"),
        sa.UniqueConstraint("uuid", name="uq_sites_uuid"),
        sa.UniqueConstraint("name", name="uq_sites_name"),
    )
    op.create_table(
        "package_state",
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("values", sa.Text, nullable=False),
        sa.Column("clocks", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_package_state"),
    )
    op.create_index("ix_package_state_seq", "package_state", ["seq"])
    op.create_table(
        "package_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE",
                                                        name="fk_package_links_site_id_sites"), nullable=False),
        sa.Column("channel", sa.String(36), nullable=False),
        sa.Column("last_number", sa.Integer, nullable=False),
        sa.Column("last_seq", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_package_links"),
        sa.UniqueConstraint("site_id", "channel", name="uq_package_links_site_channel"),
    )
    op.create_table(
        "package_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_uuid", sa.String(36), nullable=False),
        sa.Column("channel", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("operator", sa.String(100), nullable=False),
        sa.Column("operation_id", sa.Integer, sa.ForeignKey("operations.id",
                                                            name="fk_package_imports_operation_id_operations")),
        sa.PrimaryKeyConstraint("id", name="pk_package_imports"),
        sa.UniqueConstraint("sender_uuid", "channel", "number", name="uq_package_imports_number"),
    )
    op.create_table(
        "package_conflicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("ours", sa.Text, nullable=False),
        sa.Column("theirs", sa.Text, nullable=False),
        sa.Column("theirs_clock", sa.Text, nullable=False),
        sa.Column("sender_uuid", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("resolved_at", sa.DateTime),
        sa.Column("resolved_by", sa.String(100)),
        sa.Column("resolution", sa.String(10)),
        sa.PrimaryKeyConstraint("id", name="pk_package_conflicts"),
    )
    op.create_index("ix_package_conflicts_key", "package_conflicts", ["key"])


def downgrade() -> None:
    op.drop_table("package_conflicts")
    op.drop_table("package_imports")
    op.drop_table("package_links")
    op.drop_index("ix_package_state_seq", table_name="package_state")
    op.drop_table("package_state")
    op.drop_table("sites")

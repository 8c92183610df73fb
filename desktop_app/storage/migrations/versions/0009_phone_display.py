"""Phones keep the form the roster shows ('+20 100 123 4567') beside their E.164 number.

Formatting a number needs phonenumbers, whose import (~25 ms with its patterns) was the
largest single cost of the window's first paint, and ~20 µs a row on every page of the
roster. The form is written with the number; this fills it for the phones already stored
(100,000 in about 1 s).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop_app.domain.phones import display_phone

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.add_column("phones", sa.Column("display", sa.String(40), nullable=False, server_default=""))
    connection = op.get_bind()
    numbers = connection.execute(sa.text("SELECT DISTINCT e164 FROM phones")).scalars().all()
    update = sa.text("UPDATE phones SET display = :display WHERE e164 = :e164")
    for start in range(0, len(numbers), BATCH):
        connection.execute(update, [{"e164": e164, "display": display_phone(e164)}
                                    for e164 in numbers[start:start + BATCH]])


def downgrade() -> None:
    op.drop_column("phones", "display")

"""Document numbers typed in Arabic-Indic or Persian digits are searched in 0-9.

A passport typed '٤٥١٢٣٤٥٦٧٨' was stored as that search term, so a search for 4512345678 missed the
person, and a number typed in 0-9 was missed by a search in Arabic-Indic digits. Search terms now
hold any script's digits as 0-9 (`services.search_index.search_terms`) and the search reads its
text so too; the terms of the numbers already stored are written again here. The documents keep
the number as typed.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

BATCH = 5000
TERM_LENGTH = 100


def _ascii_digits(text: str) -> str:
    # the rule as this revision wrote it (`domain.person.ascii_digits` may change later)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def upgrade() -> None:
    connection = op.get_bind()
    rows: list[dict[str, object]] = []
    for person_id, key in connection.execute(sa.text("SELECT person_id, number_key FROM documents")):
        if not key or key.isascii():
            continue
        term = key.lower()[:TERM_LENGTH]
        written = _ascii_digits(key).lower()[:TERM_LENGTH]
        if written != term:
            rows.append({"person_id": person_id, "term": term, "written": written})
    # Only where the person has the term written before (not a person anonymised or merged away).
    insert = sa.text("INSERT INTO search_terms (person_id, term) SELECT :person_id, :written WHERE EXISTS "
                     "(SELECT 1 FROM search_terms WHERE person_id = :person_id AND term = :term) "
                     "ON CONFLICT DO NOTHING")
    delete = sa.text("DELETE FROM search_terms WHERE person_id = :person_id AND term = :term")
    for start in range(0, len(rows), BATCH):
        connection.execute(insert, rows[start:start + BATCH])
        connection.execute(delete, rows[start:start + BATCH])


def downgrade() -> None:
    # The terms in 0-9 stay: 0020's search finds a number typed in 0-9 through them, as it found the others.
    pass

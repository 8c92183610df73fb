"""Search terms across scripts: the consonant skeletons of Arabic names, mixed letters folded, apostrophes dropped.

A name written in Arabic letters gets one more term per word, its consonant skeleton
('~mhmd' for محمد), which a search typed in Latin or Cyrillic (`мухаммед`, `Mohamed`) reaches
through the same skeleton; a word with letters of the wrong script ('ARTЁM') gets its folded
form ('artem'), and a word with an apostrophe its joined form ("O'Brien" -> 'obrien'). They are
added to the persons already stored; every other term stays as it is.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
from alembic import op

from desktop_app.domain.scripts import SKELETON_TERM, has_apostrophe, name_terms, written_terms

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BATCH = 5000
_NAMES = "SELECT id, surname, given_names, patronymic, surname_latin, given_names_latin FROM persons"


def upgrade() -> None:
    connection = op.get_bind()
    _drop_skeletons()  # made again below from the names, whatever wrote them before
    terms_of = functools.lru_cache(maxsize=65_536)(_new_terms)  # names repeat across persons
    rows: list[dict[str, object]] = []
    for person_id, *names in connection.execute(sa.text(_NAMES)):
        if all(not name or (name.isascii() and not has_apostrophe(name)) for name in names):
            continue
        terms = {term[:100] for name in names for term in terms_of(name) if term}
        rows += [{"person_id": person_id, "term": term} for term in sorted(terms)]
    insert = sa.text("INSERT INTO search_terms (person_id, term) VALUES (:person_id, :term) ON CONFLICT DO NOTHING")
    for start in range(0, len(rows), BATCH):
        connection.execute(insert, rows[start:start + BATCH])


def _new_terms(name: str) -> frozenset[str]:
    """The terms of `name` that 0009's code did not write (its words as written and in ICAO Latin)."""
    return frozenset(name_terms(name)) - set(written_terms(name))


def downgrade() -> None:
    # The folded forms of mixed words stay: they are words of the name, found as before.
    _drop_skeletons()


def _drop_skeletons() -> None:
    op.execute(sa.text("DELETE FROM search_terms WHERE term LIKE :skeleton").bindparams(skeleton=SKELETON_TERM + "%"))

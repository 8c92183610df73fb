"""Search terms of each name word's sound key, under every romanisation scheme: a Cyrillic name is
found from any Latin spelling, and a Latin-registered name from its Cyrillic.

A name was found from Latin only under its ICAO spelling ('iana' found Яна, 'yana' did not; nor
'julia', 'khasanov' without the kh, 'alexander'). Each name word now also has the sound keys of
its Latin forms as terms (`domain.spellings.search_sound_keys`: Яна, Yana, Jana are 'iana'; Юлия,
Yulia, Julia 'iulia'), and the search reads a typed word's sound keys as more prefixes; the terms
of the persons already stored are written here. Every other term stays as it is.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
from alembic import op

from desktop_app.domain.spellings import name_words, search_sound_keys

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

BATCH = 5000
TERM_LENGTH = 100
# A page of persons at a time, by id: the terms of a million persons held at once took the migration's
# memory with the roster (the bench's 1,000,000-person roster).
_NAMES = sa.text("SELECT id, surname, given_names, patronymic, surname_latin, given_names_latin FROM persons "
                 "WHERE id > :after ORDER BY id LIMIT :batch")
# Only for a person found by terms before (not one anonymised or merged away without them).
_INSERT = sa.text("INSERT INTO search_terms (person_id, term) SELECT :person_id, :term WHERE EXISTS "
                  "(SELECT 1 FROM search_terms WHERE person_id = :person_id) ON CONFLICT DO NOTHING")


@functools.lru_cache(maxsize=65_536)  # names repeat across persons
def _sound_terms(name: str) -> frozenset[str]:
    return frozenset(key[:TERM_LENGTH] for word in name_words(name) for key in search_sound_keys(word))


def upgrade() -> None:
    connection = op.get_bind()
    after = 0
    while True:
        persons = connection.execute(_NAMES, {"after": after, "batch": BATCH}).all()
        if not persons:
            return
        rows: list[dict[str, object]] = []
        for person_id, *names in persons:
            terms = frozenset().union(*(_sound_terms(name) for name in names if name))
            rows += [{"person_id": person_id, "term": term} for term in sorted(terms)]
        if rows:
            connection.execute(_INSERT, rows)
        after = persons[-1][0]


def downgrade() -> None:
    # The sound keys stay: 0021's search reads them as words of the name that begin with what is typed.
    pass

"""The roster's first page, read with plain sqlite3 before the database layer is loaded.

Importing SQLAlchemy and the services costs the window about half a second at start-up.
The roster a user sees first is the whole roster in the saved order, so the window paints
that page from here (the count, the first ids, their rows) and opens the database properly
right after. Only a plain roster file at the current schema revision is read; anything else
(a server URL, an encrypted or missing file, another program's file, a roster that needs a
migration) gives None and the window opens the usual way. The statements are the ones
`services.roster` builds for an unfiltered roster; a test holds them to that.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from desktop_app import system
from desktop_app.storage.migrations import head_revision, known_revisions
from desktop_app.storage.paths import SQLITE_HEADER

# Each roster sort key's column; `id` breaks ties in the same direction.
SORT_COLUMNS = {"name": "sort_key", "case_ref": "case_ref", "status": "status", "birth_date": "birth_date",
                "locality": "locality", "updated": "updated_at", "created": "id"}

_EVERYONE = "persons.deleted_at IS NULL AND persons.status != 'merged'"
# Counted as all persons less the trash and the merged records: SQLite counts a whole index
# without reading its rows (1 ms at 100,000 persons against 30 ms for the filtered count).
_COUNT = """
SELECT (SELECT count(*) FROM persons)
     - (SELECT count(*) FROM persons WHERE persons.deleted_at IS NOT NULL)
     - (SELECT count(*) FROM persons WHERE persons.status = 'merged' AND persons.deleted_at IS NULL)
"""
_ROWS = """
SELECT persons.id, persons.case_ref, persons.surname, persons.given_names, persons.patronymic,
       persons.surname_latin, persons.given_names_latin, persons.sex, persons.birth_date, persons.citizenships,
       persons.status, persons.locality, households.ref, persons.relationship,
       (SELECT documents.number FROM documents WHERE documents.person_id = persons.id
        ORDER BY documents.id LIMIT 1),
       (SELECT coalesce(nullif(phones.display, ''), phones.e164) FROM phones WHERE phones.person_id = persons.id
        ORDER BY phones.id LIMIT 1),
       persons.medical, persons.reduced_mobility, persons.pregnant, persons.unaccompanied_minor, persons.updated_at,
       (SELECT eligibility.missing FROM eligibility WHERE eligibility.person_id = persons.id)
FROM persons LEFT OUTER JOIN households ON households.id = persons.household_id
WHERE persons.id IN ({marks})
"""


class FirstLook(NamedTuple):
    """How many persons the unfiltered roster holds, the first ids in order, and their rows."""

    count: int
    ids: list[int]
    rows: list[tuple[Any, ...]]


def _plain_file(target: str) -> sqlite3.Connection | None:
    """A read-only connection to the plain SQLite file at `target`, never waiting on a busy file (the caller
    then opens it the usual way); None for a server URL, a missing, encrypted or other file."""
    if "://" in target:
        return None
    path = Path(target).expanduser()
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        # abspath, not resolve(): a mapped drive stays a drive; the URI takes UNC paths and any name.
        return sqlite3.connect(system.readonly_uri(system.absolute(path)), uri=True, timeout=0)
    except (OSError, sqlite3.Error):
        return None


def read_first_page(target: str, sort: str, descending: bool, limit: int) -> FirstLook | None:
    """The first `limit` persons of the whole roster in `sort` order; None when the file is not
    a plain roster at the current revision (the caller then opens it the usual way)."""
    if sort not in SORT_COLUMNS or (connection := _plain_file(target)) is None:
        return None
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != head_revision():
            return None
        if connection.execute("SELECT 1 FROM accounts LIMIT 1").fetchone() is not None:
            return None  # a roster with accounts shows nobody before someone signs in (issue 20)
        direction = "DESC" if descending else "ASC"
        ids = [row[0] for row in connection.execute(
            f"SELECT id FROM persons WHERE {_EVERYONE} "
            f"ORDER BY {SORT_COLUMNS[sort]} {direction}, id {direction} LIMIT ?", (limit,))]
        count = connection.execute(_COUNT).fetchone()[0]
        rows = connection.execute(_ROWS.format(marks=",".join("?" * len(ids))), ids).fetchall() if ids else []
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return FirstLook(count, ids, rows)


def older_schema(target: str) -> bool:
    """Whether `target` is a plain roster file at a schema revision older than this version's (opening it
    upgrades it, after a copy: minutes for a large roster). Read without waiting on a busy file; False for
    anything else (a server, an encrypted or missing file, another program's file, a newer roster)."""
    if (connection := _plain_file(target)) is None:
        return False
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    known, head = known_revisions()
    return revision is not None and revision[0] != head and revision[0] in known

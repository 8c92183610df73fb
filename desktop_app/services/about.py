"""What Help > About tells: the program's version, the open roster, its schema, and the libraries.

    facts = about_facts(db)      # AboutFacts(version="0.1.0", roster="/…/roster.db", schema="0013", …)

Read from the things themselves (the roster's `alembic_version`, SQLCipher's `PRAGMA
cipher_version`), never written down by hand, so that a support call hears the truth.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from desktop_app import __version__
from desktop_app.storage.db import Database


@dataclass(frozen=True)
class AboutFacts:
    version: str
    roster: str
    encrypted: bool
    schema: str | None  # the roster's revision; None for a roster without one (not migrated)
    schema_head: str  # the newest revision this program knows
    sqlcipher: str
    sqlite: str
    python: str


def about_facts(db: Database | None) -> AboutFacts:
    """The facts for the About box; `db` None while no roster is open."""
    from sqlcipher3 import dbapi2

    from desktop_app.storage.migrations import current_revision, head_revision

    connection = dbapi2.connect(":memory:")
    try:
        cipher = str(connection.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        connection.close()
    return AboutFacts(version=__version__, roster=db.target.label if db is not None else "",
                      encrypted=bool(db is not None and db.encrypted),
                      schema=current_revision(db.engine) if db is not None else None, schema_head=head_revision(),
                      sqlcipher=cipher, sqlite=dbapi2.sqlite_version, python=platform.python_version())

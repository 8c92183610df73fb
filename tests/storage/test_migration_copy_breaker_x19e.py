"""The copy taken before a migration, the program killed while taking it (issue 19, breaker X19e).

Opening a roster of an older version copies it beside itself first (`roster.db.before-migration-…`);
on the 100,000-person bench roster (265 MB) that copy takes seconds. Killed (SIGKILL) half-way, it
left a file under the copy's name holding some pages and a hot journal: no roster, found as a plain
copy of it. Now the copy is written under a hidden name and named once whole, and what a killed
one left is removed when the roster is next opened, whose upgrade takes a whole copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.services import persons
from desktop_app.storage import migrations
from desktop_app.storage.db import open_database
from tests.killed_child import killed_when_marked
from tests.services.test_search_sound_keys import _without_sound_keys

# The child opens the roster (the upgrade) with a copy that stops for good after its first pages.
_CHILD = """
import sys, time
from pathlib import Path
from desktop_app.storage import db as storage_db

real = storage_db.connect_file

class Stalling:
    def __init__(self, connection):
        self.connection = connection
    def __getattr__(self, name):
        return getattr(self.connection, name)
    def backup(self, target, **_ignored):
        def stall(status, remaining, total):
            Path(sys.argv[2]).write_text("copying")
            time.sleep(600)
        self.connection.backup(target.connection, pages=2, progress=stall)
    def close(self):
        self.connection.close()

storage_db.connect_file = lambda *args, **kwargs: Stalling(real(*args, **kwargs))
storage_db.open_database(sys.argv[1])
"""


def test_a_copy_before_migration_killed_half_way_leaves_no_half_copy(tmp_path: Path) -> None:
    path = tmp_path / "roster.db"
    db = open_database(path)
    try:
        for number in range(30):
            persons.create_person(db, {"surname": f"Иванов{number}", "given_names": "Юлия"}, operator="test.officer")
        url = db.engine.url.render_as_string(hide_password=False)
    finally:
        db.close()
    _without_sound_keys(url)  # at 0021: the next open upgrades it
    killed_when_marked(_CHILD, [str(path)], tmp_path / "copying", "the copy before the migration never began")
    assert not list(tmp_path.glob("roster.db.before-migration-*")), "a half copy under the copy's name"

    db = open_database(path)  # upgraded now, with a whole copy taken first
    try:
        assert migrations.current_revision(db.engine) == migrations.head_revision()
    finally:
        db.close()
    copies = list(tmp_path.glob("roster.db.before-migration-0021-*"))
    assert len(copies) == 1
    with sqlite3.connect(f"file:{copies[0]}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM persons").fetchone() == (30,)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0021",)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "the killed copy's leftovers"

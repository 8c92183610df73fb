"""Alembic migrations, applied whenever a database is opened (see `upgrade_on_open`).

Opening an up-to-date roster (the usual case) asks the database for its revision and
compares it with the newest migration file without importing Alembic, which costs about
0.1 s of the window's start; Alembic is loaded only when there is something to upgrade.
SQLAlchemy is imported inside the functions that use it: the window's first paint reads the
head revision (`head_revision`) before the database layer is loaded.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

_REVISION = re.compile(r"^revision = [\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision = (?:[\"']([^\"']+)[\"']|None)", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_folder()))
    return config


def _folder() -> Path:
    return Path(__file__).parent  # real files: Alembic reads them from this folder too


@functools.cache
def known_revisions() -> tuple[frozenset[str], str]:
    """Every revision this version knows, and the head (the one no other revises)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in (_folder() / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        if (found := _REVISION.search(source)) is None:
            continue
        revisions.add(found.group(1))
        if (down := _DOWN_REVISION.search(source)) is not None and down.group(1):
            revised.add(down.group(1))
    heads = revisions - revised
    assert len(heads) == 1, f"the migrations must form one line, found heads {sorted(heads)}"
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return known_revisions()[1]


def current_revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_on_open(engine: Engine, backup: Callable[[str | None], object]) -> None:
    """Bring the schema to head; refuse a revision this version does not know (a newer one).

    The upgrade runs holding the writer's lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory
    lock) and reads the revision again once it holds it: two programs creating the same new
    roster at once queue, and the second finds the schema already there.
    """
    revisions, head = known_revisions()
    current = current_revision(engine)
    if current == head:
        refresh_statistics(engine)
        return
    _refuse_unknown(engine, current, revisions)
    if current is not None:
        backup(current)
    from alembic import command
    from sqlalchemy import text

    config = alembic_config()
    with engine.execution_options(roster_write=True).begin() as connection:
        if engine.dialect.name == "postgresql":
            from desktop_app.storage.db import POSTGRES_WRITER_LOCK

            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITER_LOCK})
        if _revision_in(connection) != head:
            _refuse_unknown(engine, _revision_in(connection), revisions)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    refresh_statistics(engine)


def _revision_in(connection: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _refuse_unknown(engine: Engine, current: str | None, revisions: frozenset[str]) -> None:
    if current is not None and current not in revisions:
        raise DatabaseError(
            f"{engine.url.database or engine.url}: written by a newer version of Mission Roster "
            f"(schema {current}); update the program. The database was not changed.")


def refresh_statistics(engine: Engine) -> None:
    """Planner statistics for SQLite (ANALYZE on a sample: ~5 ms at 100,000 persons).

    Without them SQLite sorts the whole roster in a temporary B-tree instead of reading it
    in order from the covering index.
    """
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy.exc import OperationalError

    with engine.connect() as connection:
        driver = connection.connection.dbapi_connection  # a PRAGMA through SQLAlchemy would begin a transaction
        waiting = driver.execute("PRAGMA busy_timeout").fetchone()[0]  # type: ignore[union-attr]
        driver.execute("PRAGMA busy_timeout = 0")  # type: ignore[union-attr]
        try:
            with connection.begin():
                connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
                connection.exec_driver_sql("ANALYZE")
        except OperationalError:  # another workstation is writing: not worth waiting for, the last ones serve
            log.info("planner statistics left for the next opening: the database is busy")
        finally:
            driver.execute(f"PRAGMA busy_timeout = {int(waiting or 0)}")  # type: ignore[union-attr]

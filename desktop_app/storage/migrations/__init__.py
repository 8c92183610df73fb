"""Alembic migrations, applied whenever a database is opened (see `upgrade_on_open`)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from desktop_app.domain.errors import DatabaseError


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(str(resources.files(__name__)))))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_on_open(engine: Engine, backup: Callable[[str | None], object]) -> None:
    """Bring the schema to head; refuse a revision this version does not know (a newer one)."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        refresh_statistics(engine)
        return
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseError(
                f"{engine.url.database or engine.url}: written by a newer version of Mission Roster "
                f"(schema {current}); update the program. The database was not changed.") from None
        backup(current)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    refresh_statistics(engine)


def refresh_statistics(engine: Engine) -> None:
    """Planner statistics for SQLite (ANALYZE on a sample: ~5 ms at 100,000 persons).

    Without them SQLite sorts the whole roster in a temporary B-tree instead of reading it
    in order from the covering index.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit = 1000")
        connection.exec_driver_sql("ANALYZE")

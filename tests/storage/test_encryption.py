"""Encryption at rest: an encrypted roster opens only with its passphrase, a wrong one changes nothing,
encrypting and re-keying keep every row, and no copy is left in plain text."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from desktop_app.domain.errors import DatabaseError
from desktop_app.services import audit, backups, demo, persons, stats
from desktop_app.storage import migrations
from desktop_app.storage.db import (
    PassphraseRequired,
    WrongPassphrase,
    change_passphrase,
    connect_file,
    encrypt_database,
    is_encrypted,
    open_database,
)

PASSPHRASE = "correct horse battery staple"
SURNAME = "Кузнецова-Шаат"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plain_roster(path: Path) -> int:
    database = open_database(path)
    demo.fill_demo(database, households=12, operator="demo")
    persons.create_person(database, {"surname": SURNAME, "given_names": "Лейла"}, operator="t",
                          phones=["+972599123456"])
    count = stats.roster_stats(database).persons
    database.close()
    return count


def test_a_new_roster_created_with_a_passphrase_is_encrypted(db_path: Path) -> None:
    database = open_database(db_path, passphrase=PASSPHRASE)
    persons.create_person(database, {"surname": SURNAME}, operator="t")
    assert database.encrypted
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar()
    database.close()
    raw = db_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert SURNAME.encode() not in raw
    assert is_encrypted(db_path)


def test_without_or_with_a_wrong_passphrase_the_file_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path, passphrase=PASSPHRASE).close()
    before = _digest(db_path)
    with pytest.raises(PassphraseRequired, match="encrypted"):
        open_database(db_path)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        open_database(db_path, passphrase="not the passphrase")
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_passphrase_for_a_plain_roster_is_refused(db_path: Path) -> None:
    open_database(db_path).close()
    with pytest.raises(DatabaseError, match="not encrypted"):
        open_database(db_path, passphrase=PASSPHRASE)


def test_encrypt_in_place_keeps_every_row_and_leaves_nothing_plain(db_path: Path) -> None:
    count = _plain_roster(db_path)
    with sqlite3.connect(db_path) as plain:
        expected = {name: plain.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for (name,) in
                    plain.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    plain.close()
    result = backups.encrypt_roster(db_path, PASSPHRASE, operator="t")
    assert result.rows == sum(expected.values())
    # No copy, journal or WAL left (the audit trail's head beside it holds no personal data).
    assert sorted(p.name for p in db_path.parent.iterdir() if not p.name.endswith(".audit-head")) == [db_path.name]
    raw = db_path.read_bytes()
    assert SURNAME.encode() not in raw and "Лейла".encode() not in raw and b"972599123456" not in raw
    database = open_database(db_path, passphrase=PASSPHRASE)
    assert stats.roster_stats(database).persons == count
    assert audit.browse(database, audit.AuditFilter(action="encrypt"))
    assert audit.verify_chain(database).intact
    database.close()


def test_encrypting_a_roster_open_elsewhere_is_refused_and_changes_nothing(db_path: Path) -> None:
    _plain_roster(db_path)
    other_window = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('SELECT count(*) FROM persons').fetchone(); print('open', flush=True); time.sleep(60)",
         str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert other_window.stdout is not None and other_window.stdout.readline().strip() == "open"
        before = _digest(db_path)
        with pytest.raises(DatabaseError, match="open in another window"):
            encrypt_database(db_path, PASSPHRASE)
        assert _digest(db_path) == before
    finally:
        other_window.kill()
        other_window.communicate()
    assert not is_encrypted(db_path)


def test_change_passphrase_rekeys_and_the_old_one_no_longer_opens(db_path: Path) -> None:
    count = _plain_roster(db_path)
    encrypt_database(db_path, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        change_passphrase(db_path, "wrong passphrase", "a new passphrase")
    with pytest.raises(DatabaseError, match="too short"):
        change_passphrase(db_path, PASSPHRASE, "short")
    backups.change_roster_passphrase(db_path, PASSPHRASE, "a new passphrase", operator="t")
    with pytest.raises(WrongPassphrase):
        open_database(db_path, passphrase=PASSPHRASE)
    database = open_database(db_path, passphrase="a new passphrase")
    assert stats.roster_stats(database).persons == count
    assert audit.browse(database, audit.AuditFilter(action="rekey"))
    database.close()


def test_passphrases_with_quotes_and_non_ascii_work(db_path: Path) -> None:
    tricky = "it's \"Rafah\" — пароль 2023"
    database = open_database(db_path, passphrase=tricky)
    persons.create_person(database, {"surname": SURNAME}, operator="t")
    database.close()
    database = open_database(db_path, passphrase=tricky)
    assert stats.roster_stats(database).persons == 1
    database.close()


def test_the_copy_before_a_migration_stays_encrypted_with_the_same_key(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = connect_file(path, PASSPHRASE)
    connection.close()
    from sqlalchemy import create_engine
    from sqlalchemy.engine import URL

    engine = create_engine(URL.create("sqlite+pysqlcipher", password=PASSPHRASE, database=str(path)))
    config = migrations.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO settings (key, value) VALUES ('mission_name', '\"Cairo\"')"))
    engine.dispose()
    database = open_database(path, passphrase=PASSPHRASE)
    assert migrations.current_revision(database.engine) == migrations.head_revision()
    database.close()
    (copy,) = tmp_path.glob("old.db.before-migration-0001-*")
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT * FROM settings").fetchall()
    keyed = connect_file(copy, PASSPHRASE, readonly=True)
    assert keyed.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    keyed.close()

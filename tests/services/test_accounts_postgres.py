"""On PostgreSQL each officer logs in with their own server login, mapped to their roster account (issue 20):
two logins, a head and a volunteer, the audit trail naming the accounts and the volunteer's export refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from desktop_app.cli import main
from desktop_app.domain.roles import Role
from desktop_app.services import accounts
from desktop_app.storage.db import Database, open_database
from desktop_app.storage.models import AuditEntry

pytest_plugins = ["tests.helpers.postgres"]

def _trail(db: Database) -> list[AuditEntry]:
    """The audit trail's last 100 entries, newest first, read straight from the roster."""
    with db.reading() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(100)))
        session.expunge_all()
        return entries


def _login_url(url: str, login: str) -> str:
    return url.replace("postgresql+psycopg://roster@", f"postgresql+psycopg://{login}@", 1)


def test_two_server_logins_sign_in_as_their_accounts(postgres_url: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    suffix = postgres_url.rsplit("/", 1)[1].split("?")[0]
    consul, hotline = f"consul_{suffix}", f"hotline_{suffix}"
    db = open_database(postgres_url)
    try:
        accounts.add_account(db, "A. Consul", Role.HEAD, "4711-consul", operator="setup")
        accounts.sign_in(db, accounts.authenticate(db, "A. Consul", "4711-consul"))
        accounts.add_account(db, "V. Hotline", Role.VOLUNTEER, "1234-hotline", operator="setup")
        accounts.map_server_login(db, "A. Consul", consul, operator="setup")
        accounts.map_server_login(db, "V. Hotline", hotline, operator="setup")
        assert accounts.server_login(db) == "roster"
    finally:
        db.close()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        for login in (consul, hotline):
            connection.execute(text(f'CREATE ROLE "{login}" LOGIN'))
            connection.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{login}"'))
            connection.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{login}"'))
    engine.dispose()

    code = main(["--db", _login_url(postgres_url, consul), "--operator", "typed", "person", "add",
                 "--surname", "Иванова"])
    _, err = capsys.readouterr()
    assert code == 0, err
    code = main(["--db", _login_url(postgres_url, hotline), "export", str(tmp_path / "out.xlsx")])
    _, err = capsys.readouterr()
    assert code == 1 and "V. Hotline (volunteer) has no permission" in err and err.count("\n") == 1
    code = main(["--db", _login_url(postgres_url, "roster"), "person", "add", "--surname", "Петров"])
    _, err = capsys.readouterr()
    assert code == 1 and "nobody is signed in" in err  # a login mapped to no account signs in as nobody

    db = open_database(postgres_url)
    try:
        entries = _trail(db)  # read as the file holds it: audit.browse needs someone signed in
    finally:
        db.close()
    created = next(e for e in entries if e.action == "create" and e.entity == "person")
    assert created.operator == "A. Consul"
    assert "typed" not in {e.operator for e in entries}
    refused = [e for e in entries if e.action == "refused"]
    assert len(refused) == 2 and "V. Hotline" in {e.operator for e in refused}

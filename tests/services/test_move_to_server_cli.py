"""`mission-roster --db FILE move-to-server URL` on a real private PostgreSQL server: the JSON it
prints, the test-only `--check`, progress on stderr, and the one-line refusals (a password in the
address, a server that already holds a roster, a server address as --db)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import audit
from desktop_app.storage.db import encrypt_database, open_database
from tests.services.test_move_to_server import PASSPHRASE, build_demo, digest, file_counts

pytest_plugins = ["tests.helpers.postgres"]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("move-cli") / "source.db"
    build_demo(path, households=15)
    return path


@pytest.fixture
def roster_file(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "roster.db"
    shutil.copyfile(demo_file, copy)
    shutil.copyfile(audit.head_file(demo_file), audit.head_file(copy))
    return copy


def test_move_prints_json_and_the_server_roster_answers_the_command_line(
        roster_file: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(roster_file), "move-to-server", postgres_url, "--check"]) == 0
    assert "empty and ready" in capsys.readouterr().out

    assert main(["--db", str(roster_file), "--operator", "A. Officer", "move-to-server", postgres_url, "--json",
                 "--progress"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    counts = file_counts(roster_file)
    assert result["persons"] == counts["persons"] and result["chain_intact"] is True
    assert result["tables"]["audit_entries"] == counts["audit_entries"] + 1
    assert result["rows"] == sum(counts.values()) + 1
    assert f"of {sum(counts.values())} rows" in captured.err

    assert main(["--db", postgres_url, "verify"]) == 0
    assert main(["--db", postgres_url, "audit", "--limit", "1"]) == 0
    assert "moved from roster.db" in capsys.readouterr().out
    assert main(["--db", str(roster_file), "move-to-server", postgres_url, "--check"]) == 1
    assert "already holds a roster" in capsys.readouterr().err


def test_an_encrypted_file_moves_with_the_passphrase_file(roster_file: Path, postgres_url: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    encrypt_database(roster_file, PASSPHRASE)
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    fingerprint = digest(roster_file)

    assert main(["--db", str(roster_file), "move-to-server", postgres_url]) == 1
    assert "passphrase is needed" in capsys.readouterr().err
    assert main(["--db", str(roster_file), "--passphrase-file", str(secret), "move-to-server", postgres_url]) == 0

    out = capsys.readouterr().out
    assert "verifies on the server" in out and "The file was not changed" in out
    assert digest(roster_file) == fingerprint
    server = open_database(postgres_url)
    try:
        assert audit.verify_chain(server).intact
    finally:
        server.close()


def test_refusals_are_one_line_and_change_nothing(roster_file: Path, postgres_url: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with_password = postgres_url.replace("roster@", "roster:s3cret@")
    assert main(["--db", str(roster_file), "move-to-server", with_password]) == 1
    error = capsys.readouterr().err
    assert "holds a password" in error and "s3cret" not in error and error.count("\n") == 1

    assert main(["--db", postgres_url, "move-to-server", postgres_url]) == 1
    assert "name it with --db FILE" in capsys.readouterr().err

    assert main(["--db", str(roster_file), "move-to-server", "sqlite:///elsewhere.db"]) == 1
    assert "only to a PostgreSQL server" in capsys.readouterr().err
    assert main(["--db", str(roster_file), "move-to-server", postgres_url, "--check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tables"] == 0  # nothing was created by the refusals


def test_help_says_where_the_password_comes_from(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["move-to-server", "--help"])
    assert "PGPASSFILE" in capsys.readouterr().out

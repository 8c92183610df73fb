"""Breaker X16 (issue 16): the recovery key attacked as an officer would meet it: read off the printed
sheet (O or 0? a Russian keyboard's look-alike letters, a full-width form from an input method),
truncated, another roster's, a roster whose recovery key was made again after the first was printed,
a damaged recovery file. Real encrypted rosters under tmp_path, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import backups, demo, recovery
from desktop_app.storage.db import WrongPassphrase, check_passphrase, open_database

CYRILLIC_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")


def encrypted_roster(folder: Path, passphrase: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "roster.db"
    db = open_database(path, holder="t")
    demo.fill_demo(db, households=2, operator="t")
    db.close()
    backups.encrypt_roster(path, passphrase, operator="t")
    return path


def recover(path: Path, key_text: str, new_passphrase: str, tmp_path: Path,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    key_file = tmp_path / "typed key.txt"
    key_file.write_text(key_text + "\n", encoding="utf-8")
    new_file = tmp_path / "new passphrase.txt"
    new_file.write_text(new_passphrase + "\n", encoding="utf-8")
    capsys.readouterr()
    code = main(["--db", str(path), "--operator", "t", "recover", "--recover-with", str(key_file),
                 "--new-passphrase-file", str(new_file)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("misread", [
    pytest.param(lambda key: key.translate(CYRILLIC_LOOKALIKES), id="cyrillic-lookalike-letters"),
    pytest.param(lambda key: key.replace("O", "0").replace("B", "8"), id="O-and-B-read-as-digits"),
    pytest.param(lambda key: "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else "\u3000" for c in key),
                 id="full-width-forms"),
])
def test_a_key_read_off_the_printed_sheet_opens_the_roster(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           misread: object) -> None:
    path = encrypted_roster(tmp_path / "mission", "first passphrase")
    # A key with the letters that can be misread (a fresh key may lack them: then they are forced in).
    key = recovery.normalize_key("ABCE-HKMO-PTXY-Q4TB-V3O6-IMW2-ELTC-YHPB")
    from desktop_app.storage import recovery as storage_recovery

    storage_recovery.create(path, "first passphrase", key=key)
    typed = misread(key)  # type: ignore[operator]
    assert typed != key
    code, err = recover(path, typed, "second passphrase", tmp_path, capsys)
    assert code == 0, err
    check_passphrase(path, "second passphrase")


def test_wrong_truncated_and_other_rosters_keys_are_refused_and_change_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = encrypted_roster(tmp_path / "ours", "our passphrase")
    key = recovery.make_recovery_key(path, "our passphrase", operator="t")
    other = encrypted_roster(tmp_path / "theirs", "their passphrase")
    other_key = recovery.make_recovery_key(other, "their passphrase", operator="t")
    sealed = recovery.recovery_path(path).read_bytes()
    for wrong in (key[:-5], other_key, "", key.replace(key[0], "2" if key[0] != "2" else "3", 1)):
        code, err = recover(path, wrong, "stolen passphrase", tmp_path, capsys)
        assert code == 1 and "does not open" in err and "Traceback" not in err, err
    check_passphrase(path, "our passphrase")
    assert recovery.recovery_path(path).read_bytes() == sealed
    # Their recovery file beside our roster, with their key: opened, but it holds their passphrase.
    recovery.recovery_path(path).write_bytes(recovery.recovery_path(other).read_bytes())
    code, err = recover(path, other_key, "stolen passphrase", tmp_path, capsys)
    assert code == 1 and "no longer opens the roster" in err, err
    check_passphrase(path, "our passphrase")


def test_a_key_made_again_retires_the_printed_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = encrypted_roster(tmp_path / "mission", "first passphrase")
    printed = recovery.make_recovery_key(path, "first passphrase", operator="t")
    backups.change_roster_passphrase(path, "first passphrase", "second passphrase", operator="t")
    again = recovery.make_recovery_key(path, "second passphrase", operator="t")
    code, err = recover(path, printed, "stolen passphrase", tmp_path, capsys)
    assert code == 1 and "does not open" in err, err
    with pytest.raises(WrongPassphrase):
        check_passphrase(path, "stolen passphrase")
    code, err = recover(path, again, "third passphrase", tmp_path, capsys)
    assert code == 0, err
    check_passphrase(path, "third passphrase")


def test_a_damaged_recovery_file_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = encrypted_roster(tmp_path / "mission", "first passphrase")
    key = recovery.make_recovery_key(path, "first passphrase", operator="t")
    whole = recovery.recovery_path(path).read_text(encoding="utf-8")
    record = json.loads(whole)
    damaged = {
        "cut off": whole[: len(whole) // 2],
        "sealed passphrase altered": json.dumps({**record, "sealed_passphrase": record["sealed_passphrase"][:-8]}),
        "wrapped key altered": json.dumps({**record, "wrapped_key": "AAAA" + record["wrapped_key"][4:]}),
        "sealed passphrase missing": json.dumps({k: v for k, v in record.items() if k != "sealed_passphrase"}),
        "earlier not a list": json.dumps({**record, "sealed_passphrase": "x", "earlier": 5}),
        "private key not text": json.dumps({**record, "private_key": 5}),
    }
    for name, text in damaged.items():
        recovery.recovery_path(path).write_text(text, encoding="utf-8")
        code, err = recover(path, key, "second passphrase", tmp_path, capsys)
        assert code == 1 and "Traceback" not in err and str(recovery.recovery_path(path)) in err, (name, err)
        check_passphrase(path, "first passphrase")


def test_a_key_file_named_like_the_recovery_file_or_the_sheet_is_refused_before_the_key_is_made(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = encrypted_roster(tmp_path / "mission", "first passphrase")
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text("first passphrase\n", encoding="utf-8")
    made = recovery.recovery_path(path)
    base = ["--db", str(path), "--passphrase-file", str(pass_file), "--operator", "t", "recovery-key"]
    for targets in (["--out", str(made)],  # the key would go where the recovery file is about to be made
                    ["--out", str(tmp_path / "key.txt"), "--sheet", str(tmp_path / "key.txt")]):
        capsys.readouterr()
        assert main([*base, *targets]) == 1
        err = capsys.readouterr().err
        assert "must be different files" in err and "Traceback" not in err, err
        assert not made.exists() and not (tmp_path / "key.txt").exists()  # no key nobody kept

"""Defect 16 of issue 12: `person add` stripped ZWNJ/ZWJ, which changes Persian names.

A zero-width non-joiner between two letters is part of the spelling ('مهر‌آسا' is written with
one); it must be stored as typed or imported, and folded away only in search and match keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.cli import main
from desktop_app.domain.names import clean_text, fold, words
from desktop_app.storage.db import open_database
from tests.services.import_support import write_xlsx

ZWNJ, ZWJ = "\u200c", "\u200d"
MEHRASA = f"مهر{ZWNJ}آسا"  # the given name Mehrasa, written with a ZWNJ after 'مهر'
SURNAME = f"نیک{ZWNJ}نام"  # Niknam


def test_a_joiner_between_letters_is_kept_and_a_stray_one_dropped() -> None:
    assert clean_text(MEHRASA) == MEHRASA
    assert clean_text(f"  {ZWNJ}{MEHRASA}{ZWJ} ") == MEHRASA  # at the edges it shapes nothing
    assert clean_text(f"a{ZWNJ} b") == "a b"
    assert clean_text("Ivan\u0007ov") == "Ivanov"  # other control characters still go


def test_search_keys_fold_the_joiners_away() -> None:
    assert fold(MEHRASA) == fold("مهرآسا")
    assert words(f"{SURNAME} {MEHRASA}") == words("نیکنام مهرآسا")
    assert ZWNJ not in fold(MEHRASA) and ZWJ not in fold(f"क{ZWJ}ष")


def _stored(db_path: Path) -> list[tuple[str, str, str]]:
    db = open_database(db_path)
    try:
        with db.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(  # type: ignore[misc]
                text("SELECT surname, given_names, case_ref FROM persons ORDER BY id"))]
    finally:
        db.close()


def test_person_add_stores_the_name_as_typed_and_search_finds_it_either_way(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "tehran.db"
    assert main(["--db", str(db), "--operator", "t", "person", "add", "--surname", SURNAME,
                 "--given", MEHRASA]) == 0
    capsys.readouterr()
    ((surname, given, ref),) = _stored(db)
    assert (surname, given) == (SURNAME, MEHRASA)
    for query in (MEHRASA, "مهرآسا", "نیکنام"):
        assert main(["--db", str(db), "search", query]) == 0
        assert ref in capsys.readouterr().out, query


def test_an_imported_name_keeps_its_joiner_like_a_typed_one(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    book = write_xlsx(tmp_path / "list.xlsx", [["Surname", "Given names"], [SURNAME, MEHRASA],
                                               [f"{ZWNJ}Rahimi", "Sara"]])
    db = tmp_path / "imported.db"
    assert main(["--db", str(db), "--operator", "t", "import", str(book)]) == 0, capsys.readouterr()
    stored = [(s, g) for s, g, _ in _stored(db)]
    assert stored == [(SURNAME, MEHRASA), ("Rahimi", "Sara")]


def test_a_joiner_after_a_combining_mark_is_kept() -> None:
    """Attack: the joiner does its work after a virama (Devanagari 'क्ष' half form, Sinhala 'ශ්‍රී',
    Sri, in many Sri Lankan names) or after Arabic harakat; the previous letter is a mark, not a
    letter, and the joiner was dropped."""
    for name in (f"क्{ZWJ}ष", f"ශ්{ZWJ}රී", f"مِ{ZWNJ}ی", f"Ш{ZWNJ}\u0301а"):
        assert clean_text(name) == name
    assert clean_text(f"क्{ZWJ}") == "क्"  # at the end it still shapes nothing
    assert fold(f"ශ්{ZWJ}රී") == fold("ශ්රී")

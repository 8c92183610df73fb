"""Review of the fast import paths: stored bytes as by hand, SQLite's ids, the cycle collector, folding and phones."""

from __future__ import annotations

import datetime as dt
import gc
import unicodedata
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.names import _ARABIC_LETTER_VARIANTS, _ARABIC_MARKS, _NOT_WORD, _SPACES, fold, words
from desktop_app.domain.person import DocumentData
from desktop_app.domain.phones import normalize_phone
from desktop_app.exchange.errors import NoDataRows
from desktop_app.services import importing, persons, search_index
from desktop_app.services.importing import Outcome
from desktop_app.storage.db import Database
from tests.services.import_support import write_xlsx

OPERATOR = "test.officer"
_ALL_FIELDS = {
    "Surname": ("surname", "Smith"), "Given": ("given_names", "John"), "SurL": ("surname_latin", "SMITH"),
    "GivL": ("given_names_latin", "JOHN"), "Sex": ("sex", "M"), "DOB": ("birth_date", "02/1980"),
    "POB": ("place_of_birth", "Cairo"), "Cit": ("citizenships", "GBR, EGY"), "Email": ("email", "a@b.co"),
    "Msg": ("messenger", "@x"), "Region": ("region", "R"), "Loc": ("locality", "L"), "Addr": ("address", "A"),
    "Med": ("medical", "no"), "RM": ("reduced_mobility", "yes"), "Preg": ("pregnant", "no"),
    "UM": ("unaccompanied_minor", "no"), "Consent": ("consent_to_share", "no"),
    "CDate": ("consent_date", dt.date(2024, 5, 6)), "Source": ("source", "hotline"),
    "Rel": ("relationship", "spouse"), "Notes": ("notes", "n"), "Doc": ("document_number", "AB 12-3"),
    "DocType": ("document_type", "national_id"), "Phone": ("phone", "+201001234567"),
}


def _rows(db: Database, table: str, key: str, person_id: int) -> list[dict[str, tuple[Any, Any]]]:
    """Each row's columns as SQLite holds them: quote() and typeof(), byte for byte."""
    with db.engine.connect() as connection:
        names = [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})")]
        cells = ", ".join(f'quote("{n}"), typeof("{n}")' for n in names)
        return [dict(zip(names, zip(row[::2], row[1::2], strict=True), strict=True)) for row in
                connection.exec_driver_sql(f"SELECT {cells} FROM {table} WHERE {key} = ? ORDER BY 1", (person_id,))]


def test_every_field_is_stored_as_by_hand(db: Database, tmp_path: Path) -> None:
    values = {"surname": "Smith", "given_names": "John", "surname_latin": "SMITH", "given_names_latin": "JOHN",
              "sex": "M", "birth_date": "1980-02", "place_of_birth": "Cairo", "citizenships": "GBR,EGY",
              "email": "a@b.co", "messenger": "@x", "region": "R", "locality": "L", "address": "A", "medical": False,
              "reduced_mobility": True, "pregnant": False, "unaccompanied_minor": False, "consent_to_share": False,
              "consent_date": "2024-05-06", "source": "hotline", "relationship": "spouse", "notes": "n"}
    hand = persons.create_person(db, values, operator=OPERATOR, phones=["+201001234567"],
                                 documents=[DocumentData.create("national_id", "AB 12-3", None, None, None)])
    path = write_xlsx(tmp_path / "all.xlsx", [list(_ALL_FIELDS), [cell for _, cell in _ALL_FIELDS.values()]])
    preview = importing.preview_import(db, path, mapping_overrides={h: t for h, (t, _) in _ALL_FIELDS.items()})
    assert [(row.outcome, row.problems) for row in preview.rows] == [(Outcome.DUPLICATE, ())]
    imported = importing.commit_import(db, preview, operator=OPERATOR, accept_duplicates_as_new=True).created_ids[0]
    own = {"id", "uuid", "case_ref", "person_id", "created_at", "updated_at", "at", "reason", "operation_id"}
    for table, key in (("persons", "id"), ("documents", "person_id"), ("phones", "person_id"),
                       ("status_changes", "person_id")):
        made, bulk = _rows(db, table, key, hand.id), _rows(db, table, key, imported)
        assert len(made) == len(bulk) == 1
        assert {k: v for k, v in bulk[0].items() if k not in own} == {k: v for k, v in made[0].items() if k not in own}
        for stamp in {"created_at", "updated_at", "at"} & made[0].keys():
            assert bulk[0][stamp][1] == made[0][stamp][1] == "text"
            assert len(bulk[0][stamp][0]) == len(made[0][stamp][0])


def _import(db: Database, path: Path, names: list[str]) -> list[int]:
    write_xlsx(path, [["Surname", "Passport"], *[[name, f"P{name}"] for name in names]])
    return list(importing.commit_import(db, importing.preview_import(db, path), operator=OPERATOR).created_ids)


def test_ids_are_sqlites_after_gaps_the_trash_and_an_undo(db: Database, tmp_path: Path) -> None:
    made = [persons.create_person(db, {"surname": f"Hand{i}"}, operator=OPERATOR).id for i in range(4)]
    persons.delete_person(db, made[1], operator=OPERATOR)  # in the trash: its row and id stay
    first = _import(db, tmp_path / "a.xlsx", ["Alpha", "Beta"])
    assert first == [made[-1] + 1, made[-1] + 2]
    importing.undo_import(db, importing.list_imports(db)[0].id, operator=OPERATOR)  # removes the top ids
    again = _import(db, tmp_path / "b.xlsx", ["Gamma", "Delta", "Epsilon"])
    assert again == [made[-1] + 1, made[-1] + 2, made[-1] + 3]  # as SQLite gives them: the largest id + 1
    assert persons.create_person(db, {"surname": "After"}, operator=OPERATOR).id == again[-1] + 1
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        # every child row belongs to the person it names
        assert connection.exec_driver_sql(
            "SELECT p.surname, t.term FROM search_terms t JOIN persons p ON p.id = t.person_id "
            "WHERE t.term = 'p' || lower(p.surname) ORDER BY p.id").all() == [(n, f"p{n.lower()}") for n in
                                                                ("Gamma", "Delta", "Epsilon")]
        assert connection.exec_driver_sql(
            "SELECT count(*) FROM documents d JOIN persons p ON p.id = d.person_id "
            "WHERE d.number != 'P' || upper(p.surname)").scalar() == 0
        assert connection.exec_driver_sql(
            "SELECT person_id FROM status_changes WHERE operation_id IS NOT NULL ORDER BY person_id").scalars().all() \
            == again


@pytest.mark.parametrize("enabled", [True, False])
def test_preview_leaves_the_cycle_collector_as_found_after_an_error(db: Database, tmp_path: Path,
                                                                    enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(NoDataRows):
            importing.preview_import(db, write_xlsx(tmp_path / "h.xlsx", [["Surname", "Given names"]]))
        assert gc.isenabled() is enabled
        importing.preview_import(db, write_xlsx(tmp_path / "ok.xlsx", [["Surname"], ["A"]]))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# --- fold(), words(), the sort key: as their slow definitions on odd Unicode ---------------------------------

def _fold_by_definition(value: str) -> str:
    # Joiners (ZWJ, ZWNJ) only shape letters: kept in stored names, dropped from search keys (issue 12, 16).
    text = unicodedata.normalize("NFKD", value.casefold().replace("\u200d", "").replace("\u200c", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or ch == "\u0306")
    text = unicodedata.normalize("NFC", text).replace("ё", "е")
    return _SPACES.sub(" ", _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTER_VARIANTS)).strip()


_ODD = st.text(alphabet=st.sampled_from(
    [*"aZi ßıİIŞ-_.'\t", "\u0301", "\u0306", "\u0640", "\u200d", "\u200c", "Ё", "ё", "й", "Й", "и", "\u00a0",
     "\u00a8", "Σ", "ς", "ﬁ", "①", "\u3000", "ᄀ", "ᅡ", "ᆨ", "أ", "ة", "\u064b", "Ⅻ"]),
    max_size=10)


@settings(max_examples=400, deadline=None)
@given(_ODD)
def test_fold_and_words_are_their_definition_on_odd_text(text: str) -> None:
    assert fold(text) == _fold_by_definition(text)
    assert words(text) == [w for w in _NOT_WORD.split(_fold_by_definition(text)) if w]


@settings(max_examples=400, deadline=None)
@given(_ODD, _ODD, _ODD, _ODD, _ODD)
def test_sort_key_is_the_fold_of_the_whole_name_on_odd_text(surname: str, given: str, patronymic: str,
                                                            surname_latin: str, given_latin: str) -> None:
    native = " ".join(p for p in (surname, given, patronymic) if p)
    expected = _fold_by_definition(native or f"{surname_latin} {given_latin}")[:600]
    assert search_index.sort_key(surname, given, patronymic, surname_latin, given_latin) == expected


# --- phones: the '+digits' shortcut gives what parsing gives ------------------------------------------------

def _parsed(text: str, region: str | None) -> str | None:
    raw = text.strip()
    raw = "+" + raw[2:] if raw.startswith("00") else raw
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) \
        if phonenumbers.is_valid_number(number) else None


@pytest.mark.parametrize("text", ["+20 100 123 4567", "+201001234567", "+2001001234567", "+0201001234567",
                                  "+78916123456", "+79161234567", "+16135550123", "+77012345678", "+447700900123",
                                  "+441534123456", "+2", "+1", "+٢٠١٠٠١٢٣٤٥٦٧", "+１２０２５５５０１２３",
                                  "00201001234567"])
@pytest.mark.parametrize("region", [None, "EG", "RU", "KZ", "CA", "JE"])
def test_phone_shortcut_agrees_with_parsing(text: str, region: str | None) -> None:
    try:
        ours: str | None = normalize_phone(text, region)
    except ValidationError:
        ours = None
    assert ours == _parsed(text, region)


def test_a_generated_case_reference_skips_one_the_file_gives_further_down(db: Database, tmp_path: Path) -> None:
    from desktop_app.services import roster
    from desktop_app.services.roster_rows import RosterQuery

    path = write_xlsx(tmp_path / "refs.xlsx", [["Case No", "Surname"], [None, "Alpha"], ["MR-000001", "Beta"]])
    preview = importing.preview_import(db, path)
    result = importing.commit_import(db, preview, operator="test.officer")  # was refused as a clash
    assert result.created == 2
    rows = roster.fetch_rows(db, roster.search_ids(db, RosterQuery()))
    refs = {row.surname: row.case_ref for row in rows.values()}
    assert refs["Beta"] == "MR-000001"
    assert refs["Alpha"].startswith("MR-") and refs["Alpha"] != "MR-000001"

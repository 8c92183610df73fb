"""The import's bulk writer stores what the one-person path stores (issue 19).

The same persons are imported from a workbook into one roster and typed in one by one
(`persons.create_person`, the ORM and migration 0020's trigger) into another: their search
terms with their sort keys, phones and documents must be the same, and each phone's display
form what phonenumbers itself prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import text

from desktop_app.domain.person import DocumentData
from desktop_app.services import importing, persons
from desktop_app.services.settings import MissionSettings, save_mission
from desktop_app.storage.db import Database, open_database
from tests.services.import_support import write_xlsx

pytest_plugins = ["tests.helpers.postgres"]

OPERATOR = "test.officer"
HEADERS = ["Фамилия", "Имя", "Отчество", "Surname (Latin)", "Given names (Latin)", "Passport", "Phone"]
TARGETS = ["surname", "given_names", "patronymic", "surname_latin", "given_names_latin", "document_number", "phone"]


def _example(region: str, kind: int = phonenumbers.PhoneNumberType.MOBILE) -> str:
    number = phonenumbers.example_number_for_type(region, kind)
    assert number is not None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Names in three scripts, apostrophes, mixed scripts, a particle; phones of five countries, one of
# them (Italy's fixed line) a national number with a leading zero.
ROWS: list[list[Any]] = [
    ["Иванов", "Пётр", "Сергеевич", "IVANOV", "PETR", "720000001", _example("RU")],
    ["أبو شنب", "محمد", "", "ABU SHANAB", "MOHAMMED", "P1234567", _example("PS")],
    ["", "", "", "O'BRIEN", "SIOBHAN", "X1200", _example("GB")],
    ["Щербакова", "Юлия", "Андреевна", "SHCHERBAKOVA", "IULIIA", "0012345", _example("EG")],
    ["Соловьёв", "ARTЁM", "", "SOLOV’YEV", "ARTEM", "45 06 123456",
     _example("IT", phonenumbers.PhoneNumberType.FIXED_LINE)],
]


def _terms_and_phones(db: Database) -> list[tuple[str, list[tuple[str, str | None]], list[tuple[str, str]],
                                                   list[tuple[str, str]]]]:
    """Per person in id order: its sort key, (term, sort key) rows, (e164, display) and (type, number key)."""
    found = []
    with db.engine.connect() as connection:
        for person_id, key in connection.execute(text("SELECT id, sort_key FROM persons ORDER BY id")):
            terms = connection.execute(text("SELECT term, sort_key FROM search_terms WHERE person_id = :p"),
                                       {"p": person_id}).all()
            phones = connection.execute(text("SELECT e164, display FROM phones WHERE person_id = :p"),
                                        {"p": person_id}).all()
            documents = connection.execute(text("SELECT doc_type, number_key FROM documents WHERE person_id = :p"),
                                           {"p": person_id}).all()
            found.append((key, sorted(tuple(t) for t in terms), sorted(tuple(p) for p in phones),
                          sorted(tuple(d) for d in documents)))
    return found


def _typed_in_one_by_one(tmp_path: Path) -> list[Any]:
    hand = open_database(tmp_path / "hand.db")
    try:
        save_mission(hand, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
        for row in ROWS:
            fields = {target: value for target, value in zip(TARGETS[:5], row[:5], strict=True) if value}
            persons.create_person(hand, fields, operator=OPERATOR, phones=[row[6]],
                                  documents=[DocumentData.create("passport", row[5])])
        return _terms_and_phones(hand)
    finally:
        hand.close()


def _check_import(db: Database, tmp_path: Path) -> None:
    save_mission(db, MissionSettings("Cairo", "EGY"), operator=OPERATOR)
    path = write_xlsx(tmp_path / "list.xlsx", [HEADERS, *ROWS])
    preview = importing.preview_import(db, path, mapping_overrides=dict(zip(HEADERS, TARGETS, strict=True)))
    result = importing.commit_import(db, preview, operator=OPERATOR, accept_duplicates_as_new=True)
    assert result.created == len(ROWS), [(r.outcome, r.problems) for r in preview.rows]
    imported = _terms_and_phones(db)
    assert imported == _typed_in_one_by_one(tmp_path)
    for key, terms, phones, _ in imported:
        assert terms and {term_key for _, term_key in terms} == {key}  # written with the key, not by the trigger
        for e164, display in phones:
            assert display == phonenumbers.format_number(phonenumbers.parse(e164, None),
                                                         phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def test_imported_persons_have_the_terms_phones_and_documents_typed_in_persons_get(db: Database,
                                                                                     tmp_path: Path) -> None:
    _check_import(db, tmp_path)


def test_the_same_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    db = open_database(postgres_url)
    try:
        _check_import(db, tmp_path)
    finally:
        db.close()

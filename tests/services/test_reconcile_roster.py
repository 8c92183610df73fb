"""A small roster with every hard case of the issue, the answer-file writer, and the roster loader's tests.

`build_roster(db)` registers (Cyrillic names, passport Latin from ICAO 9303):
Щербаков Иван and Щербакова Мария (a household with their son Пётр), Abu Shanab Ahmed
(Latin only), twins Смирнов Алексей and Смирнов Андрей (same birth date), a father and son
both Козлов Сергей Сергеевич (no passports), two namesakes Иванова Анна (no birth date
written by the partner), and Petrov Oleg who is on the roster but not on the list. The
list 'Rafah 14 Nov' holds all but Petrov, and is marked sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from desktop_app.domain.person import DocumentData, DocumentType, Relationship
from desktop_app.domain.status import Status
from desktop_app.services import households, lists, persons
from desktop_app.services.reconciling import load_roster
from desktop_app.services.status import change_status
from desktop_app.storage.db import Database

OPERATOR = "test.officer"


@dataclass
class Roster:
    ids: dict[str, int]
    list_id: int
    household_id: int


def _person(db: Database, surname: str, given: str, born: str, passport: str | None = None, *,
            patronymic: str = "", sex: str = "", latin: tuple[str, str] | None = None) -> int:
    fields = {"surname": surname, "given_names": given, "patronymic": patronymic, "birth_date": born, "sex": sex}
    if latin:
        fields = {"surname_latin": latin[0], "given_names_latin": latin[1], "birth_date": born, "sex": sex}
    documents = [DocumentData.create(DocumentType.PASSPORT, passport, "RUS")] if passport else []
    return persons.create_person(db, fields, operator=OPERATOR, documents=documents).id


def build_roster(db: Database) -> Roster:
    ids = {
        "ivan": _person(db, "Щербаков", "Иван", "1980-03-05", "72 1234567", patronymic="Петрович", sex="M"),
        "maria": _person(db, "Щербакова", "Мария", "1984-11-02", "72 7654321", sex="F"),
        "petr": _person(db, "Щербаков", "Пётр", "2012-06-17", "72 5550001", sex="M"),
        "ahmed": _person(db, "", "", "1975-01-20", "P0481516", latin=("ABU SHANAB", "AHMED"), sex="M"),
        "alexei": _person(db, "Смирнов", "Алексей", "2001-04-09", "75 1111111", sex="M"),
        "andrei": _person(db, "Смирнов", "Андрей", "2001-04-09", "75 2222222", sex="M"),
        "kozlov_father": _person(db, "Козлов", "Сергей", "1960-08-30", patronymic="Сергеевич", sex="M"),
        "kozlov_son": _person(db, "Козлов", "Сергей", "1988-12-01", patronymic="Сергеевич", sex="M"),
        "anna_1": _person(db, "Иванова", "Анна", "1990-02-14", "76 3333333", sex="F"),
        "anna_2": _person(db, "Иванова", "Анна", "1971-07-07", "76 4444444", sex="F"),
        "petrov": _person(db, "Петров", "Олег", "1979-09-09", "77 9999999", sex="M"),
    }
    household = households.create_household(db, "Щербаковы", operator=OPERATOR, head_person_id=ids["ivan"])
    households.add_member(db, household.id, ids["maria"], Relationship.SPOUSE, operator=OPERATOR)
    households.add_member(db, household.id, ids["petr"], Relationship.CHILD, operator=OPERATOR)
    for key, person_id in ids.items():
        if key != "petrov":
            change_status(db, person_id, Status.VERIFIED, operator=OPERATOR)
    evacuation_list = lists.create_list(db, "Rafah 14 Nov", operator=OPERATOR)
    lists.add_members(db, evacuation_list.id, [v for k, v in ids.items() if k != "petrov"], operator=OPERATOR)
    lists.mark_sent(db, evacuation_list.id, operator=OPERATOR)
    return Roster(ids, evacuation_list.id, household.id)


def write_answer(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *,
                 title: str | None = None, sheet: str = "Answer") -> Path:
    """A real .xlsx written by openpyxl: optional title row, then the header and the rows."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    if title:
        worksheet.append([title])
        worksheet.append([])
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return path


def test_roster_loader_reads_active_persons_with_documents_and_household(db: Database) -> None:
    roster = build_roster(db)
    persons.delete_person(db, roster.ids["petrov"], operator=OPERATOR)
    with db.reading() as session:
        loaded = load_roster(session)
    assert roster.ids["petrov"] not in loaded
    ivan = loaded[roster.ids["ivan"]]
    assert ivan.documents == ("72 1234567",)
    assert ivan.household_ref.startswith("H-")
    assert ivan.latin_name == "SHCHERBAKOV IVAN"
    record = ivan.match_record()
    assert record.key == ivan.id and record.case_ref == ivan.case_ref and record.household_key == ivan.household_ref

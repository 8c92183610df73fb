"""Search and filters of the roster table, across scripts."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.flags import Flag
from desktop_app.domain.person import DocumentData
from desktop_app.domain.status import Status
from desktop_app.services import persons, roster, status
from desktop_app.services.roster import RosterQuery, SortKey
from desktop_app.storage.db import Database


@pytest.fixture
def people(db: Database, operator: str) -> dict[str, int]:
    def add(key: str, fields: dict[str, str], passport: str | None = None, phone: str | None = None) -> None:
        docs = [DocumentData.create("foreign_passport", passport)] if passport else []
        created[key] = persons.create_person(db, fields, operator=operator, documents=docs,
                                             phones=[phone] if phone else []).id

    created: dict[str, int] = {}
    add("ivanov", {"surname": "Иванов", "given_names": "Пётр", "birth_date": "1950-03-01", "locality": "Rafah",
                   "citizenships": "RUS"}, "72 0123456", "+970591234567")
    add("ivanova", {"surname": "Иванова", "given_names": "Алёна", "birth_date": "2020-06-01", "locality": "Gaza City",
                    "citizenships": "RUS,PSE", "medical": "yes"})
    add("shanab", {"surname": "أبو شنب", "surname_latin": "ABU SHANAB", "given_names_latin": "AHMAD",
                   "birth_date": "1985", "citizenships": "PSE", "case_ref": "G-1042"})
    return created


def _ids(db: Database, **query: object) -> list[int]:
    return roster.search_ids(db, RosterQuery(**query))  # type: ignore[arg-type]


def test_search_in_any_script_case_ref_passport_and_phone(db: Database, people: dict[str, int]) -> None:
    assert _ids(db, text="ива") == [people["ivanov"], people["ivanova"]]
    assert _ids(db, text="ИВАНОВА") == [people["ivanova"]]
    assert _ids(db, text="ivanov") == [people["ivanov"], people["ivanova"]]  # ICAO form of the Cyrillic
    assert _ids(db, text="алена") == [people["ivanova"]]  # ё typed as е
    assert _ids(db, text="shanab") == [people["shanab"]]
    assert _ids(db, text="ابو") == [people["shanab"]]  # أ typed without hamza
    assert _ids(db, text="g-1042") == [people["shanab"]]
    assert _ids(db, text="0123456") == []  # a passport is found from its start
    assert _ids(db, text="72 0123456") == [people["ivanov"]]
    assert _ids(db, text="720123") == [people["ivanov"]]
    assert _ids(db, text="0591234567") == [people["ivanov"]]
    assert _ids(db, text="иванов петр") == [people["ivanov"]]
    assert _ids(db, text="nobody") == []


def test_filters_combine(db: Database, operator: str, people: dict[str, int]) -> None:
    today = dt.date(2026, 11, 25)
    assert _ids(db, flags=(Flag.CHILD,), today=today) == [people["ivanova"]]
    assert _ids(db, flags=(Flag.ELDERLY,), today=today) == [people["ivanov"]]
    assert _ids(db, flags=(Flag.MEDICAL,), today=today) == [people["ivanova"]]
    assert set(_ids(db, citizenship="PSE")) == {people["ivanova"], people["shanab"]}
    assert _ids(db, citizenship="PSE", locality="Gaza City") == [people["ivanova"]]
    status.change_status(db, people["shanab"], Status.VERIFIED, operator=operator)
    assert _ids(db, statuses=(Status.VERIFIED,)) == [people["shanab"]]
    assert roster.count(db, RosterQuery(text="ива", citizenship="RUS")) == 2


def test_sorting_and_rows(db: Database, people: dict[str, int]) -> None:
    by_birth = _ids(db, sort=SortKey.BIRTH_DATE)
    assert by_birth == [people["ivanov"], people["shanab"], people["ivanova"]]
    assert _ids(db, sort=SortKey.BIRTH_DATE, descending=True) == list(reversed(by_birth))
    rows = roster.fetch_rows(db, [people["ivanov"]])
    row = rows[people["ivanov"]]
    assert (row.surname, row.passport, row.phone, row.surname_latin) == ("Иванов", "72 0123456", "+970 591 234 567",
                                                                         "IVANOV")  # the phone as shown
    assert Flag.ELDERLY in row.flags(dt.date(2026, 11, 25))


def test_deleted_persons_leave_the_roster(db: Database, operator: str, people: dict[str, int]) -> None:
    persons.delete_person(db, people["ivanov"], operator=operator)
    assert _ids(db, text="иванов") == [people["ivanova"]]

"""The duplicate finder on a roster of distinct persons: namesakes are not a match (issue 14).

On the 100,000-person bench roster (`services.demo_bulk`, nobody registered twice) `duplicates` called 106
pairs a match: one full name and birth date in two blocks, and two surnames sharing a given name, a birth
date and a block (أبو عيشة إبراهيم and أبو شنب إبراهيم at 0.9999). EM, fitted on the roster's compared
pairs, took its namesakes for duplicates: some 28,000 pairs, so a prior of -17.4 bits on every pair, and m of
documents that differ fitted as high as their u, so two passports said nothing. The documents now bound
EM's count (`model.documented_duplicates`: registrations of one person give one number), and two
surnames that other persons carry too leave a match to the officer (`engine.OTHER_FAMILIES`).

The roster is the bench's generator at 3,000 persons, in a real SQLite roster, through the service.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching.engine import OTHER_FAMILIES
from desktop_app.services import duplicates, persons
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database

OPERATOR = "test"
PERSONS = 3_000
Found = tuple[dict[str, int], list[duplicates.DuplicateCandidate]]  # the persons added by name, the pairs found


def _add(db: Database, surname: str, given: str, latin: tuple[str, str], born: str, sex: str, town: str,
         block: int, passport: str | None) -> int:
    documents = [DocumentData.create(DocumentType.PASSPORT, passport, "PSE")] if passport else []
    return persons.create_person(
        db, {"surname": surname, "given_names": given, "surname_latin": latin[0], "given_names_latin": latin[1],
             "birth_date": born, "sex": sex, "locality": town, "address": f"{town}, block {block}"},
        operator=OPERATOR, documents=documents).id


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Found]:
    """The bench's roster of distinct persons, its namesakes below, and two persons each registered twice."""
    db = open_database(tmp_path_factory.mktemp("namesakes") / "roster.db")
    build_demo_roster(db, persons=PERSONS)
    ids = {
        # Two families' sons: one given name and birth date, one block, two passports.
        "abu_aisha": _add(db, "أبو عيشة", "إبراهيم", ("ABU AISHA", "IBRAHIM"), "2020-11-09", "M", "Rafah", 26,
                          "720495246"),
        "abu_shanab": _add(db, "أبو شنب", "إبراهيم", ("ABU SHANAB", "IBRAHIM"), "2020-11-09", "M", "Rafah", 26,
                           "748593788"),
        # One full name and birth date in two blocks of one town, two passports.
        "sara_39": _add(db, "حداد", "سارة", ("HADDAD", "SARA"), "2018-03-06", "F", "Sheikh Radwan", 39,
                        "741750015"),
        "sara_1": _add(db, "حداد", "سارة", ("HADDAD", "SARA"), "2018-03-06", "F", "Sheikh Radwan", 1, "703456789"),
        # One full name in one block, born on the day and month the other's date swaps, two passports.
        "layla_april": _add(db, "الخطيب", "ليلى", ("AL KHATIB", "LAYLA"), "2016-04-11", "F", "Jabalia", 7,
                            "731858277"),
        "layla_november": _add(db, "الخطيب", "ليلى", ("AL KHATIB", "LAYLA"), "2016-11-04", "F", "Jabalia", 7,
                               "733794706"),
        # Registered twice: the surname typed one letter off; the birth date's day and month swapped.
        "yousef": _add(db, "النجار", "يوسف", ("AL NAJJAR", "YOUSEF"), "1990-05-17", "M", "Rafah", 12, "709876543"),
        "yousef_again": _add(db, "النجاز", "يوسف", ("AL NAJJAZ", "YOUSEF"), "1990-05-17", "M", "Rafah", 12,
                             "709876543"),
        "huda": _add(db, "عوض", "هدى", ("AWAD", "HUDA"), "1985-03-07", "F", "Khan Younis", 5, "701234567"),
        "huda_again": _add(db, "عوض", "هدى", ("AWAD", "HUDA"), "1985-07-03", "F", "Khan Younis", 5, "701234567"),
    }
    try:
        yield ids, duplicates.find_duplicates(db)
    finally:
        db.close()


def _pair(found: Found, a: str, b: str) -> duplicates.DuplicateCandidate:
    ids, pairs = found
    (pair,) = [p for p in pairs if {p.a.id, p.b.id} == {ids[a], ids[b]}]
    return pair


def test_two_surnames_sharing_a_given_name_birth_date_and_block_are_not_a_match(
        found: Found) -> None:
    pair = _pair(found, "abu_aisha", "abu_shanab")
    assert pair.decision == "review"
    assert OTHER_FAMILIES in pair.reasons  # the officer sees why


def test_one_full_name_and_birth_date_in_two_blocks_with_two_passports_is_not_a_match(
        found: Found) -> None:
    pair = _pair(found, "sara_39", "sara_1")
    assert pair.decision == "review" and "documents differ" in pair.reasons


def test_the_roster_of_distinct_persons_shows_no_match_but_the_registrations_twice(
        found: Found) -> None:
    ids, pairs = found
    twice = {frozenset((ids["yousef"], ids["yousef_again"])), frozenset((ids["huda"], ids["huda_again"]))}
    residual = frozenset((ids["layla_april"], ids["layla_november"]))  # the xfail below
    assert [(p.a.name, p.b.name, p.score) for p in pairs if p.decision == "match"
            and frozenset((p.a.id, p.b.id)) not in twice | {residual}] == []


@pytest.mark.xfail(strict=True, reason="not fixed: on 3,000 persons (the documents bear out a prior of about 20 "
                   "duplicate pairs) one full name in one block, a swapped birth date and two passports weigh 0.999")
def test_one_full_name_in_one_block_with_a_swapped_birth_date_and_two_passports_is_not_a_match(
        found: Found) -> None:
    assert _pair(found, "layla_april", "layla_november").decision == "review"


def test_a_person_registered_twice_is_still_matched(
        found: Found) -> None:
    typed = _pair(found, "yousef", "yousef_again")
    assert typed.decision == "match" and OTHER_FAMILIES not in typed.reasons  # a slip nobody else carries
    swapped = _pair(found, "huda", "huda_again")
    assert swapped.decision == "match" and "birth date day/month swapped" in swapped.reasons

"""The duplicate finder's prior held to the documents (issue 14, de20b91), attacked (breaker X14g).

`model.documented_duplicates` cuts EM's count of duplicate pairs to what the pairs agreeing on a number bear
out, assuming that registrations of one person give one number at least half the time (`DOCUMENTS_AGREE`).
The bench's generator at 3,000 persons, in a real SQLite roster, through the service, with:
- a roster where all but two persons gave no number: the documents bear out nothing, EM's namesake prior stays,
  and one full name and birth date in two blocks of one town is a match again;
- persons registered twice whose second registration gives another number of one length (the identity card's
  beside the passport's, or a renewed passport) and no birth date: offered for review before the bound, then
  not offered at all (the cut took them for namesakes); now, at one address, offered for review on EM's own
  count (`engine.FEW_AGREE`);
- two men of one given name, birth date and block, حداد and حماد, each with a passport of his own: the
  surname rule (`engine.OTHER_FAMILIES`) needs each surname carried by others, and حماد is carried by none.
The first and the last are strict xfails: the fixes weighed (in their reasons) cost a report set or a recall.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching.engine import FEW_AGREE
from desktop_app.services import duplicates, persons
from desktop_app.services.demo import ARABIC_FAMILIES, ARABIC_FEMALE, ARABIC_MALE, LOCALITIES
from desktop_app.services.demo_bulk import build_demo_roster
from desktop_app.storage.db import Database, open_database

OPERATOR = "test"
PERSONS = 3_000
REGISTERED_TWICE = 150
Pairs = dict[frozenset[int], duplicates.DuplicateCandidate]
# The pairs found, the persons registered twice, حداد / حماد, and each person's address.
Documented = tuple[Pairs, list[frozenset[int]], frozenset[int], dict[int, str]]


def _add(db: Database, surname: tuple[str, str], given: tuple[str, str], born: str | None, sex: str, town: str,
         block: int, passport: str | None) -> int:
    documents = [DocumentData.create(DocumentType.PASSPORT, passport, "PSE")] if passport else []
    return persons.create_person(
        db, {"surname": surname[0], "given_names": given[0], "surname_latin": surname[1],
             "given_names_latin": given[1], "birth_date": born, "sex": sex, "locality": town,
             "address": f"{town}, block {block}"},
        operator=OPERATOR, documents=documents).id


def _found(db: Database) -> Pairs:
    return {frozenset((p.a.id, p.b.id)): p for p in duplicates.find_duplicates(db)}


@pytest.fixture(scope="module")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Pairs, frozenset[int]]]:
    """The bench's roster with no number recorded, then one full name and birth date in two blocks, two passports."""
    db = open_database(tmp_path_factory.mktemp("sparse") / "roster.db")
    try:
        build_demo_roster(db, persons=PERSONS)
        with db.transaction() as session:
            session.execute(text("DELETE FROM documents"))
        sara = frozenset((
            _add(db, ("حداد", "HADDAD"), ("سارة", "SARA"), "2018-03-06", "F", "Sheikh Radwan", 39, "741750015"),
            _add(db, ("حداد", "HADDAD"), ("سارة", "SARA"), "2018-03-06", "F", "Sheikh Radwan", 1, "703456789")))
        yield _found(db), sara
    finally:
        db.close()


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Documented]:
    """The bench's roster, persons registered twice with another number and no date, and حداد / حماد."""
    db = open_database(tmp_path_factory.mktemp("documented") / "roster.db")
    try:
        build_demo_roster(db, persons=PERSONS)
        rng = random.Random(7)
        twice = []
        for _ in range(REGISTERED_TWICE):
            sex = rng.choice("MF")
            surname, given = rng.choice(ARABIC_FAMILIES), rng.choice(ARABIC_MALE if sex == "M" else ARABIC_FEMALE)
            born = f"{rng.randint(1950, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            town, block = rng.choice(LOCALITIES)[1], rng.randint(1, 40)
            twice.append(frozenset((
                _add(db, surname, given, born, sex, town, block, f"7{rng.randint(10**7, 10**8 - 1)}"),
                _add(db, surname, given, None, sex, town, block, f"4{rng.randint(10**7, 10**8 - 1)}"))))
        haddad_hammad = frozenset((
            _add(db, ("حداد", "HADDAD"), ("خالد", "KHALED"), "2001-03-03", "M", "Jabalia", 2, "755500001"),
            _add(db, ("حماد", "HAMMAD"), ("خالد", "KHALED"), "2001-03-03", "M", "Jabalia", 2, "766600002")))
        with db.reading() as session:
            addresses = {int(person): str(address) for person, address in
                         session.execute(text("SELECT id, address FROM persons"))}
        yield _found(db), twice, haddad_hammad, addresses
    finally:
        db.close()


@pytest.mark.xfail(strict=True, reason="not fixed: with no numbers to agree on, nothing bounds EM's count, fitted on "
                   "the roster's namesakes (0.9993). A floor of DUPLICATE_SHARE where the documents bound nothing "
                   "cut the bench roster's 30,000 persons without numbers from 9 matches to 3, not to 0, and would "
                   "cut the recall of a roster of many duplicates and no numbers")
def test_one_full_name_in_two_blocks_is_not_a_match_where_few_persons_give_a_number(
        sparse: tuple[Pairs, frozenset[int]]) -> None:
    found, sara = sparse
    assert found[sara].decision == "review"


def test_registrations_giving_another_number_and_no_date_are_still_offered(
        documented: Documented) -> None:
    """The documents' cut (prior 7.6 pairs) left all 150 below review; EM's own count offers them."""
    found, twice, _, _ = documented
    assert [pair for pair in twice if pair not in found] == []
    assert {(found[pair].decision, FEW_AGREE in found[pair].reasons) for pair in twice} == {("review", True)}


def test_registrations_giving_another_number_and_no_date_are_never_a_wrong_match(
        documented: Documented) -> None:
    found, twice, haddad_hammad, _ = documented
    assert [(p.a.name, p.b.name, p.score) for key, p in found.items()
            if p.decision == "match" and key not in {*twice, haddad_hammad}] == []


def test_namesakes_in_two_blocks_the_documents_cut_stay_hidden(
        documented: Documented) -> None:
    """Only a pair at one address is offered again on EM's own count: most of the bench's namesakes live apart."""
    found, _, _, addresses = documented
    offered = [p for p in found.values() if FEW_AGREE in p.reasons]
    assert offered and [(p.a.name, p.b.name) for p in offered if addresses[p.a.id] != addresses[p.b.id]] == []


@pytest.mark.xfail(strict=True, reason="not fixed: a surname carried by nobody else reads as a typing slip. Two "
                   "surnames beyond a sound-alike and two numbers of one length left to review: FEBRL3's recall of "
                   "match 0.9826 -> 0.9722 (FEBRL replaces a duplicate's soc_sec_id and surname at once)")
def test_two_surnames_and_two_passports_sharing_a_given_name_birth_date_and_block_are_not_a_match(
        documented: Documented) -> None:
    found, _, haddad_hammad, _ = documented
    assert found[haddad_hammad].decision == "review"

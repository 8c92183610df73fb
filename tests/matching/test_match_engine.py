"""The engine against each error a partner's sheet makes, and each case that must not match."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import (
    MATCH_THRESHOLD,
    REVIEW_THRESHOLD,
    MatchRecord,
    RosterIndex,
    decide,
    find_duplicates,
)

MARIA = MatchRecord(1, "Щербакова", "Мария", "Ивановна", birth_date=PartialDate(1985, 3, 12), sex=Sex.FEMALE,
                    documents=("72 1234567",), uuid="6f1c0d3e-0000-4000-8000-000000000001", case_ref="CAI-0001",
                    household_key=10)
IVAN = MatchRecord(2, "Абу Шанаб", "Иван", "", surname_latin="Abu Shanab", given_names_latin="Ivan",
                   birth_date=PartialDate(1980, 1, 2), sex=Sex.MALE, documents=("P1234567",), household_key=10)
OTHER = MatchRecord(3, "Петров", "Сергей", "Олегович", birth_date=PartialDate(1970, 6, 6), sex=Sex.MALE,
                    documents=("751111111",))


def _best(roster: list[MatchRecord], row: MatchRecord) -> tuple[object, str]:
    found = RosterIndex(roster).candidates(row)
    return (found[0].key, found[0].decision) if found else (None, "none")


BORN = PartialDate(1985, 3, 12)


def _row(name: str, birth: PartialDate | None = BORN, docs: tuple[str, ...] = ("721234567",),
         **fields: object) -> MatchRecord:
    return MatchRecord.from_full_name("row", name, birth_date=birth, documents=docs, **fields)  # type: ignore[arg-type]


# -- each error type still finds the person ------------------------------------------------

@pytest.mark.parametrize("name", [
    "SHCHERBAKOVA MARIIA", "SCHERBAKOVA MARIYA", "SHHERBAKOVA MARIYA", "SHCHERBAKOVA MARIA",
    "MARIIA SHCHERBAKOVA",  # given name first
    "Shcherbakova Mariia Ivanovna",
])
def test_romanisations_and_order_match(name: str) -> None:
    assert _best([MARIA, IVAN, OTHER], _row(name)) == (1, "match")


@pytest.mark.parametrize("name", ["ABUSHANAB IVAN", "IVAN ABOU CHANAB", "Abu-Shanab Ivan"])
def test_arabic_particles_match(name: str) -> None:
    assert _best([MARIA, IVAN, OTHER], _row(name, PartialDate(1980, 1, 2), ("P 1234567",))) == (2, "match")


def test_separate_columns_swapped_still_match() -> None:
    row = MatchRecord("row", surname_latin="MARIIA", given_names_latin="SHCHERBAKOVA",
                      birth_date=PartialDate(1985, 3, 12), documents=("721234567",))
    found = RosterIndex([MARIA]).candidates(row)
    assert found[0].decision == "match"
    assert "surname and given name in each other's place" in found[0].reasons


@pytest.mark.parametrize(("docs", "reason"), [
    (("72 1234567",), "document equal"),
    (("721234568",), "document differs by one character"),
])
def test_document_spaced_or_one_digit_off_matches(docs: tuple[str, ...], reason: str) -> None:
    found = RosterIndex([MARIA, OTHER]).candidates(_row("SHCHERBAKOVA MARIIA", docs=docs))
    assert found[0].decision == "match"
    assert reason in found[0].reasons


def test_one_digit_off_document_without_birth_date_is_review_beside_a_namesake() -> None:
    namesake = MatchRecord(13, "Щербакова", "Мария", "Петровна", birth_date=PartialDate(1990, 1, 1))
    found = RosterIndex([MARIA, namesake]).candidates(_row("SHCHERBAKOVA MARIIA", birth=None, docs=("721234568",)))
    assert (found[0].key, found[0].decision) == (1, "review")
    assert [c.key for c in found] == [1, 13]  # the namesake is shown beside her


def test_missing_document_with_name_and_birth_date_matches() -> None:
    assert _best([MARIA, OTHER], _row("MARIYA SHCHERBAKOVA", docs=())) == (1, "match")


def test_swapped_day_and_month() -> None:
    found = RosterIndex([MARIA]).candidates(_row("SHCHERBAKOVA MARIIA", PartialDate(1985, 12, 3)))
    assert found[0].decision == "match"
    assert "birth date day/month swapped" in found[0].reasons


def test_year_only_with_document_matches_without_goes_to_review() -> None:
    assert _best([MARIA], _row("SHCHERBAKOVA MARIIA", PartialDate(1985))) == (1, "match")
    assert _best([MARIA], _row("SHCHERBAKOVA MARIIA", PartialDate(1985), ())) == (1, "review")


def test_typo_in_surname_with_document_matches() -> None:
    assert _best([MARIA, OTHER], _row("SHCHERBKOVA MARIIA")) == (1, "match")


def test_roster_id_or_case_reference_match() -> None:
    assert _best([MARIA, OTHER], _row("S M", None, (), uuid=MARIA.uuid))[1] != "none"
    assert _best([MARIA, OTHER], _row("SHCHERBAKOVA MARIIA", None, (), case_ref="cai-0001")) == (1, "match")


def test_stranger_is_no_match() -> None:
    assert _best([MARIA, IVAN, OTHER], _row("NOVIKOV ARTEM", PartialDate(1990, 5, 5), ("700000001",))) == (
        None, "none")


# -- hard negatives: never 'match' ---------------------------------------------------------

def test_namesake_with_another_birth_date_is_not_matched() -> None:
    namesake = _row("SHCHERBAKOVA MARIIA", PartialDate(1991, 7, 20), ("761234567",))
    assert _best([MARIA], namesake)[1] != "match"  # a passport one digit off: a person may look
    assert _best([MARIA], _row("SHCHERBAKOVA MARIIA", PartialDate(1991, 7, 20), ("751234999",)))[1] == "none"


def test_two_namesakes_and_a_year_only_row_go_to_review() -> None:
    twin_name = MatchRecord(9, "Щербакова", "Мария", "Петровна", birth_date=PartialDate(1985, 8, 1))
    found = RosterIndex([MARIA, twin_name]).candidates(_row("SHCHERBAKOVA MARIIA", PartialDate(1985), ()))
    assert [c.decision for c in found] == ["review", "review"]


def test_twins_are_not_each_other() -> None:
    twin = MatchRecord(4, "Щербаков", "Михаил", "Иванович", birth_date=PartialDate(1985, 3, 12), sex=Sex.MALE)
    row = _row("SHCHERBAKOV MIKHAIL", docs=())
    assert _best([MARIA], row)[1] == "none"          # Mariia's twin brother is not on the roster
    assert _best([MARIA, twin], row) == (4, "match")  # and when he is, he is the one


def test_twins_with_close_names_are_not_matched_to_each_other() -> None:
    daniil = MatchRecord(5, "Орлов", "Даниил", "", birth_date=PartialDate(2010, 4, 4), sex=Sex.MALE)
    danila = MatchRecord(6, "Орлов", "Данила", "", birth_date=PartialDate(2010, 4, 4), sex=Sex.MALE)
    row = _row("ORLOV DANIIL", PartialDate(2010, 4, 4), ())
    assert _best([danila], row)[1] != "match"        # Daniil is not on the roster: never Danila
    assert _best([danila, daniil], row) == (5, "review")  # names this close need a person to look
    with_passports = [MatchRecord(5, "Орлов", "Даниил", "", birth_date=PartialDate(2010, 4, 4), documents=("7000001",)),
                      MatchRecord(6, "Орлов", "Данила", "", birth_date=PartialDate(2010, 4, 4), documents=("7000002",))]
    assert _best(with_passports, _row("ORLOV DANIIL", PartialDate(2010, 4, 4), ("7000001",))) == (5, "match")


def test_father_and_son_with_one_name_are_not_matched() -> None:
    father = MatchRecord(7, "Иванов", "Иван", "Иванович", birth_date=PartialDate(1960, 5, 1), sex=Sex.MALE)
    son = MatchRecord(8, "Иванов", "Иван", "Иванович", birth_date=PartialDate(1986, 9, 9), sex=Sex.MALE)
    row = _row("IVANOV IVAN IVANOVICH", PartialDate(1986, 9, 9), ())
    assert _best([father], row)[1] == "none"  # shown as the closest person, never matched
    assert _best([father, son], row) == (8, "match")
    assert _best([father], _row("IVANOV IVAN", PartialDate(1986), ()))[1] == "none"


def test_same_name_and_birth_date_with_another_passport_matches() -> None:
    """A renewed passport, or the partner typed another document: names and birth date still decide."""
    found = RosterIndex([MARIA]).candidates(_row("SHCHERBAKOVA MARIIA", docs=("759999999",)))
    assert found[0].decision == "match"
    assert "documents differ" in found[0].reasons
    assert ("document", "different") in [(field, level) for field, level, _ in found[0].contributions]


def test_same_name_and_birth_date_with_another_passport_and_a_namesake_goes_to_review() -> None:
    namesake = MatchRecord(12, "Щербакова", "Мария", "Петровна", birth_date=PartialDate(1985, 3, 12),
                           documents=("730000001",))
    found = RosterIndex([MARIA, namesake]).candidates(_row("SHCHERBAKOVA MARIIA", docs=("759999999",)))
    assert [c.decision for c in found] == ["review", "review"]


def test_runner_up_close_to_the_best_turns_match_into_review() -> None:
    copy = MatchRecord(11, "Щербакова", "Мария", "Ивановна", birth_date=PartialDate(1985, 3, 12))
    found = RosterIndex([MARIA, copy]).candidates(_row("SHCHERBAKOVA MARIIA", docs=()))
    assert [c.decision for c in found] == ["review", "review"]
    assert any(r.startswith("another person scores close") for r in found[0].reasons)


# -- thresholds ----------------------------------------------------------------------------

@given(st.floats(min_value=0.0, max_value=1.0))
def test_decide_is_monotonic_in_the_score(score: float) -> None:
    expected = "match" if score >= MATCH_THRESHOLD else "review" if score >= REVIEW_THRESHOLD else "none"
    assert decide(score) == expected


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["SHCHERBAKOVA MARIIA", "MARIYA SHCHERBAKOVA", "SHHERBAKOVA MARIYA"]),
       st.booleans(), st.booleans())
def test_any_correct_row_is_match_or_review(name: str, with_doc: bool, full_date: bool) -> None:
    row = _row(name, PartialDate(1985, 3, 12) if full_date else PartialDate(1985), ("721234567",) if with_doc else ())
    key, decision = _best([MARIA, IVAN, OTHER], row)
    assert key == 1 and decision in ("match", "review")


# -- blocking and duplicates ---------------------------------------------------------------

def _crowd(size: int, seed: int = 5) -> list[MatchRecord]:
    rng = random.Random(seed)
    surnames = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Волков", "Зайцев", "Орлов", "Белов"]
    names = ["Иван", "Пётр", "Сергей", "Олег", "Юрий", "Павел", "Денис", "Роман", "Антон", "Игорь"]
    return [MatchRecord(i, f"{rng.choice(surnames)}{rng.choice(['', 'ский', 'ин'])}", rng.choice(names), "",
                        birth_date=PartialDate(rng.randint(1950, 2010), rng.randint(1, 12), rng.randint(1, 28)),
                        documents=(str(rng.randint(10**8, 10**9 - 1)),)) for i in range(size)]


def test_blocking_compares_far_fewer_pairs_than_all() -> None:
    roster = _crowd(5_000)
    index = RosterIndex(roster)
    for row in roster[:500]:
        index.candidates(row)
    assert index.comparisons < 500 * len(roster) / 20  # under 5% of the full product


def test_blocking_grows_about_linearly() -> None:
    small, large = RosterIndex(_crowd(2_000)), RosterIndex(_crowd(8_000))
    queries = _crowd(200, seed=9)
    for row in queries:
        small.candidates(row)
        large.candidates(row)
    assert large.comparisons <= 6 * max(small.comparisons, 1)


def test_duplicate_finder_reports_every_pair_once() -> None:
    again = MatchRecord(20, "Щербакова", "Мария", "", surname_latin="SHCHERBAKOVA", given_names_latin="MARIIA",
                        birth_date=PartialDate(1985, 3, 12), documents=("721234567",))
    third = MatchRecord(21, "Shcherbakova", "Mariya", "", birth_date=PartialDate(1985, 12, 3))
    pairs = find_duplicates([MARIA, IVAN, OTHER, again, third])
    keys = {(p.key_a, p.key_b) for p in pairs}
    assert (1, 20) in keys and (1, 21) in keys and (20, 21) in keys
    assert all(p.key_a != p.key_b for p in pairs) and len(keys) == len(pairs)
    assert next(p for p in pairs if (p.key_a, p.key_b) == (1, 20)).decision == "match"


def test_duplicate_finder_leaves_twins_and_father_and_son_apart() -> None:
    family = [
        MatchRecord(1, "Иванов", "Иван", "Иванович", birth_date=PartialDate(1960, 5, 1), household_key=1),
        MatchRecord(2, "Иванов", "Иван", "Иванович", birth_date=PartialDate(1986, 9, 9), household_key=1),
        MatchRecord(3, "Иванова", "Анна", "Ивановна", birth_date=PartialDate(1990, 2, 2), household_key=1),
        MatchRecord(4, "Иванова", "Ольга", "Ивановна", birth_date=PartialDate(1990, 2, 2), household_key=1),
    ]
    assert find_duplicates(family) == []

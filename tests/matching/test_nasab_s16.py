"""A son whose given name is his father's name, and whose father's name is his father's given name, is not his
father (issue 14, breaker X14h, session 16).

In an Arabic name the father's name follows the given name (the nasab): Mohammed Ahmed Hassan's son is often
Ahmed Mohammed Hassan. Words were assigned to the other side's words best level first, a word in another role
as good as one in its own, so the son's given name (Ahmed) answered the father's patronymic and his
patronymic (Mohammed) the father's given name: 'given name equal, patronymic equal', and a partner's row
naming the son, with no birth date, was matched to the father (0.995), in two columns or one cell. A given
name now answers the given name and a patronymic the patronymic when both sides give both. In one cell the
given name comes first (or first after the surname) and the father's name next: the son written there is a
given name that differs, and the four-part name of his son Ali ('Ali Mohammed Ahmed Hassan', matched at
0.995 too) does not count the patronymic (review without a birth date).

Usage: ``pytest tests/matching/test_nasab_s16.py``
"""

from __future__ import annotations

import pytest

from desktop_app.domain.dates import PartialDate
from desktop_app.matching import MatchRecord, RosterIndex
from tests.matching.test_twins_attacks_s13 import NAMES, _crowd

FATHER_BORN = PartialDate(1975, 3, 2)
# (surname, the father's given name, his father's name): the son is (surname, the second, the first)
FAMILIES = {"arabic": ("حسن", "محمد", "أحمد"), "latin": ("Hassan", "Mohammed", "Ahmed"),
            "cyrillic": ("Хасан", "Мухаммед", "Ахмед")}


def _father(script: str) -> MatchRecord:
    surname, given, fathers = FAMILIES[script]
    return MatchRecord("father", surname, given, fathers, birth_date=FATHER_BORN, documents=("N7000001",))


@pytest.fixture(scope="module")
def crowd() -> list[MatchRecord]:
    return _crowd(NAMES)


def _decided(crowd: list[MatchRecord], row: MatchRecord) -> tuple[str, str]:
    found = RosterIndex([*crowd, _father(row_script(row))]).candidates(row)
    return (str(found[0].key), found[0].decision) if found else ("", "none")


def row_script(row: MatchRecord) -> str:
    return str(row.key).split("-")[0]


def _rows(script: str, given: str, fathers: str, born: PartialDate | None) -> list[MatchRecord]:
    surname = FAMILIES[script][0]
    return [MatchRecord(f"{script}-two", surname, given, fathers, birth_date=born),
            MatchRecord.from_full_name(f"{script}-given-first", f"{given} {fathers} {surname}", birth_date=born),
            MatchRecord.from_full_name(f"{script}-surname-first", f"{surname} {given} {fathers}", birth_date=born)]


@pytest.mark.parametrize("script", FAMILIES)
def test_the_son_named_in_the_nasab_is_not_matched_to_his_father(crowd: list[MatchRecord], script: str) -> None:
    """Matched at 0.995 before (no birth date on the partner's row, no passport), in two cells and one."""
    _, given, fathers = FAMILIES[script]
    for row in _rows(script, fathers, given, None):
        assert _decided(crowd, row)[1] != "match", row.key


@pytest.mark.parametrize("script", FAMILIES)
def test_the_father_is_still_matched(crowd: list[MatchRecord], script: str) -> None:
    _, given, fathers = FAMILIES[script]
    for born in (None, FATHER_BORN):
        for row in _rows(script, given, fathers, born):
            assert _decided(crowd, row) == ("father", "match"), row.key


@pytest.mark.parametrize("script", FAMILIES)
def test_the_grandson_four_part_name_in_one_cell_is_not_matched(crowd: list[MatchRecord], script: str) -> None:
    """Ali son of Mohammed son of Ahmed, in one cell: matched to Mohammed son of Ahmed at 0.995 before."""
    surname, given, fathers = FAMILIES[script]
    son = {"arabic": "علي", "latin": "Ali", "cyrillic": "Али"}[script]
    for text in (f"{son} {given} {fathers} {surname}", f"{surname} {son} {given} {fathers}"):
        assert _decided(crowd, MatchRecord.from_full_name(f"{script}-row", text)) != ("father", "match"), text


@pytest.mark.parametrize("script", FAMILIES)
def test_the_father_with_his_grandfather_in_one_cell_is_still_matched(crowd: list[MatchRecord], script: str) -> None:
    surname, given, fathers = FAMILIES[script]
    grandfather = {"arabic": "علي", "latin": "Ali", "cyrillic": "Али"}[script]
    for text in (f"{given} {fathers} {grandfather} {surname}", f"{surname} {given} {fathers} {grandfather}"):
        assert _decided(crowd, MatchRecord.from_full_name(f"{script}-row", text)) == ("father", "match"), text

"""Breaker X14's attacks on locality and address: places rank namesakes but never make a match alone.

A town and an address belong to a household and its neighbours, not to one person. Replayed:
an answer row 'ZINNATULLIN RAMIL' with the town and address of Зиннатуллин Рустам (his brother,
not on the roster) and no birth date or document was matched to Рустам at 0.9995; a row giving
only a name and the town of an off-list namesake was matched at 0.999 (without places the same
row went to review); a son without an address on the roster lost to his father who had one.
"""

from __future__ import annotations

import random

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.person import Sex
from desktop_app.matching import MatchRecord, RosterIndex

TOWN, STREET = "Beit Hanoun", "Street 9, house 4"


def _neighbours(n: int = 300) -> list[MatchRecord]:
    rng = random.Random(1)
    surnames = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов"]
    given = ["Иван", "Пётр", "Сергей", "Алексей", "Андрей", "Дмитрий"]
    return [MatchRecord(100 + i, surname=rng.choice(surnames), given_names=rng.choice(given),
                        birth_date=PartialDate(1950 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28)),
                        locality=rng.choice(["Rafah", "Gaza", "Khan Younis", TOWN]),
                        address=f"block {rng.randrange(300)}")
            for i in range(n)]


def _rustam(**extra: object) -> MatchRecord:
    fields: dict[str, object] = {"surname": "Зиннатуллин", "given_names": "Рустам",
                                 "birth_date": PartialDate(1960, 5, 5), "locality": TOWN, "address": STREET}
    fields.update(extra)
    return MatchRecord(1, **fields)  # type: ignore[arg-type]


def test_a_brother_at_the_same_address_is_not_matched() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    for sex in (None, Sex.MALE):
        found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RAMIL", sex=sex, locality=TOWN,
                                                            address="Street 9 house 4"))
        assert found[0].key == 1
        assert found[0].decision == "review"
        assert "only the town and address make it a match" in found[0].reasons


def test_a_name_and_a_town_alone_go_to_review() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    for address in ("", "Street 9 house 4"):
        found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN, address=address))
        assert (found[0].key, found[0].decision) == (1, "review")
        assert found[0].score > 0.99  # the places still rank him first and show in the score


def test_a_father_with_an_address_does_not_win_over_his_son_without_one() -> None:
    son = MatchRecord(2, surname="Зиннатуллин", given_names="Рустам", birth_date=PartialDate(1988, 3, 3),
                      household_key="H")
    index = RosterIndex([*_neighbours(), _rustam(household_key="H"), son])
    found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", locality=TOWN,
                                                        address="Street 9 house 4"))
    assert {c.key for c in found[:2]} == {1, 2}
    assert all(c.decision != "match" for c in found)


def test_places_still_confirm_a_person_their_birth_date_names() -> None:
    index = RosterIndex([*_neighbours(), _rustam()])
    found = index.candidates(MatchRecord.from_full_name("q", "ZINNATULLIN RUSTAM", birth_date=PartialDate(1960, 5, 5),
                                                        locality=TOWN, address="Street 9 house 4"))
    assert (found[0].key, found[0].decision) == (1, "match")
    assert "only the town and address make it a match" not in found[0].reasons

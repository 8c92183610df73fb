"""Namesakes born the same day are not one person (issue 14, found by breaker X14d).

A roster with 420 'Mohammed Ahmed' in Arabic, Latin and Cyrillic letters born over 20 years holds about
a dozen pairs born the same day by chance. The duplicate finder offered one of them, an Arabic-script and
a Cyrillic record with nothing else, as a 'match' at 0.993: each script's spelling was counted apart for
the names' term frequencies, the surname's and the given name's frequencies were multiplied as if whoever
is Ahmed were not Mohammed too, and an equal birth date was put at 1 in 120,000 pairs (the sampled pairs
held none). Fellegi-Sunter with frequencies counted across scripts (`Model.with_term_frequencies`), the
full name's own frequency (`Model.joint_names`) and u of an equal birth date counted on every pair.
"""

from __future__ import annotations

import random

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import name_key
from desktop_app.matching.engine import find_duplicates
from desktop_app.matching.features import prepare
from desktop_app.matching.model import Model
from desktop_app.matching.records import MatchRecord

NAMESAKES = 420
# (surname, given names, surname Latin, given names Latin) in the three scripts
MOHAMMED_AHMED = (("AHMED", "MOHAMMED", "", ""), ("أحمد", "محمد", "", ""), ("Ахмед", "Мухаммед", "", ""))
IVANOV_IVAN = (("IVANOV", "IVAN", "", ""), ("Иванов", "Иван", "IVANOV", "IVAN"))
BREAKER_DAY = PartialDate(2004, 4, 22)


def _roster(spellings: tuple[tuple[str, str, str, str], ...], others: int = 1_000) -> list[MatchRecord]:
    """Namesakes born over 20 years (none on the breaker's day), the breaker's two, and persons of other names."""
    rng = random.Random(14)
    records = []
    for key in range(1, NAMESAKES + 1):
        surname, given, surname_latin, given_latin = spellings[key % len(spellings)]
        born = BREAKER_DAY
        while born == BREAKER_DAY:
            born = PartialDate(rng.randint(1990, 2009), rng.randint(1, 12), rng.randint(1, 28))
        records.append(MatchRecord(key, surname=surname, given_names=given, surname_latin=surname_latin,
                                   given_names_latin=given_latin, birth_date=born))
    for key, (surname, given, surname_latin, given_latin) in ((1001, spellings[1]), (1002, spellings[-1])):
        records.append(MatchRecord(key, surname=surname, given_names=given, surname_latin=surname_latin,
                                   given_names_latin=given_latin, birth_date=BREAKER_DAY))
    letters, vowels = "BDFGKLMNPRSTVZ", "AEIOU"
    for key in range(others):
        def word(syllables: int) -> str:
            return "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(syllables))
        records.append(MatchRecord(10_000 + key, surname=word(3) + "N", given_names=word(2),
                                   birth_date=PartialDate(rng.randint(1940, 2015), rng.randint(1, 12),
                                                          rng.randint(1, 28))))
    return records


def test_namesakes_of_a_common_name_in_three_scripts_born_the_same_day_are_not_a_match() -> None:
    pairs = find_duplicates(_roster(MOHAMMED_AHMED))
    namesakes = [pair for pair in pairs if int(pair.key_a) < 10_000 and int(pair.key_b) < 10_000]
    assert namesakes  # the pairs born the same day are offered for a look
    assert not [(p.key_a, p.key_b, p.score) for p in namesakes if p.decision == "match"]
    (breaker,) = [p for p in pairs if {p.key_a, p.key_b} == {1001, 1002}]
    assert breaker.decision == "review" and breaker.score < 0.98


def test_latin_namesakes_born_the_same_day_are_not_a_match_either() -> None:
    pairs = find_duplicates(_roster(IVANOV_IVAN))
    assert [p.decision for p in pairs if {p.key_a, p.key_b} == {1001, 1002}] == ["review"]
    assert not [p for p in pairs if p.decision == "match"]


def test_a_namesake_registered_twice_is_still_found() -> None:
    roster = _roster(MOHAMMED_AHMED)
    roster += [MatchRecord(2001, surname="أحمد", given_names="محمد", birth_date=PartialDate(1997, 6, 3),
                           documents=("N4815162",)),
               MatchRecord(2002, surname="AHMED", given_names="MOHAMMED", birth_date=PartialDate(1997, 6, 3),
                           documents=("N4815162",))]
    (again,) = [p for p in find_duplicates(roster) if {p.key_a, p.key_b} == {2001, 2002}]
    assert again.decision == "match"


def test_a_name_is_counted_in_every_script_it_is_written_in() -> None:
    records = [prepare(record) for record in _roster(MOHAMMED_AHMED, others=0)]
    model = Model.shipped().with_term_frequencies(records)
    given = model.term_frequencies[1]
    arabic, latin = given[name_key(("محمد",))], given[name_key(("MOHAMMED",))]
    # محمد is equal to both other spellings under the Arabic consonants; Мухаммед and MOHAMMED are not one spelling
    assert arabic > latin > given[name_key(("Мухаммед",))] / 2
    assert model.full_names is not None
    assert model.full_names[name_key(("أحمد",)), name_key(("محمد",))] > NAMESAKES // 2


def test_a_full_name_a_few_registrations_share_keeps_its_names_evidence() -> None:
    """A person registered up to six times with the date mistyped is not a crowd of namesakes (FEBRL2)."""
    dates = [PartialDate(1969, 4, 11), PartialDate(1996, 4, 11), PartialDate(1969, 11, 4), PartialDate(1969, 4, 1)]
    records = [prepare(MatchRecord(key, surname="NARULLA", given_names="EMMA", birth_date=date))
               for key, date in enumerate(dates)]
    assert Model.shipped().with_term_frequencies(records).full_names is None

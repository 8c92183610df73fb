"""Arabic-script names against Latin and Cyrillic ones: equal under the Arabic consonant frame.

Replays what H2 found: `word_level` compared only the Latin forms, so an Arabic word met a
Latin spelling of another vowel (محمد / MOHAMMED, هدى / HODA) or a Russian name written in
Arabic letters (ايفانوف / IVANOV) at 'different' at best.
"""

from __future__ import annotations

from desktop_app.domain.dates import PartialDate
from desktop_app.matching.comparisons import DIFFERENT, SCHEME, compare_words, word_level
from desktop_app.matching.engine import RosterIndex
from desktop_app.matching.normalize import name_words
from desktop_app.matching.records import MatchRecord


def _level(a: str, b: str) -> tuple[int, str]:
    return word_level(name_words(a)[0], name_words(b)[0])


def test_arabic_words_meet_latin_and_cyrillic_spellings_under_the_consonant_frame() -> None:
    for arabic, other in (("محمد", "MOHAMMED"), ("محمد", "Muhammad"), ("هدى", "HODA"), ("هدى", "Huda"),
                          ("ايفانوف", "IVANOV"), ("ايفانوف", "Иванов"), ("عبد", "ABED")):
        assert _level(arabic, other) == (SCHEME, "Arabic consonants"), (arabic, other)
        assert compare_words(name_words(arabic)[0], name_words(other)[0]) == (1.0, "equal under Arabic consonants")


def test_a_long_vowel_the_latin_lacks_keeps_two_names_apart() -> None:
    level, _ = _level("محمود", "MOHAMED")  # Mahmoud and Mohamed share M-H-M-D
    assert level > SCHEME
    assert _level("ايفانوف", "PETROV")[0] == DIFFERENT


def test_arabic_roster_rows_are_matched_from_a_latin_answer() -> None:
    roster = [
        MatchRecord(1, surname="أبو شنب", given_names="هدى", birth_date=PartialDate(1990, 3, 4)),
        MatchRecord(2, surname="ايفانوف", given_names="سيرغي", birth_date=PartialDate(1985, 5, 6)),
        MatchRecord(3, surname="Petrov", given_names="Ivan", birth_date=PartialDate(1985, 5, 6)),
    ]
    index = RosterIndex(roster)
    huda = index.candidates(MatchRecord.from_full_name(10, "HODA ABUSHANAB", birth_date=PartialDate(1990, 3, 4)))
    assert (huda[0].key, huda[0].decision) == (1, "match")
    assert "given name equal under Arabic consonants" in huda[0].reasons
    ivanov = index.candidates(MatchRecord(11, surname_latin="IVANOV", given_names_latin="SERGEY",
                                          birth_date=PartialDate(1985, 5, 6)))
    assert (ivanov[0].key, ivanov[0].decision) == (2, "match")
    assert "surname equal under Arabic consonants" in ivanov[0].reasons

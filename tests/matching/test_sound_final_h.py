"""A final H after a vowel is not heard: Sarah and Сара, Fatimah and Fatima are one name by sound (issue 14).

Arabic names end in a ta marbuta that Latin spellings write as -A or -AH, and English ones
(Sarah, Hannah, Leah) are written both ways; Cyrillic writes neither H. Before, SARAH against
the roster's Сара was only 'Jaro-Winkler 0.94 or more', and with the birth date equal and the
passport renewed the twin caution kept the row at review (independent bench seed 1, tuning).
An H after a consonant is a letter of its own (KH for Х, SH, CH, ZH, PH) and stays.

Usage: ``pytest tests/matching/test_sound_final_h.py``
"""

from __future__ import annotations

import pytest

from desktop_app.domain.spellings import name_words, sound_key
from desktop_app.matching.comparisons import SOUND, word_level


@pytest.mark.parametrize(("a", "b"), [("SARAH", "Сара"), ("HANNAH", "HANNA"), ("FATIMAH", "Фатима"),
                                      ("LEAH", "LEA"), ("AISHAH", "Аиша")])
def test_a_final_h_after_a_vowel_is_one_name_by_sound(a: str, b: str) -> None:
    assert word_level(name_words(a)[0], name_words(b)[0])[0] <= SOUND


@pytest.mark.parametrize(("word", "key"), [("DUKH", "DUH"), ("MIKHAILOVICH", "MIHAILOVIS"), ("SARAH", "SARA")])
def test_an_h_after_a_consonant_stays(word: str, key: str) -> None:
    assert sound_key(word) == key


def test_other_names_stay_apart() -> None:
    assert word_level("SARAH", "SAHAR")[0] > SOUND
    assert word_level("NOAH", "NOOR")[0] > SOUND

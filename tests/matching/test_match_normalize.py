"""Name normalisation: romanisation variants, Arabic particles, sound and blocking keys."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.matching.normalize import (
    arabic_particles,
    block_key,
    fold_latin,
    latin_forms,
    latin_words,
    sound_key,
)
from desktop_app.matching.scoring import compare_words


@pytest.mark.parametrize("spelling", ["SHCHERBAKOV", "SCHERBAKOV", "SHHERBAKOV", "SHCHERBAKOFF", "CHTCHERBAKOV"])
def test_every_spelling_of_shcherbakov_has_one_sound(spelling: str) -> None:
    assert sound_key(spelling) == sound_key("SHCHERBAKOV") == "SERBAKOV"


@pytest.mark.parametrize("spelling", ["MARIIA", "MARIYA", "MARIA", "MARIJA"])
def test_every_spelling_of_mariia_has_one_sound(spelling: str) -> None:
    assert sound_key(spelling) == "MARIA"


@pytest.mark.parametrize(("cyrillic", "latin", "scheme"), [
    ("щербаков", "SHCHERBAKOV", "ICAO 9303"),
    ("щербаков", "SHHERBAKOV", "GOST 7.79 B"),
    ("щербаков", "SHCHERBAKOFF", "informal spelling"),
    ("мария", "MARIIA", "ICAO 9303"),
    ("мария", "MARIYA", "MVD 310"),
    ("сергеевич", "SERGEYEVICH", "MVD 782"),
    ("евгений", "YEVGENIY", "BGN/PCGN"),
])
def test_cyrillic_expands_into_the_schemes_partners_use(cyrillic: str, latin: str, scheme: str) -> None:
    assert latin_forms(cyrillic).forms[latin] == scheme


def test_comparison_names_the_scheme() -> None:
    assert compare_words("SHHERBAKOV", "щербаков") == (1.0, "equal under GOST 7.79 B")
    assert compare_words("SCHERBAKOV", "щербаков") == (0.97, "equal by sound")


@pytest.mark.parametrize("text", ["Abu Shanab", "ABUSHANAB", "Abou Chanab", "abu-shanab", "ABO SHANAB"])
def test_abu_shanab_spellings_meet(text: str) -> None:
    words = latin_words(text)
    assert len(words) == 1
    assert sound_key(words[0]) == sound_key("ABUSHANAB")


@pytest.mark.parametrize(("words", "expected"), [
    (["ABD", "AL", "RAHMAN"], ["ABDRAHMAN"]),
    (["ABDEL", "RAHMAN"], ["ABDRAHMAN"]),
    (["ABDULRAHMAN"], ["ABDRAHMAN"]),
    (["EL", "MASRI"], ["MASRI"]),
    (["AL"], ["AL"]),                 # an article alone is kept: it is somebody's name
    (["ALEKSANDR"], ["ALEKSANDR"]),   # AL at the start of a word is not an article
])
def test_arabic_particles(words: list[str], expected: list[str]) -> None:
    assert arabic_particles(words) == expected


def test_fold_latin_drops_accents_and_soft_signs() -> None:
    assert fold_latin("Natal'ya Kuz’mina-Šćerba") == "NATALYA KUZMINA SCERBA"


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12))
def test_sound_key_is_upper_ascii_without_doubled_letters(word: str) -> None:
    key = sound_key(word)
    assert key.isascii() and key.isupper()
    assert all(a != b for a, b in itertools.pairwise(key))
    assert block_key(key)[:1] == key[:1]
    assert not set(block_key(key)[1:]) & set("AEIOU")

"""Name normalisation: romanisation variants, mixed scripts, Arabic script and particles, sound and blocking keys."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.scripts import arabic_words, fold_mixed_scripts, skeletons
from desktop_app.matching.normalize import (
    ARABIC_SKELETON,
    AS_WRITTEN,
    SKELETON_PREFIX,
    arabic_particles,
    block_key,
    equal_under_scheme,
    fold_latin,
    latin_forms,
    latin_words,
    name_words,
    sound_key,
    surname_given,
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


# -- scripts and spellings (issue 14) ---------------------------------------------------------

def _meet(a: str, b: str) -> bool:
    """Whether every word of the shorter name shares a blocking key with a word of the other."""
    words_a, words_b = name_words(a), name_words(b)
    short, other = sorted((words_a, words_b), key=len)
    return all(any(latin_forms(x).blocks & latin_forms(y).blocks for y in other) for x in short)


def _same(a: str, b: str) -> list[str | None]:
    """The scheme under which each word of `a` equals some word of `b` (None where none does)."""
    words_b = name_words(b)
    return [next((how for y in words_b if (how := equal_under_scheme(x, y))), None) for x in name_words(a)]


@pytest.mark.parametrize(("written", "folded"), [
    ("LI͡UBOVʹ", ["LIUBOV"]),                 # ALA-LC: combining double breve and modifier prime
    ("ARTЁM", ["ARTEM"]),                     # a Cyrillic Ё inside Latin text
    ("SOLOV’YЁV", ["SOLOVYEV"]),
    ("РЕТROV", ["PETROV"]),                   # Cyrillic Р and Е inside Latin
    ("Ивaнов", ["иванов"]),                   # a Latin a inside Cyrillic
    ("Polyakov, Vasilij", ["POLYAKOV", "VASILIJ"]),
    ("O’Neil-Smith", ["ONEIL", "SMITH"]),
])
def test_marks_mixed_letters_apostrophes_hyphens_commas(written: str, folded: list[str]) -> None:
    assert name_words(written) == folded


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Любовь", "LI͡UBOVʹ"), ("Артём", "ARTЁM"), ("Соловьёв", "SOLOV’YЁV"), ("Поляков", "Polyakov"),
    ("Василий", "Vasilij"), ("Щербакова", "SHCHERBAKOVA"), ("Евгений", "YEVGENIY"),
])
def test_cyrillic_equals_its_latin_under_a_scheme_both_ways(cyrillic: str, latin: str) -> None:
    for a, b in ((cyrillic, latin), (latin, cyrillic)):
        how = _same(a, b)
        assert how and all(h not in (None, ARABIC_SKELETON) for h in how), (a, b, how)
        assert _meet(a, b)


def test_surname_given_order() -> None:
    assert surname_given("Polyakov, Vasilij") == ("Polyakov", "Vasilij")
    assert surname_given("ABU SHANAB,  HUDA ") == ("ABU SHANAB", "HUDA")
    assert surname_given("Polyakov Vasilij") is None
    assert surname_given("Polyakov,") is None
    assert surname_given("A, B, C") is None


@pytest.mark.parametrize("spelling", ["Muhammad", "Mohamed", "Mohammed", "MOHAMMAD", "Мухаммед", "Мохаммед",
                                      "Магомед", "مُحَمَّد", "محمد", "ﻣﺤﻤﺪ"])
def test_every_spelling_of_muhammad_is_arabic_muhammad(spelling: str) -> None:
    assert skeletons(name_words("محمد")[0]) <= latin_forms(name_words(spelling)[0]).skeletons
    for a, b in ((spelling, "محمد"), ("محمد", spelling)):
        assert _same(a, b)[0] in (ARABIC_SKELETON, AS_WRITTEN)
        assert _meet(a, b)


@pytest.mark.parametrize(("arabic", "other"), [
    ("أبو شنب", "Abu Shanab"), ("أبو شنب", "ABOU CHANAB"), ("أبو شنب", "ABUSHANAB"), ("أبو شنب", "Абу Шанаб"),
    ("عبد ربه", "Abd Rabbo"), ("عبد ربه", "ABED RABBO"), ("عبد الرحمن", "Abdel Rahman"),
    ("عبد الرحمن", "Abd al-Rahman"), ("عبد الرحمن", "ABDULRAHMAN"), ("عبد الرحمن", "Абдель Рахман"),
    ("المصري", "al-Masri"), ("المصري", "El Masri"), ("المصري", "ELMASRI"), ("الياس", "Elias"),
    ("فاطمة", "Fatima"), ("فاطمة", "Fatmeh"), ("فاطمة", "Фатима"),            # ta marbuta
    ("أحمد", "Ahmad"), ("احمد", "Ahmed"), ("إبراهيم", "Ibrahim"), ("مؤمن", "Moumen"),  # hamza forms
    ("هدى", "HODA"), ("هدى", "Huda"), ("عثمان", "Othman"), ("عثمان", "Osman"), ("عثمان", "Усман"),
    ("يوسف", "Youssef"), ("يوسف", "Юсуф"), ("آية", "Aya"), ("آية", "Ая"), ("الحلبي", "ALHALABI"),
    ("الحلبي", "Аль-Халаби"), ("الآغا", "Alagha"),
    ("ايفانوف", "Ivanov"), ("ايفانوف", "Иванов"), ("ايفانوف", "IVANOFF"),      # Russian names in Arabic letters
    ("سيرغي", "Sergey"), ("سيرجي", "Сергей"), ("بيتروف", "Petrov"), ("ألكسندر", "Aleksandr"),
])
def test_arabic_equals_latin_and_cyrillic_spellings_both_ways(arabic: str, other: str) -> None:
    for a, b in ((arabic, other), (other, arabic)):
        assert all(_same(a, b)), (a, b, _same(a, b))
        assert _meet(a, b)


def test_particles_and_word_order_of_the_answer_meet_the_roster() -> None:
    """`HODA ABUSHANAB` answers for `ABU SHANAB HUDA` and for the roster's أبو شنب هدى."""
    assert _same("HODA ABUSHANAB", "ABU SHANAB HUDA") == [None, AS_WRITTEN]  # HODA/HUDA: for the scorer
    assert _meet("HODA ABUSHANAB", "ABU SHANAB HUDA")
    assert all(_same("HODA ABUSHANAB", "أبو شنب هدى"))
    assert all(_same("أبو شنب هدى", "HODA ABUSHANAB"))
    assert _meet("HODA ABUSHANAB", "أبو شنب هدى")
    assert arabic_words("أبو شنب هدى") == ["ابوشنب", "هدى"]


@pytest.mark.parametrize(("a", "b"), [
    ("محمود", "Mohamed"),    # Mahmoud: same consonants, but a long U Mohamed lacks
    ("محمد", "Ahmad"), ("ايفانوف", "Petrov"), ("أبو شنب", "Abu Hassan"), ("عثمان", "Ahmad"),
    ("Mohamed", "Mohammed"),  # two Latin spellings: the same sound, not one scheme
])
def test_different_names_are_not_equal_under_a_scheme(a: str, b: str) -> None:
    assert equal_under_scheme(name_words(a)[0], name_words(b)[0]) is None
    assert equal_under_scheme(name_words(b)[0], name_words(a)[0]) is None


def test_a_glued_article_meets_the_name_without_it() -> None:
    assert _meet("ALHALABI SAMI", "Аль-Халаби Сами")
    assert _meet("Alagha Vera", "Аль-Ага Вера")


def test_skeleton_keys_are_blocking_keys_apart_from_block_key() -> None:
    forms = latin_forms("MOHAMED")
    assert SKELETON_PREFIX + "MHMD" in forms.blocks
    assert block_key(sound_key("MOHAMED")) in forms.blocks
    assert latin_forms("محمد").arabic and latin_forms("محمد").forms  # never empty: scorers take max() over them


_MIXED = st.text(alphabet=st.sampled_from([*"ABEKMOPTXaeopcyxnvz '’-,", *"АВЕКМНОРСТХЁЖЯаеорсухёжя"]), max_size=14)
_ARABIC = st.text(alphabet=st.sampled_from([*"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة ", "\u064e", "\u0640"]),
                  max_size=12)


@given(_MIXED)
def test_mixed_script_folding_is_idempotent(text: str) -> None:
    once = fold_mixed_scripts(text)
    assert fold_mixed_scripts(once) == once


@given(_MIXED | _ARABIC | st.text(alphabet="ABDELOUSHRMNT -", max_size=20))
def test_name_words_are_idempotent(text: str) -> None:
    once = name_words(text)
    assert name_words(" ".join(once)) == once


@given((_ARABIC | st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ'", max_size=12)).map(lambda t: t.replace(" ", "")))
def test_skeletons_are_upper_consonants_without_doubles(word: str) -> None:  # one word, as name_words gives
    for marked in skeletons(word):
        skeleton = marked.removeprefix("_")
        assert marked == skeleton or not skeleton or skeleton.isupper()  # '_' alone: vowels only (Aya)
        assert skeleton == "" or (skeleton.isascii() and skeleton.isupper() and not set(skeleton) & set("AEIOUYW_"))
        assert all(a != b for a, b in itertools.pairwise(skeleton))

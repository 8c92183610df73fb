"""Keys put together quickly must be the keys their definitions give (sorting and search depend on them)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.names import fold, words
from desktop_app.domain.person import normalize_document_number
from desktop_app.services.search_index import sort_key

NAMES = st.text(max_size=12) | st.sampled_from(["", " ", "Фёдоров", "أَحْمَد", "\u0301", "Ǆ", "x\u00a0y", " Éloïse "])


@given(NAMES, NAMES, NAMES, NAMES, NAMES)
def test_sort_key_is_the_fold_of_the_whole_name(surname: str, given_names: str, patronymic: str, surname_latin: str,
                                                given_names_latin: str) -> None:
    native = " ".join(p for p in (surname, given_names, patronymic) if p)
    expected = fold(native or f"{surname_latin} {given_names_latin}")[:600]
    assert sort_key(surname, given_names, patronymic, surname_latin, given_names_latin) == expected


def test_sort_key_of_long_names_is_cut_at_600() -> None:
    assert sort_key("a" * 400, "b" * 400, "", "", "") == ("a" * 400 + " " + "b" * 400)[:600]


@given(st.text(max_size=16) | st.sampled_from(["72 1234567", "ab-12", "ß12", "ﬁ9", "١٢٣"]))
def test_document_key_is_letters_and_digits_upper_case(number: str) -> None:
    # Compatibility forms count as their plain ones: full-width '７２' and superscript '¹' as '72' and '1'.
    plain = unicodedata.normalize("NFKC", number).upper()
    assert normalize_document_number(number) == "".join(ch for ch in plain if ch.isalnum())


@given(st.text(max_size=16) | st.text(st.characters(max_codepoint=127), max_size=16)
       | st.sampled_from(["MR-000001", "Abu-Shanab, Ahmad", "a_b.c/d", " \x1c x ", "Фёдоров-Щ"]))
def test_words_are_the_folded_words(value: str) -> None:
    assert words(value) == [w for w in re.split(r"[^\w]+", fold(value)) if w]


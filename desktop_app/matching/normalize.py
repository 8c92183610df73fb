"""Names as matching keys: Latin folding, romanisation variants, Arabic script and particles, sound keys.

The functions live in `desktop_app.domain.spellings` (shared with the roster search, which
must not import the engine); this module is their public face for matching. What to call:

    words = name_words("ABU SHANAB HUDA")       # ['ABUSHANAB', 'HUDA']; Cyrillic/Arabic kept in their script
    forms = latin_forms(words[0])               # .forms {spelling: scheme}, .sounds, .skeletons, .blocks
    equal_under_scheme("محمد", "MOHAMMED")      # 'Arabic consonants'; 'ICAO 9303' ...; None
    surname_given("Polyakov, Vasilij")          # ('Polyakov', 'Vasilij')
    place_text("Газа, ул. Омара Мухтара 12")    # 'GAZA UL OMARA MUKHTARA 12': a locality or address compared

A place (locality, address) is compared in Latin capitals and digits: Cyrillic romanised by
ICAO 9303, Arabic by anyascii, marks and apostrophes dropped, punctuation as spaces.
"""

import re
import unicodedata
from functools import lru_cache

import iuliia

from desktop_app.domain.scripts import anyascii, fold_mixed_scripts, has_arabic
from desktop_app.domain.spellings import (
    ARABIC_LETTERS,
    ARABIC_SKELETON,
    AS_WRITTEN,
    INFORMAL,
    SCHEMES,
    SKELETON_PREFIX,
    WordForms,
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

_NOT_PLACE = re.compile(r"[^A-Z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'’ʹʼ`ʺ\"")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=200_000)
def place_text(text: str | None) -> str:
    """A locality or address as compared: Latin capitals, digits and single spaces ('' for none)."""
    if not text or not text.strip():
        return ""
    text = fold_mixed_scripts(text).translate(_APOSTROPHES)
    if has_arabic(text):
        text = anyascii(text)
    if _CYRILLIC.search(text):
        text = iuliia.ICAO_DOC_9303.translate(text)
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).upper()
    return " ".join(_NOT_PLACE.sub(" ", plain).split())


__all__ = [
    "ARABIC_LETTERS",
    "ARABIC_SKELETON",
    "AS_WRITTEN",
    "INFORMAL",
    "SCHEMES",
    "SKELETON_PREFIX",
    "WordForms",
    "arabic_particles",
    "block_key",
    "equal_under_scheme",
    "fold_latin",
    "latin_forms",
    "latin_words",
    "name_words",
    "place_text",
    "sound_key",
    "surname_given",
]

"""Names as matching keys: Latin folding, romanisation variants, Arabic script and particles, sound keys.

The functions live in `desktop_app.domain.spellings` (shared with the roster search, which
must not import the engine); this module is their public face for matching. What to call:

    words = name_words("ABU SHANAB HUDA")       # ['ABUSHANAB', 'HUDA']; Cyrillic/Arabic kept in their script
    forms = latin_forms(words[0])               # .forms {spelling: scheme}, .sounds, .skeletons, .blocks
    equal_under_scheme("محمد", "MOHAMMED")      # 'Arabic consonants'; 'ICAO 9303' ...; None
    surname_given("Polyakov, Vasilij")          # ('Polyakov', 'Vasilij')
"""

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
    "sound_key",
    "surname_given",
]

"""How a name changes between the roster and a border list: schemes, typing errors, Arabic forms.

    rng = random.Random(1)
    romanise("Соловьёв", "BGN_PCGN")          # 'Solov’yёv' (the ё stays Cyrillic, as the scheme has it)
    typo("SOLOVYEV", rng)                       # ('SOLOVYV', 'delete')
    cyrillic_in_arabic("Иванов")                # 'ايفانوف'
    arabic_variant("أبو شنب", rng)             # e.g. 'ابوشنب'

Romanisation uses the `iuliia` library's published schemes (ICAO Doc 9303, MVD 310, GOST
52535, BGN/PCGN, ALA-LC, ...). Everything else here is the generator's own model of a clerk.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import iuliia

from bench.independent import rates

# QWERTY neighbours, for substitutions and insertions (as GeCo draws them).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(_ROWS):
                near += [_ROWS[_other][i] for i in (_c - 1, _c, _c + 1) if 0 <= i < len(_ROWS[_other])]
        _NEIGHBOURS[_ch] = "".join(near)

# Latin letters and the Cyrillic letters that look the same (a Russian keyboard layout left on).
_HOMOGLYPHS = {"A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
               "T": "Т", "X": "Х", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у"}

_CYR_TO_AR = {"а": "ا", "б": "ب", "в": "ف", "г": "ج", "д": "د", "е": "ي", "ё": "يو", "ж": "ج", "з": "ز", "и": "ي",
              "й": "ي", "к": "ك", "л": "ل", "м": "م", "н": "ن", "о": "و", "п": "ب", "р": "ر", "с": "س", "т": "ت",
              "у": "و", "ф": "ف", "х": "خ", "ц": "تس", "ч": "تش", "ш": "ش", "щ": "ش", "ъ": "", "ы": "ي", "ь": "",
              "э": "ا", "ю": "يو", "я": "يا", "-": " ", " ": " "}
_CYR_INITIAL = {"а": "ا", "и": "اي", "о": "او", "у": "او", "е": "ي", "э": "ا", "ю": "يو", "я": "يا"}


def pick(weights: Mapping[str, float], rng: random.Random) -> str:
    """One key of `weights`, drawn in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def romanise(text: str, scheme: str) -> str:
    """`text` (Cyrillic) in the named `iuliia` scheme; Latin or other letters pass through."""
    return getattr(iuliia, scheme).translate(text)


def typo(text: str, rng: random.Random) -> tuple[str, str]:
    """`text` with one typing error among its letters, and the error's kind."""
    kind = pick(rates.TYPO_KINDS, rng)
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text, "none"
    i = rng.choice(letters[1:])  # first letters are kept more often; GeCo's default too
    upper = text[i].isupper()

    def near(ch: str) -> str:
        out = rng.choice(_NEIGHBOURS.get(ch.lower(), "aeiou"))
        return out.upper() if upper else out

    if kind == "delete":
        return text[:i] + text[i + 1:], kind
    if kind == "substitute":
        return text[:i] + near(text[i]) + text[i + 1:], kind
    if kind == "insert":
        return text[:i] + near(text[i]) + text[i:], kind
    j = i + 1  # with the next letter, so that the first letter stays
    if j >= len(text) or not text[j].isalpha() or text[j] == text[i]:
        return text[:i] + near(text[i]) + text[i + 1:], "substitute"
    return text[:i] + text[j] + text[i] + text[j + 1:], kind


def homoglyph(text: str, rng: random.Random) -> str:
    """`text` with one Latin letter replaced by its Cyrillic look-alike (unchanged if none fits)."""
    spots = [i for i, ch in enumerate(text) if ch in _HOMOGLYPHS]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + _HOMOGLYPHS[text[i]] + text[i + 1:]


def cyrillic_in_arabic(text: str) -> str:
    """A Russian name as an Arabic-writing clerk spells it: long vowels written, g as ج (Egyptian)."""
    out = []
    for word in text.lower().split():
        letters = [_CYR_INITIAL.get(word[0], _CYR_TO_AR.get(word[0], word[0]))]
        letters += [_CYR_TO_AR.get(ch, ch) for ch in word[1:]]
        out.append("".join(letters))
    return " ".join(out)


def arabic_variant(text: str, rng: random.Random, rate: float = rates.AR_SCRIPT_VARIANT) -> str:
    """`text` (Arabic) as another clerk may write it: hamza seats, ta marbuta, alef maqsura, particles joined."""
    if rng.random() < rate:
        text = text.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if rng.random() < rate:
        text = text.replace("ة", "ه")
    if rng.random() < rate:
        text = text.replace("ى", "ي")
    if rng.random() < rate:
        for particle in ("أبو ", "ابو ", "عبد "):
            text = text.replace(particle, particle.strip())
    return text

"""Names across scripts: folding for search, Latin forms by ICAO 9303, script detection."""

from __future__ import annotations

import functools
import re
import unicodedata

import iuliia

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Arabic diacritics (harakat, tatweel) carry no identity for matching or search.
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


# Zero-width non-joiner and joiner spell Persian, Kurdish, Urdu and Indic names ('مهرآسا' with a ZWNJ is
# not the same word without it): kept between two letters, where they do that work, dropped elsewhere.
_JOINERS = "\u200c\u200d"
_NO_JOINERS = str.maketrans(dict.fromkeys(_JOINERS))


def clean_text(value: str | None) -> str:
    """Trim, fold runs of white space to one space, drop control and format characters
    (a ZWNJ or ZWJ between two letters stays: it is part of the spelling)."""
    if value is None:
        return ""
    if value.isprintable() and "  " not in value:  # the common case, checked in C
        return value.strip()
    no_controls = "".join(ch for i, ch in enumerate(value) if unicodedata.category(ch)[0] != "C" or ch in "\t\n"
                          or (ch in _JOINERS and _joins(value, i)))
    return _SPACES.sub(" ", no_controls).strip()


def _joins(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and _in_word(text[index - 1]) and _in_word(text[index + 1])


def _in_word(ch: str) -> bool:
    # A combining mark is part of its letter: the joiner after a virama ('क्\u200dष', Sinhala 'ශ්\u200dරී',
    # Sri) or after Arabic harakat does its work there.
    return ch.isalpha() or unicodedata.category(ch)[0] == "M"


@functools.lru_cache(maxsize=65_536)  # names repeat: a roster has far fewer names than persons
def fold(value: str | None) -> str:
    """A search key: case-folded, accents removed, ё as е, Arabic letter variants unified.

    SQLite folds ASCII only (LIKE 'ива%' finds no 'Иванов'), so every searchable text is
    stored folded and searched with a folded query.
    """
    if not value:
        return ""
    if value.isascii():  # nothing to decompose, no marks, no Cyrillic or Arabic: the same result, sooner
        return _SPACES.sub(" ", value.lower()).strip()
    # Joiners only shape letters: a name is found and matched with or without them.
    text = unicodedata.normalize("NFKD", value.casefold().translate(_NO_JOINERS)).translate(_marks())
    text = unicodedata.normalize("NFC", text).replace("ё", "е")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTER_VARIANTS)
    return _SPACES.sub(" ", text).strip()


MARKS_END = 0x20000  # every combining mark of Unicode lies below (the planes above hold none)


@functools.cache
def _marks() -> dict[int, None]:
    """Combining marks to delete with str.translate (built once, 10 ms). The breve of й stays:
    it is part of the letter in Russian (и + breve), so that й stays й."""
    return {code: None for code in range(MARKS_END) if unicodedata.combining(chr(code)) and code != 0x0306}


def words(value: str | None) -> list[str]:
    """Folded words of a name, punctuation and hyphens as separators."""
    if value and value.isascii():  # as quick as the cache, and keeps case references out of it
        return [w for w in _NOT_WORD.split(value.lower()) if w]
    return list(_words(value))


@functools.lru_cache(maxsize=65_536)
def _words(value: str | None) -> tuple[str, ...]:
    return tuple(w for w in _NOT_WORD.split(fold(value)) if w)


def has_cyrillic(value: str | None) -> bool:
    return value is not None and _CYRILLIC.search(value) is not None


def has_arabic(value: str | None) -> bool:
    return value is not None and _ARABIC.search(value) is not None


_CYRILLIC = re.compile("[\u0400-\u04ff]")  # a search runs in C: every name and case reference is asked
_ARABIC = re.compile("[\u0600-\u06ff]")


@functools.lru_cache(maxsize=65_536)
def icao_latin(value: str | None) -> str:
    """Latin letters as printed in a Russian passport (ICAO Doc 9303), upper case."""
    if not value:
        return ""
    latin: str = iuliia.ICAO_DOC_9303.translate(value)
    return latin.upper()


def display_name(surname: str, given_names: str, patronymic: str = "") -> str:
    """'Surname Given Patronymic' with the missing parts left out."""
    return " ".join(part for part in (surname, given_names, patronymic) if part)

"""Names across scripts: mixed-script folding and the consonant skeleton shared by Arabic, Latin and Cyrillic.

A roster holds names in Cyrillic, Latin and Arabic letters, and partners copy them with
letters of the wrong script (a Cyrillic `Ё` in `ARTЁM`) or write them in a third script
(`ايفانوف` for Ivanov, `محمد` for Mohamed). Two tools make them comparable:

    fold_mixed_scripts("ARTЁM")        -> "ARTEM"      # Cyrillic letters inside Latin text
    fold_mixed_scripts("Ивaнов")       -> "Иванов"     # a Latin 'a' inside a Cyrillic word
    skeletons("MOHAMMED")              -> {"MHMD"}
    skeletons("محمد")                  -> {"MHMD"}
    arabic_words("أبو شنب")            -> ["ابوشنب"]   # particles joined as latin_words does
    skeletons("ابوشنب")                -> {"_BSNB"}    # = skeletons("ABUSHANAB"); '_': starts with a vowel

The skeleton is what Arabic writing keeps of a name: its consonants. Short vowels are not
written in Arabic, and long ones (ا و ي) are also written as vowels or W/Y in Latin, so
all vowels, W and Y are left out; letters Arabic lacks fold into the nearest it has
(P -> B, V -> F, G/J/ZH -> G, Q -> K), digraphs become one consonant, doubled letters
and a final H (ta marbuta, -ah/-eh) go. Where one Arabic letter has two Latin readings
(ث TH/S, ذ DH/Z, ق Q/G, the article ال kept or dropped), each reading is one more
skeleton. A word that starts with a vowel sound (ا, ع, ي, و in Arabic; a vowel, W or Y in
Latin) has its skeleton marked '_', which keeps 'Моро…' typed in the search from Omar.

Arabic letters are romanised with anyascii (ISC licence, 345 kB pure-Python wheel, no
dependencies): pyarabic is GPL, and camel-tools needs torch and transformers.

Skeletons are coarse on purpose (Mohamed and Mahmoud share MHMD): they are keys that let
a blocking index or a search find every plausible spelling; scoring decides.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

from desktop_app.domain.names import has_cyrillic, icao_latin, words

_WORD = re.compile(r"[^\W\d_]+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Harakat, Quranic marks, superscript alef and tatweel: not part of a name's identity.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ARABIC_NOT_LETTER = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\u06ff]+")
# Particles that start a compound name and are written apart or glued ("أبو شنب", "عبدالله").
_ARABIC_JOINED = frozenset({"ابو", "عبد"})
_ARABIC_ARTICLE = "ال"

# Letters that look alike in the two scripts, each way.
_CYRILLIC_LOOKS_LATIN = dict(zip("АВЕКМНОРСТУХаеорсухіјѕ", "ABEKMHOPCTYXaeopcyxijs", strict=True))
_LATIN_LOOKS_CYRILLIC = dict(zip("ABEKMHOPCTXaeopcyx", "АВЕКМНОРСТХаеорсух", strict=True))


def anyascii(text: str) -> str:
    """`text` in ASCII by anyascii, imported on first use (its import reads package resources)."""
    from anyascii import anyascii as romanise

    return romanise(text)


def is_cyrillic(ch: str) -> bool:
    """Whether one character is in the Cyrillic block."""
    return "\u0400" <= ch <= "\u04ff"


def is_latin(ch: str) -> bool:
    """Whether one character is a Latin letter (basic Latin to Latin Extended-B)."""
    return ch.isalpha() and (ch.isascii() or "\u00c0" <= ch <= "\u024f")


def has_arabic(text: str | None) -> bool:
    """Whether `text` holds any Arabic-script character."""
    return text is not None and _ARABIC.search(text) is not None


_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def fold_mixed_scripts(text: str) -> str:
    """Each word in one script: letters of the other script inside a Latin or Cyrillic word folded.

    The script with more letters in the word wins. Cyrillic letters inside a Latin word become
    their look-alike or their plain Latin form (`SOLOV’YЁV` -> `SOLOV’YEV`); Latin letters
    inside a Cyrillic word become their Cyrillic look-alike. Invisible format characters (zero-width
    space and joiners, direction marks, soft hyphen) are removed, so they never split a word.
    Idempotent; other text unchanged.
    """
    if text.isascii():
        return text
    return _WORD.sub(_fold_word, _INVISIBLE.sub("", text))


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    latin = sum(1 for ch in word if is_latin(ch))
    cyrillic = sum(1 for ch in word if is_cyrillic(ch))
    if not latin or not cyrillic:
        return word
    if latin >= cyrillic:
        return "".join(_CYRILLIC_LOOKS_LATIN.get(ch) or anyascii(ch) if is_cyrillic(ch) else ch for ch in word)
    return "".join(_LATIN_LOOKS_CYRILLIC.get(ch, ch) for ch in word)


def clean_arabic(text: str) -> str:
    """Arabic text as letters only: presentation forms unfolded, marks and tatweel removed, alef forms unified."""
    text = unicodedata.normalize("NFKC", text)
    return _ARABIC_MARKS.sub("", text).translate(_ALEFS)


def arabic_words(text: str | None) -> list[str]:
    """The Arabic words of a name, particles joined to the next word ('أبو شنب' -> ['ابوشنب'])."""
    if not text:
        return []
    words = [w for w in _ARABIC_NOT_LETTER.split(clean_arabic(text)) if w]
    out: list[str] = []
    pending = ""
    for index, word in enumerate(words):
        if word in _ARABIC_JOINED and index + 1 < len(words):
            pending += word
            continue
        out.append(pending + word)
        pending = ""
    return out


def _arabic_readings(word: str) -> set[str]:
    """The word, and the word without the article when it has one (also after a joined particle)."""
    readings = {word}
    for particle in ("", *_ARABIC_JOINED):
        rest = word[len(particle):]
        if word.startswith(particle) and rest.startswith(_ARABIC_ARTICLE) and len(rest) > 3:
            readings.add(particle + rest[len(_ARABIC_ARTICLE):])
    return readings


# Latin letters to consonant classes, longest spellings first; then vowels, W and Y dropped.
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"['`]", ""),
    (r"SHTCH|SHCH|CHTCH|SCH|TSCH|TCH|SH|CH", "S"),
    (r"DZH|DJ|ZH|GH|J", "G"),
    (r"KH", "H"),
    (r"PH", "F"),
    (r"X", "KS"),
    (r"C(?=[EIY])", "S"),
    (r"C", "K"),
    (r"P", "B"),
    (r"V", "F"),
    (r"[AEIOUYW]", ""),
    (r"(.)\1+", r"\1"),
    (r"TS|TZ", "S"),
    (r"(.)\1+", r"\1"),
    (r"(?<=.)H$", ""),
))
# Letters with two readings: each choice is one more skeleton (TH as in Othman/Osman, ...).
_TWO_READINGS = re.compile(r"TH|DH|Q")
_READINGS = {"TH": ("T", "S"), "DH": ("D", "Z"), "Q": ("K", "G")}
MAX_SKELETONS = 16
VOWEL_MARK = "_"  # starts the skeleton of a word that starts with a vowel sound
_VOWEL_START = frozenset("AEIOUYW")
_GLUED_ARTICLES = ("AL", "EL")
# Arabic letters a Latin spelling renders as a vowel, W or Y at the start of a word (Ahmad, Omar, Ivanov, Yusuf).
_ARABIC_VOWEL_START = frozenset("اأإآٱعءيوىئؤ")


def _latin_skeleton(upper: str) -> str:
    for pattern, replacement in _SKELETON_RULES:
        upper = pattern.sub(replacement, upper)
    return upper


@lru_cache(maxsize=200_000)
def latin_skeletons(upper: str, *, from_cyrillic: bool = False, vowel_start: bool | None = None) -> frozenset[str]:
    """The skeletons of one upper-case Latin word (see the module text); `from_cyrillic` adds
    G read as H, as Russian spells Arabic names (Магомед, Гасан). A word that starts with a
    vowel, W or Y (or `vowel_start`) has its skeleton marked '_': Omar and عمر are '_MR',
    so a typed 'Моро' (MR) does not find Omar."""
    if vowel_start is None:
        vowel_start = upper.lstrip("'`")[:1] in _VOWEL_START
    parts = _TWO_READINGS.split(upper)
    choices = [_READINGS[m] for m in _TWO_READINGS.findall(upper)]
    out: set[str] = set()
    for picked in product(*choices):
        spelled = parts[0] + "".join(c + p for c, p in zip(picked, parts[1:], strict=True))
        out.add(_latin_skeleton(spelled))
        if from_cyrillic and "G" in spelled:
            out.add(_latin_skeleton(spelled.replace("G", "H")))
        if len(out) >= MAX_SKELETONS:
            break
    marker = VOWEL_MARK if vowel_start else ""
    marked = {marker + s for s in out if s or marker}  # a name of vowels alone (Aya, آية) keeps the mark
    if upper.startswith(_GLUED_ARTICLES) and len(upper) > 5:  # ALHALABI also read as HALABI, as ال is
        marked |= latin_skeletons(upper[2:], from_cyrillic=from_cyrillic)
    return frozenset(marked)


@lru_cache(maxsize=100_000)
def consonant_count(upper: str) -> int:
    """How many skeleton consonants an upper-case Latin text has (a final H counted)."""
    for pattern, replacement in _SKELETON_RULES[:-1]:
        upper = pattern.sub(replacement, upper)
    return len(upper)


@lru_cache(maxsize=100_000)
def skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons of one word in Arabic or Latin letters (upper-case A-Z, '_' first
    for a vowel start).

    Latin is read as written (upper-case it first, or give it from `latin_words`); a Cyrillic
    word is read through `spellings.latin_forms`, which knows the schemes. Empty for
    a word with no consonant ('Eya').
    """
    if has_arabic(word):
        out: set[str] = set()
        for reading in _arabic_readings(word):
            # ta marbuta is a vowel in Latin (Fatima, Aya): anyascii would write it H
            latin = anyascii(reading.replace("ة", "ا")).upper()
            out |= latin_skeletons(latin, vowel_start=reading[:1] in _ARABIC_VOWEL_START)
        return frozenset(out)
    return frozenset(latin_skeletons(word.upper()))


# -- search terms ---------------------------------------------------------------------------------

SKELETON_TERM = "~"  # starts the search terms made of a skeleton: no typed word folds to it


def skeleton_term(skeleton: str) -> str:
    """The search term of one skeleton ('MHMD' -> '~mhmd')."""
    return SKELETON_TERM + skeleton.lower()


def skeleton_terms(text: str | None) -> list[str]:
    """Search terms of the Arabic words in `text`: the skeletons of each word, particles joined
    ('أبو شنب' -> '~bsnb') and of each word alone ('شنب' -> '~snb'). Empty without Arabic letters."""
    if not text or not has_arabic(text):
        return []
    alone = [w for w in _ARABIC_NOT_LETTER.split(clean_arabic(text)) if w and w not in _ARABIC_JOINED]
    terms: dict[str, None] = {}
    for word in dict.fromkeys(arabic_words(text) + alone):
        terms.update(dict.fromkeys(sorted(skeleton_term(s) for s in skeletons(word))))
    return list(terms)


def name_terms(text: str | None) -> tuple[str, ...]:
    """The search terms of one name: its folded words as written and in ICAO Latin; again with
    letters of the wrong script folded ('ARTЁM' -> 'artem') and with apostrophes dropped
    ("SOLOV’YEV" -> 'solovyev', "O'Brien" -> 'obrien'); and its Arabic words' skeletons."""
    if not text:
        return ()
    found = written_terms(text)
    variants = dict.fromkeys([text, fold_mixed_scripts(text)])
    for variant in list(variants):
        if has_apostrophe(variant):
            variants[variant.translate(_NO_APOSTROPHES)] = None
    for variant in list(variants)[1:]:
        found += written_terms(variant)
    return found + tuple(skeleton_terms(text))


_APOSTROPHES = "'’ʹʼ`‘"
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def has_apostrophe(text: str) -> bool:
    """Whether `text` holds an apostrophe, prime or soft-sign mark that may stand inside a word."""
    return any(ch in text for ch in _APOSTROPHES)


def written_terms(text: str) -> tuple[str, ...]:
    """A name's folded words as written and, for Cyrillic, in ICAO Latin."""
    found = words(text)
    if has_cyrillic(text):
        found += words(icao_latin(text))
    return tuple(found)

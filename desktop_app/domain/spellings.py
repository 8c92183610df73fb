"""Name words and their spellings in every script: the keys matching and search share.

A name on the roster is usually Cyrillic; the partner types it in Latin letters under a
scheme of their own. Three layers make the two comparable:

* `latin_words(text)`: upper-case A-Z words; accents, apostrophes and soft-sign marks
  dropped, punctuation splits words, Arabic particles unified (`arabic_particles`).
* `latin_forms(word)`: every Latin spelling of one word with the scheme that yields it:
  a Cyrillic word is romanised under each scheme partners use (ICAO 9303, MVD 310 and
  782, BGN/PCGN, GOST 7.79 A and B, ALA-LC, ...) plus informal -off/-eff and x-for-ks;
  a Latin word is its own single form.
* `sound_key(word)` and `block_key(word)`: a spelling-insensitive skeleton of a Latin
  word (SHCH/SCH/SHH -> S, IIA/IYA/YA -> IA, KH -> H, -OFF -> -OV, doubled letters
  collapsed ...) used to call two spellings "the same sound", and its consonant frame
  used as a blocking key.

Arabic script joins them through the consonant skeleton (`scripts`): `name_words`
keeps Arabic words in Arabic letters (particles joined), `latin_forms(word).skeletons` holds
each word's skeletons in any script, and `latin_forms(word).blocks` carries them as `~MHMD`
keys, so Мухаммед, Mohamed and محمد meet in a blocking index. `equal_under_scheme(a, b)`
tells whether two words are one name under a romanisation scheme or the Arabic skeleton:

    equal_under_scheme("щербаков", "SHHERBAKOV")   -> "GOST 7.79 B"
    equal_under_scheme("محمد", "MOHAMMED")         -> "Arabic consonants"
    equal_under_scheme("ايفانوف", "иванов")         -> "Arabic consonants"
    surname_given("Polyakov, Vasilij")             -> ("Polyakov", "Vasilij")

Everything here is cached per word: a roster repeats the same few thousand names.

It lives in the domain (pure Python, iuliia and anyascii only) so that the roster search
reads a name as matching does without importing the matching engine; `matching.normalize`
is its public face there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import iuliia

from desktop_app.domain.scripts import (
    anyascii,
    arabic_words,
    consonant_count,
    fold_mixed_scripts,
    has_arabic,
    latin_skeletons,
    skeletons,
)

# Schemes partners use, most common first; the label goes into match reasons.
SCHEMES: tuple[tuple[str, iuliia.Schema], ...] = (
    ("ICAO 9303", iuliia.ICAO_DOC_9303),
    ("MVD 310", iuliia.MVD_310),
    ("MVD 782", iuliia.MVD_782),
    ("BGN/PCGN", iuliia.BGN_PCGN),
    ("GOST 7.79 B", iuliia.GOST_779_ALT),
    ("GOST 7.79 A", iuliia.GOST_779),
    ("ALA-LC", iuliia.ALA_LC),
    ("Wikipedia", iuliia.WIKIPEDIA),
    ("MVD 310 French", iuliia.MVD_310_FR),
    ("UNGEGN", iuliia.UNGEGN_1987),
)
INFORMAL = "informal spelling"
AS_WRITTEN = "as written"
ARABIC_SKELETON = "Arabic consonants"  # an Arabic-script word and another with the same consonants
ARABIC_LETTERS = "Arabic letters"      # the label of an Arabic word's own (anyascii) form
SKELETON_PREFIX = "~"                  # blocking keys made of a skeleton, apart from block_key's

_APOSTROPHES = str.maketrans("", "", "'’ʹʼ`ʺ\"")
# Letters of GOST 7.79 A and UNGEGN whose mark alone tells them from another letter's romanisation: folded to
# ASCII, я (â) is а, ю (û) у, ш (š) and щ (ŝ) с, ж (ž) з, ч (č) ц. No partner types the marks away, and the folded
# spelling makes two names one (Яна and Аня, Юлиана and Ульяна were 'equal', and Яна 'equal by sound' to Анна:
# twins given such names were matched, breaker X14b), so such a spelling is not one of the word's forms.
_LOSSY_WHEN_FOLDED = re.compile("[âûŝšžčÂÛŜŠŽČ]")
_NOT_LATIN = re.compile(r"[^A-Z]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Arabic articles dropped before a following word ("al-Masri", "el Masri" -> MASRI).
_ARTICLES = frozenset({"AL", "EL", "UL", "AD", "AS", "ASH", "AR", "AZ", "AT", "AN", "ED", "ES", "ET"})
# Particles that start a compound name and are joined to the next word, in one spelling.
_JOINED = {"ABU": "ABU", "ABOU": "ABU", "ABO": "ABU", "ABOO": "ABU", "ABD": "ABD", "ABDEL": "ABD",
           "ABDUL": "ABD", "ABDAL": "ABD", "ABDOUL": "ABD", "ABDOL": "ABD", "ABDUL-": "ABD", "ABED": "ABD"}
# The same in Cyrillic ("Абу Шанаб", "Абд Раббо", "аль-Масри"), kept in Cyrillic letters.
_CYRILLIC_JOINED = {"абу": "абу", "абд": "абд", "абдель": "абд", "абдуль": "абд", "абдул": "абд", "абед": "абд"}
_CYRILLIC_ARTICLES = frozenset({"аль", "эль", "ар", "ас", "аш", "аз", "ат", "ад"})
# The same particles already glued to the word ("ABOUCHANAB", "ABDULRAHMAN").
_GLUED_PREFIX = re.compile(r"^(ABDOUL|ABDUL|ABDEL|ABDAL|ABDOL|ABOU|ABOO)(?=[A-Z]{3})")


def fold_latin(text: str) -> str:
    """Upper-case ASCII letters and spaces: accents, combining marks (ALA-LC's `LI͡UBOVʹ`) and
    apostrophes dropped, Cyrillic letters inside Latin words folded (`ARTЁM`), rest splits words."""
    plain = unicodedata.normalize("NFKD", fold_mixed_scripts(text).translate(_APOSTROPHES))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).upper()
    return _NOT_LATIN.sub(" ", plain).strip()


def arabic_particles(words: list[str]) -> list[str]:
    """Unify Arabic particles: articles dropped, ABU/ABOU and ABD/ABDEL/ABDUL joined to the next word.

    ['ABOU', 'CHANAB'] -> ['ABUCHANAB'];  ['ABD', 'AL', 'RAHMAN'] -> ['ABDRAHMAN'];
    ['EL', 'MASRI'] -> ['MASRI'];  ['ABDULRAHMAN'] -> ['ABDRAHMAN'];  ['ABED', 'RABBO'] -> ['ABDRABBO'].
    """
    out: list[str] = []
    pending = ""
    for index, word in enumerate(words):
        has_next = index + 1 < len(words)
        if word in _JOINED and has_next:
            pending += _JOINED[word]
            continue
        if word in _ARTICLES and has_next:
            continue
        glued = _GLUED_PREFIX.match(word)
        if glued:
            word = _JOINED[glued.group(1)] + word[glued.end():]
        out.append(pending + word)
        pending = ""
    return out


def latin_words(text: str | None) -> list[str]:
    """The Latin words of a name in any script, particles unified (Cyrillic is romanised by ICAO,
    Arabic by anyascii)."""
    if not text:
        return []
    text = fold_mixed_scripts(text)
    if has_arabic(text):
        text = anyascii(text)
    if _CYRILLIC.search(text):
        text = iuliia.ICAO_DOC_9303.translate(text)
    return arabic_particles(fold_latin(text).split())


def name_words(text: str | None) -> list[str]:
    """The words of a name kept in their own script (Cyrillic stays Cyrillic, Arabic stays Arabic),
    letters of the wrong script folded, particles unified.

    These are the units the engine compares; `latin_forms` expands each of them.
    """
    if not text:
        return []
    text = fold_mixed_scripts(text)
    if has_arabic(text):
        rest = "".join(" " if has_arabic(ch) else ch for ch in text)
        return arabic_words(text) + name_words(rest)
    if not _CYRILLIC.search(text):
        return latin_words(text)
    cleaned = unicodedata.normalize("NFC", text.casefold())
    words = _cyrillic_particles([w for w in re.split(r"[^\w\u0301]+", cleaned) if w])
    # A Latin word beside Cyrillic ones is a Latin word as `latin_words` gives it ('АР-A': ['A'], not ['a']).
    return [out for word in words for out in ([word] if _CYRILLIC.search(word) else latin_words(word))]


def _cyrillic_particles(words: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""
    for index, word in enumerate(words):
        has_next = index + 1 < len(words)
        if word in _CYRILLIC_JOINED and has_next:
            pending += _CYRILLIC_JOINED[word]
            continue
        if word in _CYRILLIC_ARTICLES and has_next:
            continue
        out.append(pending + word)
        pending = ""
    return out


def surname_given(text: str) -> tuple[str, str] | None:
    """('Surname', 'Given names') of a full name written 'Surname, Given names', else None."""
    surname, comma, given = text.partition(",")
    if not comma or not surname.strip() or not given.strip() or "," in given:
        return None
    return surname.strip(), given.strip()


@dataclass(frozen=True, slots=True)
class WordForms:
    """The Latin spellings of one name word, each with the first scheme that produces it."""

    word: str
    forms: dict[str, str]
    sounds: frozenset[str]
    blocks: frozenset[str]    # block_key of each sound, and SKELETON_PREFIX + each skeleton
    cyrillic: bool
    skeletons: frozenset[str] = frozenset()  # consonant skeletons (domain.scripts), for any script
    arabic: bool = False


@lru_cache(maxsize=200_000)
def latin_forms(word: str) -> WordForms:
    """All Latin spellings of `word` (one word from `name_words`) with scheme labels."""
    forms: dict[str, str] = {}
    cyrillic = bool(_CYRILLIC.search(word))
    arabic = has_arabic(word)
    if arabic:
        forms[_NOT_LATIN.sub("", anyascii(word).upper()) or word] = ARABIC_LETTERS
        skeleton_set = skeletons(word)
    elif cyrillic:
        spellings = {word, word.replace("ё", "е")}
        lossy: set[str] = set()
        for label, schema in SCHEMES:
            for spelling in sorted(spellings):
                written = schema.translate(spelling)
                latin = fold_latin(written).replace(" ", "")
                if latin and not _CYRILLIC.search(latin):
                    if _LOSSY_WHEN_FOLDED.search(written):
                        lossy.add(latin)
                    else:
                        forms.setdefault(latin, label)
        for latin in list(forms):
            for informal in _informal(latin):
                forms.setdefault(informal, INFORMAL)
        lossy |= {informal for latin in lossy for informal in _informal(latin)}
        # The search's stored terms are these skeletons (consonants only): they keep the folded spellings too.
        skeleton_set = frozenset().union(*(latin_skeletons(f, from_cyrillic=True) for f in (*forms, *lossy)))
    else:
        forms[word] = AS_WRITTEN
        skeleton_set = skeletons(word)
    sounds = frozenset(sound_key(form) for form in forms)
    blocks = {block_key(s) for s in sounds} | {SKELETON_PREFIX + s for s in skeleton_set}
    return WordForms(word, forms, sounds, frozenset(blocks), cyrillic, skeleton_set, arabic)


@lru_cache(maxsize=200_000)
def equal_under_scheme(a: str, b: str) -> str | None:
    """The scheme under which two name words (from `name_words`, any script) are one name, or None.

    AS_WRITTEN when equal as written, a romanisation label ('ICAO 9303', 'GOST 7.79 B',
    INFORMAL) when a Cyrillic word has the other's Latin spelling, ARABIC_SKELETON when one of
    them is in Arabic letters and both have the same consonants with the Arabic long vowels
    (و, ي) where the other has a vowel of their kind. Sound-alike Latin spellings are not
    'equal under a scheme': compare their `sounds` for that.
    """
    if a == b:
        return AS_WRITTEN
    forms_a, forms_b = latin_forms(a), latin_forms(b)
    common = forms_a.forms.keys() & forms_b.forms.keys()
    if common:
        form = min(common)
        labels = (forms_a.forms[form], forms_b.forms[form])
        return next((label for label in labels if label not in (AS_WRITTEN, ARABIC_LETTERS)), labels[0])
    if (forms_a.arabic or forms_b.arabic) and forms_a.skeletons & forms_b.skeletons:
        arabic, other = (forms_a, forms_b) if forms_a.arabic else (forms_b, forms_a)
        if other.arabic or any(_long_vowels_fit(arabic.word, form) and _latin_long_vowels_fit(arabic.word, form)
                               and _final_h_fits(arabic.word, form)
                               and _final_vowel_fits(arabic.word, form) for form in other.forms):
            return ARABIC_SKELETON
    return None


_ARABIC_LONG_VOWELS = {"و": "OUW", "ي": "IEY"}


def _long_vowels_fit(arabic: str, latin: str) -> bool:
    """Whether every medial و/ي of `arabic`, read as a long vowel, has a vowel of its kind at the
    same place among the consonants of `latin` (محمود and Mohamed share MHMD but are two names)."""
    for index in range(1, len(arabic) - 1):
        kinds = _ARABIC_LONG_VOWELS.get(arabic[index])
        if kinds is None:
            continue
        before = consonant_count(anyascii(arabic[:index]).upper())
        if not any(latin[j] in kinds and consonant_count(latin[:j]) == before for j in range(len(latin))):
            return False
    return True


# A Latin long vowel after the second consonant, before another: the Arabic letter that writes it.
_LATIN_LONG_VOWELS = re.compile(r"OU|OO|UU|AW|EI|AI|EE|II|EY|IY|AY")
_LATIN_LONG_LETTER = {"OU": "و", "OO": "و", "UU": "و", "AW": "و"}
# An I or Y between a consonant and a vowel is a glide, the letter ي, at the end of the word too:
# RANIA is رانيا, not رنا (breaker X14 s8: Rania was matched to her twin رنا at 1.0).
_LATIN_GLIDE = re.compile(r"(?<=[B-DF-HJ-NP-TV-Z])[IY](?=[AEOU])")


def _latin_long_vowels_fit(arabic: str, latin: str) -> bool:
    """The other way round: whether every long vowel the Latin spelling writes inside the word (OU, EI,
    EE...) after its second consonant is a medial و/ي of `arabic` at the same place. MAHMOUD and HUSSEIN
    share محمد's and حسن's consonants but are two other names (محمود, حسين; breaker X14 s7: Hasan and
    Husein, the commonest names of Arab twins, were one name; HUSSAIN too until AI was read as ي, breaker
    X14b). A first vowel is left free: French spellings write a short U as OU (MOUSTAFA for مصطفى)."""
    for found in _LATIN_LONG_VOWELS.finditer(latin):
        before = consonant_count(latin[:found.start()])
        if before < 2 or not consonant_count(latin[found.end():]):
            continue
        letter = _LATIN_LONG_LETTER.get(found.group(), "ي")
        if not any(arabic[i] == letter and consonant_count(anyascii(arabic[:i]).upper()) == before
                   for i in range(1, len(arabic) - 1)):
            return False
    for found in _LATIN_GLIDE.finditer(latin):
        before = consonant_count(latin[:found.start()])
        if before >= 2 and not any(arabic[i] == "ي" and consonant_count(anyascii(arabic[:i]).upper()) == before
                                   for i in range(1, len(arabic))):
            return False
    return True


# The Arabic letters a final H of a Latin spelling writes: ta marbuta (Fatimah), ha (Abdullah), hha (Samah).
_FINAL_H_LETTERS = "ةهح"
_LATIN_FINAL_H = re.compile(r"[AEIOUY]H$")


def _final_h_fits(arabic: str, latin: str) -> bool:
    """Whether a final H is on both sides or on neither, as far as the Arabic letters say.

    The skeletons drop a final H, for ta marbuta is -A or -AH in Latin; but a final ح is a consonant
    every spelling writes, and a Latin H after a vowel must be one of ة, ه, ح: Samah (سماح) and Sama
    (سما), Sabah (صباح) and Saba (صبا), Noah (نوح) and Noa are two names each, given to twins (breaker
    X14 s9: the twin who left was matched to the one who stayed at 1.0).
    """
    if arabic.endswith("ح"):
        return latin.endswith("H")
    return not _LATIN_FINAL_H.search(latin) or arabic.endswith(tuple(_FINAL_H_LETTERS))


# The Arabic letters a Latin final A writes (Rania, Fatima, Salma, Huda, Alaa), and those it must write.
_FINAL_A_LETTERS = "اةىءه"
_FINAL_VOWEL_LETTERS = "اةى"


def _final_vowel_fits(arabic: str, latin: str) -> bool:
    """Whether a final A is on both sides or on neither, as far as the Arabic letters say.

    The skeletons leave vowels out, so NOURA was نور, REEMA ريم, ALIA علي and SAMI سامية: twins are given
    such pairs of names (Nour and Noura, Ali and Alia; breaker X14b: the twin who left was matched at 0.9998).
    A Latin final A writes a final ا, ة, ى, ه or ء, and a final ا, ة or ى is written A, E or H.
    """
    if latin.endswith("A") and not arabic.endswith(tuple(_FINAL_A_LETTERS)):
        return False
    return not arabic.endswith(tuple(_FINAL_VOWEL_LETTERS)) or latin.endswith(("A", "E", "H"))


def _informal(latin: str) -> list[str]:
    variants = []
    if latin.endswith(("OV", "EV")):
        variants.append(latin[:-1] + "FF")
    if "KS" in latin:
        variants.append(latin.replace("KS", "X"))
    if latin.endswith(("SKII", "SKIY", "SKIJ")):
        variants.append(latin[:-2] + "Y")
    return variants


# Ordered rewrite rules: the longest spellings of one sound first.
_SOUND_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"(?<=[AEIOUY])H$", ""),                           # a final H after a vowel is not heard: Sarah, Fatimah
    (r"^X", "H"),                                        # GOST 7.79 B writes Х as X
    (r"X", "KS"),
    (r"SHTCH|SHCH|CHTCH|TSCH|SCH|SHH|TCH|SH|CH", "S"),   # Щ, Ш, Ч, and French/Arabic CH
    (r"ZH", "Z"),
    (r"KH", "H"),
    (r"TS|TZ|CZ|C", "C"),                                # Ц
    (r"Q", "K"),
    (r"W", "V"),
    (r"PH", "F"),
    (r"^YE", "E"),                                       # Yevgeniy / Evgenii
    (r"(?<=.)YO", "E"),                                  # Fyodor / Fedor
    (r"^IOU", "IU"),                                     # French Ю starting a word: Юрий is IOURI, Урий is not
    (r"IOU|OU|OO", "U"),                                 # French Ю, Arabic OU
    (r"[YJ]", "I"),                                      # Й, and the Y/J in ya, yu, ja, ju
    # Lyudmila / Liudmila / Ludmila; a word's first Ю keeps its I: Юлиана and Ульяна, Юля and Уля are two
    # names each (twins' names; breaker X14b: they met by sound and twins were matched).
    (r"(?<=.)IU", "U"),
    (r"(?<=[OE])F+$", "V"),                              # Shcherbakoff
    (r"(.)\1+", r"\1"),                                  # Mariia, Natalliya, Abbas
))
_VOWELS = re.compile(r"[AEIOU]")


@lru_cache(maxsize=200_000)
def sound_key(latin: str) -> str:
    """A spelling-insensitive key of one upper-case Latin word ('SHCHERBAKOFF' -> 'SERBAKOV')."""
    key = latin
    for pattern, replacement in _SOUND_PATTERNS:
        key = pattern.sub(replacement, key)
    return key


# The search's one step beyond the sound key: an E before a final R after a stop ('ALEXANDER', 'PETER') as
# Russian writes it without (Александр, Пётр), on both sides of the comparison.
_SEARCH_FINAL_ER = re.compile(r"(?<=[BDGKPTV])ER$")


@lru_cache(maxsize=200_000)
def search_sound_keys(word: str) -> tuple[str, ...]:
    """The lower-case keys one name word (from `name_words`) is searched by: the sound key of each of its
    Latin forms (a Cyrillic word's under every scheme in `SCHEMES`), a final -ER as -R. Yulia, Julia, Iuliia
    and Юлия are all 'iulia'; Khasanov and Хасанов 'hasanov'; Alexander and Александр 'aleksandr'. None for
    an Arabic word, which is searched by its consonant skeletons (`scripts.skeleton_terms`)."""
    forms = latin_forms(word)
    if forms.arabic:
        return ()
    keys = {_SEARCH_FINAL_ER.sub("R", sound_key(form)).lower() for form in forms.forms}
    return tuple(sorted(key for key in keys if key))


def block_key(sound: str) -> str:
    """The consonant frame of a sound key, first letter kept: a coarse key for blocking."""
    return sound[:1] + _VOWELS.sub("", sound[1:]) if sound else ""

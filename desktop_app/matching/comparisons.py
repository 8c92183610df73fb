"""The comparison vector of a candidate pair: one level per field, as Fellegi-Sunter counts them.

    vector = compare(query, target)       # Comparison(levels=(0, 1, 0, ...), name_keys=..., notes=...)
    FIELDS[i].levels[vector.levels[i]]    # 'equal under a romanisation scheme', 'day and month swapped', ...

Each field has a few ordered levels, strongest agreement first and 'missing' last (a value
absent on either side is no evidence). The model (`model`) turns each level into bits
(log2 m/u); this module only says which level a pair is at. Names are compared per part
(surname, given name, patronymic): every name word of the query is assigned to at most one
word of the target, best agreement first, so that names written in each other's place or
in one 'full name' column of unknown order still meet their part. Locality and address are
compared as places (`normalize.place_text`: any script read in Latin, digits kept): equal, by
Jaro-Winkler band (`place_level`), different.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, JaroWinkler

from desktop_app.domain.dates import PartialDate
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.matching.features import GIVEN, MIN_FUZZY_DOCUMENT, NAME, PATRONYMIC, SURNAME, NameToken, Prepared
from desktop_app.matching.normalize import AS_WRITTEN, equal_under_scheme, latin_forms, sound_key


@dataclass(frozen=True, slots=True)
class FieldLevels:
    """A compared field: its name as shown to the officer and its level labels, 'missing' last."""

    name: str
    levels: tuple[str, ...]
    term_frequency: tuple[int, ...] = ()  # levels whose weight depends on how common the value is

    @property
    def missing(self) -> int:
        return len(self.levels) - 1


# Field names and level labels are shown on the review screen (the evidence column), translated in
# context "matching.evidence" (`scoring.evidence_term`); as plain strings they are what the code compares.
NAME_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
               QT_TRANSLATE_NOOP("matching.evidence", "equal under a romanisation scheme"),
               QT_TRANSLATE_NOOP("matching.evidence", "equal by sound"),
               QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.94 or more"),
               QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.88 or more"),
               QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.80 or more"),
               QT_TRANSLATE_NOOP("matching.evidence", "initial only"),
               QT_TRANSLATE_NOOP("matching.evidence", "different"),
               QT_TRANSLATE_NOOP("matching.evidence", "missing"))
EXACT, SCHEME, SOUND, JW94, JW88, JW80, INITIAL, DIFFERENT = range(8)
AGREEING = SOUND  # name levels up to this one say 'the same name'
SIMILAR_LEVEL = JW88  # up to this one: a typo at most

DATE_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
               QT_TRANSLATE_NOOP("matching.evidence", "day and month swapped"),
               QT_TRANSLATE_NOOP("matching.evidence", "one digit off"),
               QT_TRANSLATE_NOOP("matching.evidence", "year equal, full date not known"),
               QT_TRANSLATE_NOOP("matching.evidence", "within 5 years"),
               QT_TRANSLATE_NOOP("matching.evidence", "5 to 15 years apart"),
               QT_TRANSLATE_NOOP("matching.evidence", "15 or more years apart"),
               QT_TRANSLATE_NOOP("matching.evidence", "missing"))
D_EQUAL, D_SWAPPED, D_DIGIT, D_YEAR, D_NEAR, D_DIFFERENT, D_GENERATION = range(7)

DOCUMENT_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
                   QT_TRANSLATE_NOOP("matching.evidence", "one character off"),
                   QT_TRANSLATE_NOOP("matching.evidence", "different"),
                   QT_TRANSLATE_NOOP("matching.evidence", "missing"))
DOCUMENT_ONE_OFF = 1
SAME_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
               QT_TRANSLATE_NOOP("matching.evidence", "different"),
               QT_TRANSLATE_NOOP("matching.evidence", "missing"))
# Places (`normalize.place_text`), by Jaro-Winkler as Splink compares FEBRL's suburb and address.
LOCALITY_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
                   QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.90 or more"),
                   QT_TRANSLATE_NOOP("matching.evidence", "different"),
                   QT_TRANSLATE_NOOP("matching.evidence", "missing"))
LOCALITY_BANDS = (0.90,)
ADDRESS_LEVELS = (QT_TRANSLATE_NOOP("matching.evidence", "equal"),
                  QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.94 or more"),
                  QT_TRANSLATE_NOOP("matching.evidence", "Jaro-Winkler 0.85 or more"),
                  QT_TRANSLATE_NOOP("matching.evidence", "different"),
                  QT_TRANSLATE_NOOP("matching.evidence", "missing"))
ADDRESS_BANDS = (0.94, 0.85)

IDENTIFIER, DOCUMENT_F, SURNAME_F, GIVEN_F, PATRONYMIC_F, BIRTH_F, SEX_F, HOUSEHOLD_F, LOCALITY_F, ADDRESS_F = range(10)
FIELDS: tuple[FieldLevels, ...] = (
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "roster ID / case reference"), SAME_LEVELS),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "document"), DOCUMENT_LEVELS),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "surname"), NAME_LEVELS, (EXACT, SCHEME, SOUND)),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "given name"), NAME_LEVELS, (EXACT, SCHEME, SOUND)),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "patronymic"), NAME_LEVELS, (EXACT, SCHEME, SOUND)),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "birth date"), DATE_LEVELS),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "sex"), SAME_LEVELS),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "household"), SAME_LEVELS),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "locality"), LOCALITY_LEVELS, (0,)),
    FieldLevels(QT_TRANSLATE_NOOP("matching.evidence", "address"), ADDRESS_LEVELS),
)
NAME_FIELDS = (SURNAME_F, GIVEN_F, PATRONYMIC_F)
SIMILAR = 0.80  # Indel similarity: one wrong letter in a 5-letter name
_ROLE_FIELD = {SURNAME: SURNAME_F, GIVEN: GIVEN_F, PATRONYMIC: PATRONYMIC_F}


@dataclass(frozen=True, slots=True)
class Comparison:
    """One pair's levels (indexed like FIELDS), the roster-side name keys for term frequencies, and notes.

    `name_keys[i]` is the canonical key of the target's name word for name field i ('' when
    the level is not one that term frequencies adjust), `place_key` the target's locality
    when the localities are equal, `documents` the numbers both records give when the documents
    are equal, or those of either one character off a number of the other (the model weighs a
    number by how many roster persons carry it), `born` the target's birth date when the dates are equal or
    swapped (the model weighs a date by how many roster persons were born that day, or on its swap), `address_key`
    the target's address when the addresses are equal (and by how many live there). `notes` are extra
    reasons, e.g. the scheme under which two names are equal or names found in each other's place.
    """

    levels: tuple[int, ...]
    name_keys: tuple[str, str, str]
    notes: tuple[str, ...]
    place_key: str = ""
    documents: frozenset[str] = frozenset()
    born: PartialDate | None = None
    address_key: str = ""  # the target's address when the addresses are equal (weighed by how many live there)


def compare(query: Prepared, target: Prepared, non_name: tuple[int, ...] | None = None) -> Comparison:
    """The comparison vector of `query` (e.g. an answer row) against `target` (a roster record)."""
    other = non_name or compare_other(query, target)
    names, keys, notes = _names(query.tokens, target.tokens)
    return Comparison((*other[:SURNAME_F], *names, *other[PATRONYMIC_F + 1:]), keys, notes,
                      target.locality if other[LOCALITY_F] == 0 else "", shared_documents(query, target, other),
                      target.birth_date if other[BIRTH_F] in (D_EQUAL, D_SWAPPED) else None,
                      target.address if other[ADDRESS_F] == 0 else "")


def shared_documents(query: Prepared, target: Prepared, other: tuple[int, ...]) -> frozenset[str]:
    """The numbers `query` and `target` both give when their documents are equal (`other`: their levels);
    one character off, the numbers of either side one off a number of the other; else none."""
    level = other[DOCUMENT_F]
    if level == 0:
        return query.documents & target.documents
    if level == DOCUMENT_ONE_OFF:
        return frozenset(number for a in query.documents for b in target.documents
                         if min(len(a), len(b)) >= MIN_FUZZY_DOCUMENT and OSA.distance(a, b, score_cutoff=1) <= 1
                         for number in (a, b))
    return _NO_DOCUMENTS


_NO_DOCUMENTS: frozenset[str] = frozenset()


def documents_slipped(comparison: Comparison, query: Prepared, target: Prepared) -> bool:
    """The pair's documents are one character off as a typing slip makes them: a number of `query` is one of
    `target`'s with two adjacent characters swapped.

    A family's passports issued in sequence (twins', a parent's and a child's) differ in a character's
    value, most often the last digit's; two consecutive numbers are never each other with two neighbours
    swapped (6794161 and 6794611). So a swap is what the same number typed again shows, and between
    two persons' numbers only chance makes one. Two numbers of one side swapped (a passport kept beside its
    correction) say nothing of the other side's (breaker X14d: a son's number in sequence, one off both).
    """
    if comparison.levels[DOCUMENT_F] != DOCUMENT_ONE_OFF:
        return False
    return any(_swapped(a, b) for a in query.documents for b in target.documents)


def _swapped(a: str, b: str) -> bool:
    """`a` is `b` with two adjacent, different characters swapped."""
    if len(a) != len(b):
        return False
    apart = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (len(apart) == 2 and apart[1] == apart[0] + 1
            and a[apart[0]] == b[apart[1]] and a[apart[1]] == b[apart[0]])


def compare_other(query: Prepared, target: Prepared) -> tuple[int, ...]:
    """Every level but the names' (which stay 'missing'): cheap, so the index weighs these first."""
    return (_identifier(query, target), document_level(query.documents, target.documents),
            DIFFERENT + 1, DIFFERENT + 1, DIFFERENT + 1, date_level(query.birth_date, target.birth_date),
            _same(query.sex, target.sex), _same(query.household_key, target.household_key),
            place_level(query.locality, target.locality, LOCALITY_BANDS),
            place_level(query.address, target.address, ADDRESS_BANDS))


def place_level(a: str, b: str, bands: tuple[float, ...]) -> int:
    """0 equal, 1.. the first Jaro-Winkler band reached, then 'different', then 'missing' (`place_text` values)."""
    if not a or not b:
        return len(bands) + 2
    if a == b:
        return 0
    similarity = JaroWinkler.similarity(a, b)
    return next((level for level, band in enumerate(bands, start=1) if similarity >= band), len(bands) + 1)


def _same(a: object, b: object) -> int:
    if a is None or b is None or a == "" or b == "":
        return 2
    return 0 if a == b else 1


def _identifier(query: Prepared, target: Prepared) -> int:
    if (query.uuid and query.uuid == target.uuid) or (query.case_ref and query.case_ref == target.case_ref):
        return 0
    if (query.uuid and target.uuid) or (query.case_ref and target.case_ref):
        return 1
    return 2


def document_level(query: frozenset[str], target: frozenset[str]) -> int:
    """0 equal, 1 one character off (numbers of 6+ characters), 2 different, 3 missing.

    Numbers of different lengths that are not one character apart are documents of different kinds
    (an identity card's number beside a passport's, an internal passport beside a foreign one): they
    were not compared, so the level is 'missing', not 'different'. Two numbers of one length that differ
    are one kind of document that disagrees (renewed, or another person's).
    """
    if not query or not target:
        return 3
    if query & target:
        return 0
    for a in query:
        for b in target:
            if min(len(a), len(b)) >= MIN_FUZZY_DOCUMENT and OSA.distance(a, b, score_cutoff=1) <= 1:
                return 1
    if all(len(a) != len(b) for a in query for b in target):
        return 3
    return 2


def date_level(query: PartialDate | None, target: PartialDate | None) -> int:
    """The birth-date level (DATE_LEVELS) of two partial dates."""
    if query is None or target is None:
        return D_GENERATION + 1
    apart = abs(query.year - target.year)
    if query.is_full and target.is_full:
        if query == target:
            return D_EQUAL
        if (query.year, query.month, query.day) == (target.year, target.day, target.month):
            return D_SWAPPED
        if query.year == target.year and (_placeholder(query) or _placeholder(target)):
            # before 'one digit off': 1 January said nothing of the day, so 7 January is not one digit from it
            # (breaker X14 s9: a twin born on the 7th met the other's placeholder at 6 bits and was matched)
            return D_YEAR
        if OSA.distance(query.iso(), target.iso(), score_cutoff=1) <= 1:
            return D_DIGIT
    elif query.year == target.year and (query.month is None or target.month is None or query.month == target.month):
        return D_YEAR
    if apart >= 15:
        return D_GENERATION
    return D_NEAR if apart <= 5 else D_DIFFERENT


def _placeholder(date: PartialDate) -> bool:
    """1 January: what many registers and documents write when only the year of birth is known."""
    return date.month == 1 and date.day == 1


# -- names -------------------------------------------------------------------------------------

@lru_cache(maxsize=1_000_000)
def compare_words(a: str, b: str) -> tuple[float, str]:
    """Similarity of two name words (0..1) and how it was reached, e.g. 'equal under MVD 782'."""
    if a == b:
        return 1.0, "equal"
    forms_a, forms_b = latin_forms(a), latin_forms(b)
    if forms_a.arabic and forms_b.arabic:
        level, similarity = _arabic_level(a, b)
        return (1.0, "equal") if level == EXACT else (similarity, "similar" if similarity >= SIMILAR else "differs")
    common = forms_a.forms.keys() & forms_b.forms.keys()
    if common:
        form = min(common)
        scheme = forms_a.forms[form] if forms_a.forms[form] != AS_WRITTEN else forms_b.forms[form]
        return 1.0, "equal" if scheme == AS_WRITTEN or forms_a.cyrillic == forms_b.cyrillic else (
            f"equal under {scheme}")
    if forms_a.arabic != forms_b.arabic:
        scheme = equal_under_scheme(a, b)
        if scheme is not None:
            return 1.0, f"equal under {scheme}"
    if forms_a.sounds & forms_b.sounds:
        return 0.97, "equal by sound"
    best = max(Indel.normalized_similarity(x, y) for x in forms_a.sounds for y in forms_b.sounds)
    if forms_a.cyrillic and forms_b.cyrillic:
        best = max(best, Indel.normalized_similarity(a, b))
    elif len(forms_a.forms) * len(forms_b.forms) <= 40:  # a typo the sound key may have blurred
        best = max(best, *(Indel.normalized_similarity(x, y) for x in forms_a.forms for y in forms_b.forms))
    return best, "similar" if best >= SIMILAR else "differs"


@lru_cache(maxsize=1_000_000)
def word_level(a: str, b: str) -> tuple[int, str]:
    """The name level (NAME_LEVELS) of two name words and, for a scheme, its name ('MVD 782')."""
    if a == b:
        return EXACT, ""
    forms_a, forms_b = latin_forms(a), latin_forms(b)
    if forms_a.arabic and forms_b.arabic:
        return _arabic_level(a, b)[0], ""
    common = forms_a.forms.keys() & forms_b.forms.keys()
    if common:
        form = min(common)
        scheme = forms_a.forms[form] if forms_a.forms[form] != AS_WRITTEN else forms_b.forms[form]
        return (EXACT, "") if scheme == AS_WRITTEN or forms_a.cyrillic == forms_b.cyrillic else (SCHEME, scheme)
    if forms_a.arabic != forms_b.arabic:  # Arabic letters against Latin or Cyrillic: consonants and long vowels
        scheme = equal_under_scheme(a, b)
        if scheme is not None:
            return SCHEME, scheme
    if forms_a.sounds & forms_b.sounds and not _met_through_final_h(tuple(forms_a.forms), tuple(forms_b.forms)):
        return SOUND, ""
    if min(len(a), len(b)) == 1:
        short, other = (forms_a, forms_b) if len(a) == 1 else (forms_b, forms_a)
        initial = next(iter(short.forms), "")[:1]
        return (INITIAL, "") if initial and any(f[:1] == initial for f in other.forms) else (DIFFERENT, "")
    pairs = [(x, y) for x in forms_a.sounds for y in forms_b.sounds]
    if forms_a.cyrillic and forms_b.cyrillic:
        pairs.append((a, b))
    elif len(forms_a.forms) * len(forms_b.forms) <= 16:  # a typo the sound keys may have blurred
        pairs += [(x, y) for x in forms_a.forms for y in forms_b.forms]
    best = max((JaroWinkler.similarity(x, y, score_cutoff=0.8) for x, y in pairs), default=0.0)
    if best >= 0.94:
        return JW94, ""
    if best >= 0.88:
        return JW88, ""
    if best >= 0.80:
        return JW80, ""
    return DIFFERENT, ""


# Arabic letters written for one another: ta marbuta and ha, alef maqsura and ya, hamza on its seat or alone,
# and the Persian keyboard's ya, kaf and heh (name_words has unified the alefs and dropped the marks).
_ARABIC_SPELLING = str.maketrans({"ة": "ه", "ۀ": "ه", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و", "ک": "ك", "ء": None})


@lru_cache(maxsize=100_000)
def _arabic_level(a: str, b: str) -> tuple[int, float]:
    """The name level of two words in Arabic letters, and their Jaro-Winkler similarity, read letter by letter.

    Their Latin form (anyascii) drops the alef, the ayn and the long vowels, so عمر, عمار and عامر (Omar,
    Ammar, Amer), حسن and حسان, احمد and حامد, نور and نورا were one 'equal' word, and twins given such
    names were matched with passports that differ (breaker X14b). Written alike but for the letters above,
    two words are one name; otherwise they are as close as their letters.
    """
    x, y = a.translate(_ARABIC_SPELLING), b.translate(_ARABIC_SPELLING)
    if x == y:
        return EXACT, 1.0
    similarity = JaroWinkler.similarity(x, y)
    level = JW94 if similarity >= 0.94 else JW88 if similarity >= 0.88 else JW80 if similarity >= 0.80 else DIFFERENT
    return level, similarity


_FINAL_H = re.compile(r"[AEIOUY]H$")


def _met_through_final_h(forms_a: tuple[str, ...], forms_b: tuple[str, ...]) -> bool:
    """The two words' sound keys meet only where one spelling ends in a vowel and H and the other does not.

    The sound key drops that H so that Sarah finds Сара and Fatimah Fatima, but Noah and Noa, Samah
    (سماح) and Sama (سما), Sabah and Saba are different names too, the very names twins are given:
    met that way the words are look-alikes (Jaro-Winkler), which the twin cap weighs, not one name.
    """
    return all(bool(_FINAL_H.search(x)) != bool(_FINAL_H.search(y))
               for x in forms_a for y in forms_b if sound_key(x) == sound_key(y))


@lru_cache(maxsize=500_000)
def name_key(words: tuple[str, ...]) -> str:
    """The key under which a name word is counted for term frequencies (its smallest sound key)."""
    return min(min(latin_forms(w).sounds, default=w) for w in words)


@lru_cache(maxsize=1_000_000)
def _words_level(query: tuple[str, ...], target: tuple[str, ...]) -> tuple[int, str]:
    if len(query) == 1 and len(target) == 1:
        return word_level(query[0], target[0])
    return min(word_level(a, b) for a in query for b in target)


@lru_cache(maxsize=300_000)  # a roster repeats its names, and so does an answer
def _names(query: tuple[NameToken, ...], target: tuple[NameToken, ...]
           ) -> tuple[tuple[int, int, int], tuple[str, str, str], tuple[str, ...]]:
    """The levels, term-frequency keys and notes of surname, given name and patronymic.

    Every query word is met with every target word (each distinct pair of words compared
    once, `_words_level`); which word answers which part depends only on the roles and those
    levels, and is worked out once per pattern (`_assignment`).
    """
    if not query or not target:
        return _MISSING_NAMES
    met = [_words_level(q.words, t.words) for q in query for t in target]
    fields, swapped = _assignment(tuple(q.role for q in query), tuple(t.role for t in target),
                                  tuple(level for level, _ in met))
    levels, keys, notes = [DIFFERENT + 1] * 3, ["", "", ""], ["", "", ""]
    for slot, role, level, ti, pair in fields:
        levels[slot] = level
        if level <= SOUND:
            keys[slot] = name_key(target[ti].words)
        scheme = met[pair][1]
        if scheme:
            notes[slot] = f"{role} equal under {scheme}"
    if swapped:
        notes[0] = "; ".join(filter(None, (notes[0], "surname and given name in each other's place")))
    return (levels[0], levels[1], levels[2]), (keys[0], keys[1], keys[2]), tuple(filter(None, notes))


_MISSING_NAMES = ((DIFFERENT + 1,) * 3, ("", "", ""), ())


def named_as_met(query: Prepared, target: Prepared) -> Prepared:
    """`query` with the words of its full name in the roles they answered in `target`'s name; as it is when its
    roles are known.

        named_as_met(prepare(MatchRecord.from_full_name("row", "Kyale Grimshaw")), kyle).tokens
        # (NameToken('given name', ('KYALE',), ...), NameToken('surname', ('GRIMSHAW',), ...))

    A partner's row with one name column ('Kyale Grimshaw') is compared word by word with the person's
    surname and given name (`_assignment`); what is said of its given name (`Model.twin_spelling`: a
    spelling nobody carries is a typo rather than a twin's name) is said of the word that answered the
    given name. Words that answered nothing keep the role of a full name's word.
    """
    if query.has_roles or not query.tokens or not target.tokens:
        return query
    roles = _met_roles(query.tokens, target.tokens)
    return query._replace(tokens=tuple(NameToken(role, token.words, token.blocks)
                                       for role, token in zip(roles, query.tokens, strict=True)))


@lru_cache(maxsize=10_000)
def _met_roles(query: tuple[NameToken, ...], target: tuple[NameToken, ...]) -> tuple[str, ...]:
    met = [_words_level(q.words, t.words)[0] for q in query for t in target]
    fields, _ = _assignment(tuple(q.role for q in query), tuple(t.role for t in target), tuple(met))
    roles = [q.role for q in query]
    for _, role, _, _, pair in fields:
        roles[pair // len(target)] = role
    return tuple(roles)


def _roles_as_assigned(query: tuple[str, ...], target: tuple[str, ...], assigned: dict[int, tuple[int, int]]
                       ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Both sides' roles, a full name's words (one cell) taking the role of the word each was assigned to.

    'Nour Alhuda Haddad' in one cell against Nour Aldeen (given) Haddad: NOUR and ALHUDA take the given name's
    role, so the two given names clash as they do typed in two columns (breaker X14h: the twin was matched).
    """
    if all(role == NAME for role in query):  # both sides one cell: nothing to read the roles from
        met = list(query)
        for ti, (_, qi) in assigned.items():
            met[qi] = target[ti]
        return tuple(met), target
    if all(role == NAME for role in target):
        met = list(target)
        for ti, (_, qi) in assigned.items():
            met[ti] = query[qi]
        return query, tuple(met)
    return query, target


def _one_cell_nasab(query: tuple[str, ...], best: dict[str, tuple[int, int, int]]) -> tuple[bool, bool]:
    """Whether a full name in one cell shows another person of the family than the target's given name and
    patronymic: (the given name differs, the patronymic is not the person's).

    The given name comes first, or first after the surname, and the father's name next: 'Ahmed Mohammed Hassan'
    (or 'Hassan Ahmed Mohammed') against Mohammed son of Ahmed is his son, whose given name differs; 'Ali
    Mohammed Ahmed Hassan' is his son Ali (the four-part name) and 'Mohammed Ali Ahmed Hassan' his nephew:
    their words answering the target's given name and father's name do not say the person is Mohammed son
    of Ahmed, so the patronymic is not counted.
    """
    if GIVEN not in best or PATRONYMIC not in best or any(role != NAME for role in query):
        return False, False
    if best[PATRONYMIC][0] > SIMILAR_LEVEL or best[GIVEN][0] > SIMILAR_LEVEL:  # not both answered: no order to read
        return False, False
    given_at, patronymic_at = best[GIVEN][1], best[PATRONYMIC][1]
    if patronymic_at < given_at:
        return True, True
    surname_at = best[SURNAME][1] if SURNAME in best else -1
    others = set(range(patronymic_at)) - {given_at, surname_at}
    return False, bool(others)


def _fathers_name_for_given(query: tuple[str, ...], target: tuple[str, ...], best: dict[str, tuple[int, int, int]]
                            ) -> bool:
    """Whether the row's given name is the father's name: a word of its full name or given-name column answers
    only the person's patronymic, no word answers the given name, and the word is not the patronymic itself.

    'ALEKSANDR MOROZOV' against Морозов Пётр Александрович: a border list's one cell gives a given name and never
    a patronymic without one, so ALEKSANDR is a given name that differs from Пётр (the twin or brother named
    after the father), not 'given name missing, patronymic similar' (independent bench --relatives: the twin
    was matched at 0.9999). A word agreeing with the patronymic ('MOROZOV ALEKSANDROVICH', a roster's given-name
    column holding the patronymic) is the patronymic, and counts as before.
    """
    if GIVEN in best or PATRONYMIC not in best or GIVEN not in target:
        return False
    level, qi, _ = best[PATRONYMIC]
    return query[qi] in (NAME, GIVEN) and AGREEING < level < INITIAL


def _given_look_alike(query: tuple[str, ...], target: tuple[str, ...], levels: tuple[int, ...]) -> int | None:
    """The level of two given names of two words or more each when every word of one side is met, at worst, only
    as a look-alike (Mohammed Amin and Mohammed Amir, Rana Maria and Rania Maria, نور الدين and نور الهدى: twins),
    else None.

    The given name took its best-met word's level (Mohammed: equal), so the twin cap never weighed such twins;
    it now weighs the look-alike word, as it does a given name of one word. Spellings of one name (equal under
    a scheme or by sound) and an initial are not look-alikes; a word one side leaves out is no clash (the
    side whose every word is met decides: Mohammed Ali beside Mohammed Ali Hassan). Each word meets its own word
    of the other side (`_given_met`): Mohammed Mohammed against Ahmed Mohammed meets Ahmed, not Mohammed twice.
    """
    worst = _given_met(query, target, levels)
    return worst if worst is not None and worst > SOUND else None


def _given_clash(query: tuple[str, ...], target: tuple[str, ...], levels: tuple[int, ...]) -> bool:
    """Whether both sides give two given names or more and, each word meeting its own word of the other side
    (`_given_met`), one of them differs (Nour Aldeen and Nour Alhuda: twins; Mohammed beside Mohammed Ali is a
    second name left out, no clash; Mohammed Mohammed against Ali Mohammed: the second Mohammed meets Ali)."""
    return _given_met(query, target, levels) == DIFFERENT


def _given_met(query: tuple[str, ...], target: tuple[str, ...], levels: tuple[int, ...]) -> int | None:
    """The worst level at which the given names of the side with fewer (both sides two or more, else None) meet
    the other's, each word its own word, as well as they can (an initial counted equal).

        _given_met((GIVEN, GIVEN), (GIVEN, GIVEN), levels)  # levels of MOHAMMED MOHAMMED x AHMED MOHAMMED: JW80

    A camp's given-name column holds the own name and the father's: Mohammed son of Mohammed and Ahmed son of
    Mohammed share only the father's name, which both of the first's words met, and were counted equal given
    names (issue 14: two such persons of a camp matched as one). One word answers one word.
    """
    q_given = [qi for qi, role in enumerate(query) if role == GIVEN]
    t_given = [ti for ti, role in enumerate(target) if role == GIVEN]
    if len(q_given) < 2 or len(t_given) < 2:
        return None
    width = len(target)
    met = [[EXACT if (level := levels[qi * width + ti]) == INITIAL else level for ti in t_given] for qi in q_given]
    if len(q_given) > len(t_given):
        met = [list(column) for column in zip(*met, strict=True)]
    for worst in sorted({level for row in met for level in row}):
        if _one_to_one([[j for j, level in enumerate(row) if level <= worst] for row in met]) == len(met):
            return worst
    return DIFFERENT  # not reached: every word meets every word at some level


def _one_to_one(answers: list[list[int]]) -> int:
    """The most words of one side met each by its own word of the other (`answers[i]`: those word i may meet), a
    bipartite matching by augmenting paths (a name has a few words)."""
    taken: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in answers[i]:
            if j not in seen:
                seen.add(j)
                if j not in taken or place(taken[j], seen):
                    taken[j] = i
                    return True
        return False

    return sum(place(i, set()) for i in range(len(answers)))


@lru_cache(maxsize=100_000)
def _assignment(query: tuple[str, ...], target: tuple[str, ...], levels: tuple[int, ...]
                ) -> tuple[tuple[tuple[int, str, int, int, int], ...], bool]:
    """Which target word answers each name part, from the words' roles and their levels.

    `levels[qi * len(target) + ti]` is the level of query word qi against target word ti.
    Every query word is assigned to at most one target word, best level first, a word in its
    own role before one in another's. Returns (slot, role, level, target word, pair) for each
    part met (slot 0 surname, 1 given name, 2 patronymic), and whether surname and given
    name were found in each other's place.
    """
    width = len(target)
    pairs = []
    both_named = {GIVEN, PATRONYMIC} <= set(query) and {GIVEN, PATRONYMIC} <= set(target)
    for qi, q_role in enumerate(query):
        for ti, t_role in enumerate(target):
            if both_named and q_role != t_role and {q_role, t_role} == {GIVEN, PATRONYMIC}:
                continue  # the son's given name is his father's: Ahmed Mohammed is Mohammed Ahmed's son (nasab)
            same_role = q_role in (t_role, NAME) or t_role == NAME
            pairs.append((levels[qi * width + ti], not same_role, qi, ti))
    pairs.sort()
    used_q: set[int] = set()
    assigned: dict[int, tuple[int, int]] = {}
    for level, _, qi, ti in pairs:
        if qi in used_q or ti in assigned:
            continue
        used_q.add(qi)
        assigned[ti] = (level, qi)
    roles = list(target)
    if all(role == NAME for role in roles):  # no roles on the target side: its two best-met words count
        ranked = sorted(assigned, key=lambda ti: assigned[ti][0])
        for ti, role in zip(ranked, (SURNAME, GIVEN), strict=False):
            roles[ti] = role
    best: dict[str, tuple[int, int, int]] = {}
    for ti, role in enumerate(roles):
        found = assigned.get(ti)
        if found and role in _ROLE_FIELD and (role not in best or found[0] < best[role][0]):
            best[role] = (found[0], found[1], ti)
    if GIVEN in best and _given_clash(*_roles_as_assigned(query, target, assigned), levels):
        best[GIVEN] = (DIFFERENT, best[GIVEN][1], best[GIVEN][2])
    look_alike = _given_look_alike(*_roles_as_assigned(query, target, assigned), levels) if GIVEN in best else None
    if look_alike is not None and look_alike > best[GIVEN][0]:
        best[GIVEN] = (look_alike, best[GIVEN][1], best[GIVEN][2])
    if _fathers_name_for_given(query, target, best):
        given_at = target.index(GIVEN) if GIVEN in target else best[PATRONYMIC][2]
        best[GIVEN] = (DIFFERENT, best[PATRONYMIC][1], given_at)
        del best[PATRONYMIC]
    given_differs, not_the_patronymic = _one_cell_nasab(query, best)
    if given_differs:
        best[GIVEN] = (DIFFERENT, best[GIVEN][1], best[GIVEN][2])
    if not_the_patronymic:
        del best[PATRONYMIC]
    fields = []
    swapped = False
    for role, field in _ROLE_FIELD.items():
        if role not in best:
            continue
        level, qi, ti = best[role]
        q_role = query[qi]
        if role == PATRONYMIC and q_role == NAME and level > SIMILAR_LEVEL:
            continue  # a full-name word that is not the patronymic: the partner gave none
        if role != PATRONYMIC and q_role in (SURNAME, GIVEN) and q_role != role:
            swapped = True
        fields.append((field - SURNAME_F, role, level, ti, qi * width + ti))
    return tuple(fields), swapped

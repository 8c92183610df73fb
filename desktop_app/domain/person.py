"""A person on the roster: the editable fields, their validation, and derived flags.

The registry `PERSON_FIELDS` names every field once, with its label and kind; the roster
table's column chooser, import mapping and export profiles all read it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_app.domain.countries import normalize_country, normalize_country_list
from desktop_app.domain.dates import PartialDate, parse_iso_date
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, label
from desktop_app.domain.names import clean_text, icao_latin


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"
    OTHER = "X"  # ICAO 9303 'X': unspecified

    @property
    def label(self) -> str:
        return {"M": "male", "F": "female", "X": "unspecified"}[self.value]


class DocumentType(StrEnum):
    PASSPORT = "passport"
    FOREIGN_PASSPORT = "foreign_passport"  # Russian international passport
    NATIONAL_ID = "national_id"
    BIRTH_CERTIFICATE = "birth_certificate"
    TRAVEL_DOCUMENT = "travel_document"
    RESIDENCE_PERMIT = "residence_permit"
    OTHER = "other"


class Relationship(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    OTHER_RELATIVE = "other_relative"
    OTHER = "other"


# The youngest age at which a relationship to the head is plausible. Below it the relationship is
# still recorded (a sheet or an officer may be right), but it is flagged: an 11-year-old "spouse"
# is usually a child entered on the wrong line.
MIN_AGE_FOR_RELATIONSHIP: dict[Relationship, int] = {
    Relationship.SPOUSE: 16,
    Relationship.PARENT: 13,
    Relationship.GRANDPARENT: 26,
}


def doubtful_age(relationship: Relationship | str | None, birth_date: str | PartialDate | None,
                 today: dt.date | None = None) -> int | None:
    """The person's age when it is below the youngest plausible for `relationship`, else None."""
    if not relationship or not birth_date:
        return None
    try:
        relation = Relationship(relationship)
        born = birth_date if isinstance(birth_date, PartialDate) else PartialDate.parse(birth_date)
    except (ValueError, ValidationError):
        return None
    minimum = MIN_AGE_FOR_RELATIONSHIP.get(relation)
    age = born.age_on(today or dt.date.today())
    return age if minimum is not None and age < minimum else None


def relationship_doubt(relationship: Relationship | str | None, birth_date: str | PartialDate | None,
                       today: dt.date | None = None) -> Message | None:
    """Why `relationship` is unlikely for a person born on `birth_date` (stored ISO text), or None;
    a Message, so that the command line says it in the operator's language.

        str(relationship_doubt("spouse", "2015-03-02", dt.date(2026, 12, 5)))
        # 'is 11 years old: too young to be the spouse of the head; check the relationship'
    """
    age = doubtful_age(relationship, birth_date, today)
    if age is None or relationship is None:
        return None
    return Message(QT_TRANSLATE_NOOP("domain.person", "is {age} years old: too young to be the {relation} of the "
                                     "head; check the relationship"),
                   age=age, relation=label(Relationship(relationship).value))


class FieldKind(StrEnum):
    TEXT = "text"
    NAME = "name"
    LATIN_NAME = "latin_name"
    SEX = "sex"
    PARTIAL_DATE = "partial_date"
    DATE = "date"
    COUNTRIES = "countries"
    BOOL = "bool"
    EMAIL = "email"
    RELATIONSHIP = "relationship"
    CASE_REF = "case_ref"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: FieldKind


PERSON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("case_ref", "Case ref.", FieldKind.CASE_REF),
    FieldSpec("surname", "Surname", FieldKind.NAME),
    FieldSpec("given_names", "Given names", FieldKind.NAME),
    FieldSpec("patronymic", "Patronymic", FieldKind.NAME),
    FieldSpec("surname_latin", "Surname (Latin)", FieldKind.LATIN_NAME),
    FieldSpec("given_names_latin", "Given names (Latin)", FieldKind.LATIN_NAME),
    FieldSpec("sex", "Sex", FieldKind.SEX),
    FieldSpec("birth_date", "Date of birth", FieldKind.PARTIAL_DATE),
    FieldSpec("place_of_birth", "Place of birth", FieldKind.TEXT),
    FieldSpec("citizenships", "Citizenships", FieldKind.COUNTRIES),
    FieldSpec("email", "E-mail", FieldKind.EMAIL),
    FieldSpec("messenger", "Messenger", FieldKind.TEXT),
    FieldSpec("region", "Region", FieldKind.TEXT),
    FieldSpec("locality", "Locality", FieldKind.TEXT),
    FieldSpec("address", "Address", FieldKind.TEXT),
    FieldSpec("medical", "Medical needs", FieldKind.BOOL),
    FieldSpec("reduced_mobility", "Reduced mobility", FieldKind.BOOL),
    FieldSpec("pregnant", "Pregnant", FieldKind.BOOL),
    FieldSpec("unaccompanied_minor", "Unaccompanied minor", FieldKind.BOOL),
    FieldSpec("consent_to_share", "Consent to share", FieldKind.BOOL),
    FieldSpec("consent_date", "Consent date", FieldKind.DATE),
    FieldSpec("source", "Registered via", FieldKind.TEXT),
    FieldSpec("relationship", "Relationship to head", FieldKind.RELATIONSHIP),
    FieldSpec("notes", "Notes", FieldKind.TEXT),
)
FIELDS_BY_KEY: dict[str, FieldSpec] = {spec.key: spec for spec in PERSON_FIELDS}

# The most characters a text field holds: its column's width in the roster (storage.models), which
# PostgreSQL enforces and SQLite does not; notes have no limit.
TEXT_WIDTHS: dict[str, int] = {spec.key: 500 if spec.key == "address" else 200 for spec in PERSON_FIELDS
                               if spec.kind in (FieldKind.TEXT, FieldKind.NAME, FieldKind.LATIN_NAME, FieldKind.EMAIL)
                               and spec.key != "notes"}
DOCUMENT_NUMBER_WIDTH = 40
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CASE_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/_.]{0,31}$")
_TRUE = {"1", "true", "yes", "y", "x", "да", "д", "oui", "نعم", "+"}
_FALSE = {"0", "false", "no", "n", "", "нет", "н", "non", "لا", "-"}


def validate_field(key: str, value: Any, today: dt.date | None = None) -> Any:
    """The stored form of `value` for field `key`, or ValidationError naming field and value.

    Empty text becomes '' (or None for dates and choices); names keep their script.
    """
    spec = FIELDS_BY_KEY.get(key)
    if spec is None:
        raise ValidationError(key, value, QT_TRANSLATE_NOOP("domain.person", "is not a field of a person"))
    today = today or dt.date.today()
    kind = spec.kind
    if kind is FieldKind.BOOL:
        return parse_bool(value, key)
    if value is None or (isinstance(value, str) and not clean_text(value)):
        return [] if kind is FieldKind.COUNTRIES else ("" if kind in _TEXT_KINDS else None)
    width = TEXT_WIDTHS.get(key)
    if width is not None and len(clean_text(str(value))) > width:  # the value itself not repeated: it is long
        raise ValidationError(key, None, QT_TRANSLATE_NOOP("domain.person", "is longer than {most} characters"),
                              most=width)
    if kind in (FieldKind.TEXT, FieldKind.NAME):
        return clean_text(str(value))
    if kind is FieldKind.LATIN_NAME:
        text = clean_text(str(value)).upper()
        if any(ch.isalpha() and not ("A" <= ch <= "Z") for ch in text):
            raise ValidationError(key, value,
                                  QT_TRANSLATE_NOOP("domain.person", "must be in Latin letters as in the passport"))
        return text
    if kind is FieldKind.CASE_REF:
        text = clean_text(str(value))
        if not _CASE_REF.match(text):
            raise ValidationError(key, value,
                                  QT_TRANSLATE_NOOP("domain.person", "must be letters, digits and - / _ . (up to 32)"))
        return text
    if kind is FieldKind.EMAIL:
        text = clean_text(str(value))
        if not _EMAIL.match(text):
            raise ValidationError(key, value, QT_TRANSLATE_NOOP("domain.person", "is not an e-mail address"))
        return text
    if kind is FieldKind.SEX:
        return parse_sex(value)
    if kind is FieldKind.PARTIAL_DATE:
        birth = value if isinstance(value, PartialDate) else (
            PartialDate.from_date(value) if isinstance(value, dt.date) else PartialDate.parse(str(value), key))
        if birth.is_after(today):
            raise ValidationError(key, birth.iso(), QT_TRANSLATE_NOOP("domain.person", "lies in the future"))
        return birth
    if kind is FieldKind.DATE:
        return value if isinstance(value, dt.date) else parse_iso_date(str(value), key)
    if kind is FieldKind.COUNTRIES:
        return list(value) if isinstance(value, list | tuple) else normalize_country_list(str(value), key)
    if kind is FieldKind.RELATIONSHIP:
        try:
            return Relationship(str(value).strip().lower().replace(" ", "_"))
        except ValueError:
            known = ", ".join(r.value for r in Relationship)
            raise ValidationError(key, value, f"is not a relationship (known: {known})") from None
    raise AssertionError(f"unhandled field kind {kind}")


_TEXT_KINDS = (FieldKind.TEXT, FieldKind.NAME, FieldKind.LATIN_NAME, FieldKind.EMAIL, FieldKind.CASE_REF)


def parse_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(key, value, QT_TRANSLATE_NOOP("domain.person", "must be yes or no"))


def parse_sex(value: Any) -> Sex:
    text = str(value).strip().casefold()
    for sex, spellings in _SEX_SPELLINGS.items():
        if text in spellings:
            return sex
    raise ValidationError("sex", value, QT_TRANSLATE_NOOP("domain.person", "must be M, F or X"))


_SEX_SPELLINGS: dict[Sex, set[str]] = {
    Sex.MALE: {"m", "male", "man", "м", "муж", "муж.", "мужской", "h", "homme", "masculin", "ذكر", "ذ"},
    Sex.FEMALE: {"f", "female", "woman", "ж", "жен", "жен.", "женский", "femme", "féminin", "feminin",
                 "أنثى", "انثى", "أ", "ا"},
    Sex.OTHER: {"x", "unspecified", "other", "не указан"},
}


def derived_latin(native: str) -> str:
    """The ICAO 9303 form of a Cyrillic name stored beside it, cut to the Latin column's width: a
    name at its column's width can be four times as long in Latin (Щ is SHCH)."""
    return icao_latin(native)[:TEXT_WIDTHS["surname_latin"]]


def latin_or_derived(latin: str, native: str) -> str:
    """The passport Latin form if known, else the ICAO 9303 form of the native name."""
    return latin or icao_latin(native)


@dataclass(frozen=True, slots=True)
class DocumentData:
    """A travel or identity document as entered; `normalize_document_number` gives its key."""

    doc_type: DocumentType
    number: str
    issuing_country: str | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None

    @classmethod
    def create(cls, doc_type: str | DocumentType, number: str, issuing_country: str | None = None,
               issue_date: dt.date | str | None = None, expiry_date: dt.date | str | None = None) -> DocumentData:
        try:
            kind = DocumentType(doc_type)
        except ValueError:
            known = ", ".join(d.value for d in DocumentType)
            raise ValidationError("document type", doc_type, f"is not a document type (known: {known})") from None
        shown = clean_text(number).upper()
        if not normalize_document_number(shown):
            raise ValidationError("document number", number, QT_TRANSLATE_NOOP("domain.person", "is empty"))
        if len(shown) > DOCUMENT_NUMBER_WIDTH:
            raise ValidationError("document number", None,
                                  QT_TRANSLATE_NOOP("domain.person", "is longer than {most} characters"),
                                  most=DOCUMENT_NUMBER_WIDTH)
        issued = _as_date(issue_date, "issue date")
        expires = _as_date(expiry_date, "expiry date")
        if issued and expires and expires <= issued:
            raise ValidationError("expiry date", expires.isoformat(),
                                  QT_TRANSLATE_NOOP("domain.person", "is not after the issue date"))
        country = normalize_country(issuing_country, "issuing country") if issuing_country else None
        return cls(kind, shown, country, issued, expires)


def _as_date(value: dt.date | str | None, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else parse_iso_date(value, field)


def normalize_document_number(number: str) -> str:
    """The number as a key: letters and digits only, upper case ('72 1234567' -> '721234567').

    Full-width and other compatibility digits and letters count as their plain forms ('７２' -> '72').
    """
    upper = (number if number.isascii() else unicodedata.normalize("NFKC", number)).upper()
    if upper.isalnum():
        return upper
    spaced = upper.replace(" ", "")  # a space is what most numbers hold besides letters and digits
    return spaced if spaced.isalnum() else "".join(ch for ch in spaced if ch.isalnum())


# What a clerk types where a person has no document, as `normalize_document_number` keys: a word saying there
# is none ('N/A', 'нет', 'لا يوجد'), one character repeated (000000000) or a run of digits (123456789). Everyone
# without a document shares it, so it tells nobody apart (breaker X14b: it was 'document equal' to the matcher,
# which then let a twin and a woman of another surname match at 1.0).
_NO_DOCUMENT_WORDS = frozenset({
    "NONE", "NA", "NIL", "NULL", "NO", "UNKNOWN", "NOTAVAILABLE", "NOTKNOWN", "MISSING", "NOPASSPORT", "NODOCUMENT",
    "NODOCUMENTS", "НЕТ", "НЕИЗВЕСТНО", "ОТСУТСТВУЕТ", "НЕТДОКУМЕНТА", "НЕТДОКУМЕНТОВ", "БЕЗДОКУМЕНТОВ", "НЕТПАСПОРТА",
    "لايوجد", "غيرمعروف", "بدون", "لا"})
_DIGIT_RUNS = ("01234567890123456789", "98765432109876543210")
MIN_DIGIT_RUN = 5  # a run shorter than this may be a short number of its own


def is_placeholder_document_number(key: str) -> bool:
    """Whether a `normalize_document_number` key stands for no document (empty, a 'none' word, 000000, 123456)."""
    if not key or key.count(key[0]) == len(key) or key in _NO_DOCUMENT_WORDS:
        return True
    if len(key) >= MIN_DIGIT_RUN and key.isdecimal():
        digits = key if key.isascii() else "".join(str(unicodedata.decimal(ch)) for ch in key)
        return digits in _DIGIT_RUNS[0] or digits in _DIGIT_RUNS[1]
    return False


# Cyrillic capitals a partner copying a series (СН 123456) types as the Latin letters they look like.
_LOOK_LATIN = str.maketrans("АВЕКМНОРСТУХІ", "ABEKMHOPCTYXI")


def ascii_digits(text: str) -> str:
    """`text` with any script's decimal digits as 0-9 ('٤٥١٢' and Persian '۴۵۱۲' are '4512'), the rest as it is."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def document_match_key(number: str) -> str:
    """The number as the matcher compares it: `normalize_document_number` with any script's digits as 0-9
    ('٤١٣٣٧٧٨٢١' is 413377821, as a partner writing in Arabic types it) and Cyrillic capitals that look
    Latin as those (СН 123456 is CH123456), and '' for a number typed for no document
    (`is_placeholder_document_number`)."""
    key = normalize_document_number(number)
    if not key.isascii():
        key = ascii_digits(key)
        return "" if is_placeholder_document_number(key) else key.translate(_LOOK_LATIN)
    if key.isdigit() and key[0] != key[-1] and key not in _DIGIT_RUNS[0] and key not in _DIGIT_RUNS[1]:
        return key  # the usual passport number, told from a placeholder at once (a roster has 100,000)
    return "" if is_placeholder_document_number(key) else key

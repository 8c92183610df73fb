"""Turning one imported cell into a roster value: dates, sex, countries, phones, Latin names.

    parse_date_cell(value, order_hint=None) -> DateParse
    prevalent_date_order(values) -> DateOrder | None
    date_order_evidence(values) -> (DateOrder | None, (dates that settle it, ...))
    parse_sex_cell(value) -> Sex                         (ValidationError)
    parse_country(text) -> alpha-3                       (ValidationError)
    parse_countries(text) -> [alpha-3, ...]              (ValidationError)
    parse_phones(value, default_region) -> [E.164, ...]  (ValidationError)
    parse_phones_among(value, regions) -> ([E.164, ...], [doubt, ...])  (ValidationError)
    location_countries(region, locality, ...) -> [alpha-3, ...]
    cell_text(value) -> str
    latin_name(native, latin="") -> passport Latin (ICAO 9303 from Cyrillic when none given)

Dates. A date cell stays a date. A number is a year when it lies in 1850-2200, else an
Excel serial day number (1900 system). Text is read in these forms: ISO 'YYYY-MM-DD'
(also with / or .), 'DD.MM.YYYY' (dots are always day first: no one writes month first
with dots), 'a/b/YYYY' and 'a-b-YYYY' (day or month first: decided only when one part is
over 12 or both are equal, otherwise ambiguous), month names and abbreviations in English,
Russian, French and Arabic ('1 Feb 1980', 'Feb 1, 1980', '01-ФЕВ-1980', '1 февраля 1980',
'1 فبراير 1980'), month and year ('02.1980', 'Feb 1980'), a year alone ('1980', '1980 г.').
Two-digit years are 19xx when past this year's two digits, else 20xx. Arabic-Indic
digits are read as digits. An ambiguous date is never guessed silently: `DateParse`
carries both readings and is flagged; the hint (the sheet's prevalent order) picks the
suggested one.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import pycountry

from desktop_app.domain.countries import normalize_country
from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, about
from desktop_app.domain.names import fold, has_cyrillic, icao_latin
from desktop_app.domain.person import Sex, parse_sex
from desktop_app.domain.phones import normalize_phone, phone_in_regions

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's 1900 leap-year bug is allowed for
_YEARS = range(1850, 2201)
_MAX_SERIAL = 2_958_465  # 9999-12-31


class DateOrder(StrEnum):
    DMY = "DMY"
    MDY = "MDY"


@dataclass(frozen=True)
class DateParse:
    """The outcome of reading a date cell.

    `value` is the date to use (None when refused, or ambiguous with no hint); `readings`
    holds both when day and month could be either way (`ambiguous`); `problem` says why a
    value was refused or needs a look.
    """

    value: PartialDate | None
    readings: tuple[PartialDate, ...] = ()
    problem: str | Message | None = None

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


_EMPTY = DateParse(None)

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "январь", "января", "янв", "janvier", "janv", "يناير", "كانون الثاني"),
    2: ("february", "feb", "февраль", "февраля", "фев", "февр", "fevrier", "fevr", "fev", "فبراير", "شباط"),
    3: ("march", "mar", "март", "марта", "мар", "mars", "مارس", "آذار", "اذار"),
    4: ("april", "apr", "апрель", "апреля", "апр", "avril", "avr", "أبريل", "ابريل", "إبريل", "نيسان"),
    5: ("may", "май", "мая", "mai", "مايو", "أيار", "ايار"),
    6: ("june", "jun", "июнь", "июня", "июн", "juin", "يونيو", "يونية", "حزيران"),
    7: ("july", "jul", "июль", "июля", "июл", "juillet", "juil", "يوليو", "يولية", "تموز"),
    8: ("august", "aug", "август", "августа", "авг", "aout", "أغسطس", "اغسطس", "آب", "اب"),
    9: ("september", "sep", "sept", "сентябрь", "сентября", "сен", "сент", "septembre", "سبتمبر", "أيلول",
        "ايلول"),
    10: ("october", "oct", "октябрь", "октября", "окт", "octobre", "أكتوبر", "اكتوبر", "تشرين الأول",
         "تشرين الاول"),
    11: ("november", "nov", "ноябрь", "ноября", "ноя", "нояб", "novembre", "نوفمبر", "تشرين الثاني"),
    12: ("december", "dec", "декабрь", "декабря", "дек", "decembre", "ديسمبر", "كانون الأول", "كانون الاول"),
}
_MONTH_BY_NAME = {fold(name): month for month, names in _MONTHS.items() for name in names}
_MONTH_WORD = "|".join(sorted((re.escape(name) for name in _MONTH_BY_NAME), key=len, reverse=True))

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_SLASHED = re.compile(r"(\d{1,2})([/\-])(\d{1,2})\2(\d{2}|\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})[./\-](\d{4})|(\d{4})[./\-](\d{1,2})")
_YEAR = re.compile(r"(\d{4})(?:\s*(?:г|гг|год|year|an|سنة|عام)?\.?)")
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:er)?[\s\-./]+({_MONTH_WORD})\.?[\s\-./,]+(\d{{2}}|\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH_WORD})\.?[\s\-./]+(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-./]+(\d{{4}})")
_MONTH_NAME_YEAR = re.compile(rf"({_MONTH_WORD})\.?[\s\-./,]+(\d{{4}})")
_TRAILING_YEAR_WORD = re.compile(r"\s*(?:г|года|год)\.?$")


def parse_date_cell(value: object, order_hint: DateOrder | None = None) -> DateParse:
    """Read a date cell; see the module docstring for the forms. Empty cells give value None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return _EMPTY
    if isinstance(value, dt.datetime):
        return _made(value.year, value.month, value.day, value)
    if isinstance(value, dt.date):
        return _made(value.year, value.month, value.day, value)
    if isinstance(value, bool):
        return DateParse(None, problem=QT_TRANSLATE_NOOP("exchange.values", "is not a date"))
    if isinstance(value, int | float):
        return _from_number(value)
    return _from_text(str(value), order_hint)


def _made(year: int, month: int | None, day: int | None, shown: object) -> DateParse:
    try:
        return DateParse(PartialDate(year, month, day))
    except ValueError:
        return DateParse(None, problem=about(shown, QT_TRANSLATE_NOOP("exchange.values", "is not a real date")))


def _from_number(number: float) -> DateParse:
    if float(number).is_integer() and int(number) in _YEARS:
        return DateParse(PartialDate(int(number)))
    if not 1 <= number <= _MAX_SERIAL or int(number) == 60:  # 60 is Excel's fictitious 1900-02-29
        return DateParse(None, problem=about(number, QT_TRANSLATE_NOOP("exchange.values", "is not a date")))
    day = EXCEL_EPOCH + dt.timedelta(days=int(number))
    if number < 61:  # before Excel's fictitious 1900-02-29
        day += dt.timedelta(days=1)
    return _made(day.year, day.month, day.day, number)


def _ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        pivot = dt.date.today().year % 100
        year += 1900 if year > pivot else 2000
    return year


@functools.lru_cache(maxsize=8192)  # an answer or import column repeats its dates; DateParse is frozen
def _from_text(raw: str, order_hint: DateOrder | None) -> DateParse:
    text = fold(_ascii_digits(raw)).strip().rstrip(".")
    text = _TRAILING_YEAR_WORD.sub("", text) if re.search(r"\d{4}", text) else text
    if match := _ISO.fullmatch(text):
        return _made(int(match[1]), int(match[2]), int(match[3]), raw)
    if match := _DOTTED.fullmatch(text):
        return _made(_full_year(match[3]), int(match[2]), int(match[1]), raw)
    if match := _SLASHED.fullmatch(text):
        return _two_way(int(match[1]), int(match[3]), _full_year(match[4]), raw, order_hint)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        return _made(_full_year(match[3]), _MONTH_BY_NAME[match[2]], int(match[1]), raw)
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        return _made(int(match[3]), _MONTH_BY_NAME[match[1]], int(match[2]), raw)
    if match := _MONTH_NAME_YEAR.fullmatch(text):
        return _made(int(match[2]), _MONTH_BY_NAME[match[1]], None, raw)
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return _made(int(year), int(month), None, raw)
    if (match := _YEAR.fullmatch(text)) and int(match[1]) in _YEARS:
        return DateParse(PartialDate(int(match[1])))
    return DateParse(None, problem=about(raw, QT_TRANSLATE_NOOP("exchange.values", "is not a date in a form we read"),
                                              quoted=True))


def _two_way(first: int, second: int, year: int, raw: str, order_hint: DateOrder | None) -> DateParse:
    """'a/b/YYYY': day-first when a month cannot be a, month-first when b cannot be one."""
    if first > 12 or first == second:
        return _made(year, second, first, raw)
    if second > 12:
        return _made(year, first, second, raw)
    dmy = _made(year, second, first, raw).value
    mdy = _made(year, first, second, raw).value
    readings = tuple(reading for reading in (dmy, mdy) if reading is not None)
    if order_hint is None:
        return DateParse(None, readings, about(raw, QT_TRANSLATE_NOOP(
            "exchange.values", "could be day/month or month/day; choose the order"), quoted=True))
    chosen = dmy if order_hint is DateOrder.DMY else mdy
    return DateParse(chosen, readings, about(raw, Message(QT_TRANSLATE_NOOP(
        "exchange.values", "read as {date} ({order}), the order the column's other dates settle"),
        date=chosen, order=order_hint.value), quoted=True))


def prevalent_date_order(values: Iterable[object]) -> DateOrder | None:
    """DMY or MDY, as most of the column's dates that settle the order show; None with no evidence."""
    return date_order_evidence(values)[0]


def date_order_evidence(values: Iterable[object]) -> tuple[DateOrder | None, tuple[str, ...]]:
    """The order the column's own dates settle, and up to three of the dates that settle it.

    Evidence: an 'a/b/YYYY' whose first part is over 12 (day first) or whose second is (month
    first), and any 'DD.MM.YYYY' written with dots (dots are day first: the column's writer
    puts the day first). Votes decide; a tie is no evidence. The order is about the slashed
    dates, so their own votes come first: a column filled by two people, one writing
    '12.04.1979' and one '11/25/1990', reads '03/11/2008' month first. Dots settle it only
    when no slashed date does.
    """
    slashed: Counter[DateOrder] = Counter()
    dotted: Counter[DateOrder] = Counter()
    examples: dict[DateOrder, list[str]] = {DateOrder.DMY: [], DateOrder.MDY: []}
    for value in values:
        if not isinstance(value, str):
            continue
        text = _ascii_digits(value).strip()
        vote = None
        if match := _SLASHED.fullmatch(text):
            first, second = int(match[1]), int(match[3])
            if first > 12 >= second:
                vote = DateOrder.DMY
            elif second > 12 >= first:
                vote = DateOrder.MDY
        elif _DOTTED.fullmatch(text):
            vote = DateOrder.DMY
        if vote is not None:
            (slashed if match else dotted)[vote] += 1
            if len(examples[vote]) < 3:
                examples[vote].append(value.strip())
    votes = slashed or dotted
    if not votes or votes[DateOrder.DMY] == votes[DateOrder.MDY]:
        return None, ()
    order = votes.most_common(1)[0][0]
    return order, tuple(examples[order])


# Spellings of sex that lists use beyond `domain.person.parse_sex`.
_MORE_SEX: dict[str, Sex] = {
    "мужчина": Sex.MALE, "мальчик": Sex.MALE, "мужск": Sex.MALE, "boy": Sex.MALE, "masculine": Sex.MALE,
    "رجل": Sex.MALE, "ولد": Sex.MALE, "ذكر.": Sex.MALE,
    "женщина": Sex.FEMALE, "девочка": Sex.FEMALE, "женск": Sex.FEMALE, "girl": Sex.FEMALE,
    "feminine": Sex.FEMALE, "fille": Sex.FEMALE, "garcon": Sex.MALE, "garçon": Sex.MALE,
    "انثي": Sex.FEMALE, "أنثي": Sex.FEMALE, "امرأة": Sex.FEMALE, "بنت": Sex.FEMALE, "f.": Sex.FEMALE,
    "m.": Sex.MALE,
}


def parse_sex_cell(value: object) -> Sex:
    """M, F or X from any common spelling in the four languages; ValidationError otherwise."""
    text = str(value).strip().casefold().rstrip(".") if value is not None else ""
    if text in _MORE_SEX:
        return _MORE_SEX[text]
    return parse_sex(text)


# Everyday names and nationality words (en, ru, fr, ar) that the ISO translations lack.
_MORE_COUNTRIES: dict[str, str] = {
    "россия": "RUS", "рф": "RUS", "российская федерация": "RUS", "russie": "RUS", "روسيا": "RUS",
    "russian": "RUS", "русский": "RUS", "российское": "RUS", "russe": "RUS", "روسي": "RUS", "روسية": "RUS",
    "палестина": "PSE", "palestine": "PSE", "فلسطين": "PSE", "palestinian": "PSE", "палестинское": "PSE",
    "palestinien": "PSE", "palestinienne": "PSE", "فلسطيني": "PSE", "فلسطينية": "PSE", "gaza": "PSE",
    "газа": "PSE", "غزة": "PSE",
    "египет": "EGY", "egypte": "EGY", "مصر": "EGY", "egyptian": "EGY", "египетское": "EGY",
    "egyptien": "EGY", "egyptienne": "EGY", "مصري": "EGY", "مصرية": "EGY",
    "украина": "UKR", "ukrainian": "UKR", "украинское": "UKR", "ukrainien": "UKR", "أوكرانيا": "UKR",
    "беларусь": "BLR", "белоруссия": "BLR", "belarusian": "BLR", "казахстан": "KAZ", "kazakh": "KAZ",
    "иордания": "JOR", "jordanian": "JOR", "jordanien": "JOR", "أردني": "JOR", "الأردن": "JOR",
    "сирия": "SYR", "syrian": "SYR", "syrien": "SYR", "سوري": "SYR", "سوريا": "SYR",
    "израиль": "ISR", "israeli": "ISR", "israelien": "ISR", "إسرائيل": "ISR",
    "молдова": "MDA", "молдавия": "MDA", "армения": "ARM", "азербайджан": "AZE", "грузия": "GEO",
    "кыргызстан": "KGZ", "киргизия": "KGZ", "узбекистан": "UZB", "таджикистан": "TJK", "туркмения": "TKM",
    "сша": "USA", "american": "USA", "великобритания": "GBR", "british": "GBR", "french": "FRA",
    "без гражданства": "XXA", "лбг": "XXA", "stateless": "XXA", "apatride": "XXA", "عديم الجنسية": "XXA",
    "بدون": "XXA",
    # places people name as where they are, for the country their phone numbers belong to
    "gaza strip": "PSE", "сектор газа": "PSE", "قطاع غزة": "PSE",
    "западный берег": "PSE", "الضفة الغربية": "PSE", "bande de gaza": "PSE", "cisjordanie": "PSE",
}
_COUNTRY_LANGUAGES = ("ru", "fr", "ar")
_LIST_SPLIT = re.compile(r"\s*(?:[,;/+\n]|\s(?:and|и|et|و)\s)\s*")


@cache
def _country_index() -> dict[str, str]:
    """Folded country names in English, Russian, French and Arabic -> alpha-3 (built once)."""
    index: dict[str, str] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
                    for language in _COUNTRY_LANGUAGES]
    for country in pycountry.countries:
        names = {getattr(country, attr, None) for attr in ("name", "official_name", "common_name")} - {None}
        for name in names:
            index.setdefault(fold(name), country.alpha_3)
            for translation in translations:
                translated = fold(translation.gettext(name))
                index.setdefault(translated, country.alpha_3)
                head, comma, tail = translated.partition(", ")
                if comma:  # 'russie, federation de' is also said 'federation de russie'
                    index.setdefault(f"{tail} {head}", country.alpha_3)
    index.update({fold(name): code for name, code in _MORE_COUNTRIES.items()})
    return index


def parse_country(text: str) -> str:
    """ISO alpha-3 for a code (RUS, RU) or a name in en/ru/fr/ar ('Египет', 'مصر' -> 'EGY')."""
    clean = text.strip().strip(".")
    found = _country_index().get(fold(clean))
    if found:
        return found
    try:
        return normalize_country(clean, "citizenship")
    except ValidationError:
        raise ValidationError("citizenship", text, "is not a country we know (use a name or an ISO code "
                              "such as RUS, PSE, EGY)") from None


def parse_countries(text: str) -> list[str]:
    """Several countries separated by , ; / + or 'and' in the four languages; order kept, no repeats."""
    codes: list[str] = []
    for part in _LIST_SPLIT.split(text.strip()):
        if part.strip():
            code = parse_country(part)
            if code not in codes:
                codes.append(code)
    return codes


_PHONE_SPLIT = re.compile(r"\s*[,;/\n]\s*")


def parse_phones(value: object, default_region: str | None) -> list[str]:
    """E.164 numbers in a cell (several split on , ; / or new lines).

    `default_region` is the mission's country (alpha-2, 'EG'). A number stored as a
    number (201001234567) is tried as written and then with a leading '+'.
    """
    text = cell_text(value)
    numbers: list[str] = []
    for part in _PHONE_SPLIT.split(text.strip()):
        if not part:
            continue
        try:
            number = normalize_phone(part, default_region)
        except ValidationError:
            if not part.isdigit():
                raise
            number = normalize_phone("+" + part, None)
        if number not in numbers:
            numbers.append(number)
    return numbers


def location_countries(*texts: str) -> list[str]:
    """The countries (alpha-3) named by a person's region, locality or address: each text whole,
    then each of its comma-separated parts ('Rafah, Gaza' -> ['PSE']); unknown places give none."""
    found: list[str] = []
    for text in texts:
        for code in _place_countries(text):
            if code not in found:
                found.append(code)
    return found


@functools.lru_cache(maxsize=4096)  # a sheet repeats a few places
def _place_countries(text: str) -> tuple[str, ...]:
    index = _country_index()
    codes = (index.get(fold(part.strip().strip("."))) for part in (text, *_LOCATION_SPLIT.split(text)))
    return tuple(dict.fromkeys(code for code in codes if code))


_LOCATION_SPLIT = re.compile(r"\s*[,;/()\n]\s*")


def parse_phones_among(value: object, regions: tuple[str | None, ...]) -> tuple[list[str], list[str]]:
    """E.164 numbers in a cell (split like `parse_phones`) read among `regions` (alpha-2, the first
    preferred: see `domain.phones.phone_in_regions`), and a note for each number that is valid in
    more than one of them. A number stored as a number (201001234567) is also tried with '+'."""
    numbers: list[str] = []
    notes: list[str] = []
    for part in _PHONE_SPLIT.split(cell_text(value).strip()):
        if not part:
            continue
        try:
            reading = phone_in_regions(part, regions)
        except ValidationError:
            if not part.isdigit() or part.startswith("0"):
                raise
            reading = phone_in_regions("+" + part, ())
        if reading.doubtful:
            others = ", ".join(f"{r} in {region}" for r, region in zip(reading.readings, reading.fits, strict=True)
                               if r != reading.e164)
            notes.append(f"'{part}' is a valid number in {', '.join(reading.fits)}: read as {reading.e164} "
                         f"({reading.fits[0]}), could be {others}; check it")
        if reading.e164 not in numbers:
            numbers.append(reading.e164)
    return numbers, notes


def cell_text(value: object) -> str:
    """A cell as text: whole numbers without '.0', dates in ISO form, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def latin_name(native: str, latin: str = "") -> str:
    """The Latin form given, else the ICAO 9303 form of a Cyrillic name, else ''."""
    if latin.strip():
        return latin.strip().upper()
    return icao_latin(native) if has_cyrillic(native) else ""

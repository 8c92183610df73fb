"""Turn one spreadsheet row into roster values, or into the problems that stop it.

`RowConverter(headers, mapping, ...)` chooses one reader per mapped column once; then
`convert(row_number, cells)` reads a row:

- names and texts are cleaned (white space, control characters) and keep their script;
- a full-name column is split into surname, given names and patronymic (only the parts
  that have no column of their own); a Latin full name into the Latin parts;
- dates in every common form; an ambiguous 'a/b/YYYY' is read by the order the user chose
  or the column's prevalent order (a warning names it), and refused when neither says;
- sex and citizenship in English, Russian, French or Arabic; phones to E.164: a number
  without its country code is read in the regions that may apply to the row (the mission's
  country, the country its region/locality/address names, its citizenships), taken where it
  is valid and flagged only when it is valid in more than one; document type, number,
  country and dates into one document;
- Latin names are derived from Cyrillic by ICAO 9303 when the row has none (marked as
  derived: they fill a blank, never replace a passport spelling).

Blank cells give nothing: an import never blanks a value. A row with nothing in it is not a
row of data (`convert` returns None); neither is a total line ('Итого: 11 человек', 'Total: 11',
'Всего' and a count, our own export's footer): `total_line(cells)` names it, and the preview
lists it as skipped with its row number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid as uuid_module
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, cast

from desktop_app.domain.countries import alpha2
from desktop_app.domain.dates import PartialDate
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import WORDS
from desktop_app.domain.messages import QT_TRANSLATE_NOOP, Message, without_value
from desktop_app.domain.names import clean_text, fold, has_cyrillic
from desktop_app.domain.person import (
    FIELDS_BY_KEY,
    TEXT_WIDTHS,
    DocumentData,
    DocumentType,
    derived_latin,
    doubtful_age,
    validate_field,
)
from desktop_app.domain.status import Status, parse_status
from desktop_app.exchange.headers import IMPORT_TARGETS, split_full_name
from desktop_app.exchange.readers import column_letter
from desktop_app.exchange.values import (
    DateOrder,
    cell_text,
    location_countries,
    parse_countries,
    parse_country,
    parse_date_cell,
    parse_phones_among,
    parse_sex_cell,
)
from desktop_app.services.importing.model import RowData, RowProblem

MAX_HOUSEHOLD_REF = 32
_FOOTER_WORDS = {fold(word) for word in WORDS["total"].values()}
# 'Итого: 11 человек', 'Total: 11', 'Всего', 'Grand total - 11 persons', 'المجموع 11'
_TOTAL_WORDS = "|".join(sorted({*_FOOTER_WORDS, "итого", "всего", "total", "grand total", "sub total", "subtotal",
                                "total general", "общее количество", "количество", "المجموع", "الإجمالي",
                                "الاجمالي", "اجمالي", "إجمالي", "العدد"}, key=len, reverse=True))
_COUNT_WORDS = ("человек|чел|человека|лиц|persons?|people|pax|individuals|personnes|pers|شخص|أشخاص|اشخاص|فرد|"
                "أفراد|افراد")
_TOTAL_START = re.compile(rf"(?:{_TOTAL_WORDS})(?!\w)")
_DIGIT_RUN = re.compile(r"\d+")
MAX_COUNT_DIGITS = 6  # a count of persons; a longer run of digits is a phone or document number
_NAME_PARTS = ("surname", "given_names", "patronymic")
_DOCUMENT_TYPES: dict[str, DocumentType] = {
    "passport": DocumentType.PASSPORT, "паспорт": DocumentType.PASSPORT, "passeport": DocumentType.PASSPORT,
    "جواز سفر": DocumentType.PASSPORT, "جواز السفر": DocumentType.PASSPORT, "جواز": DocumentType.PASSPORT,
    "foreign passport": DocumentType.FOREIGN_PASSPORT, "загранпаспорт": DocumentType.FOREIGN_PASSPORT,
    "заграничный паспорт": DocumentType.FOREIGN_PASSPORT, "international passport": DocumentType.FOREIGN_PASSPORT,
    "national id": DocumentType.NATIONAL_ID, "id card": DocumentType.NATIONAL_ID, "id": DocumentType.NATIONAL_ID,
    "удостоверение личности": DocumentType.NATIONAL_ID, "carte d identite": DocumentType.NATIONAL_ID,
    "هوية": DocumentType.NATIONAL_ID, "بطاقة هوية": DocumentType.NATIONAL_ID,
    "birth certificate": DocumentType.BIRTH_CERTIFICATE, "свидетельство о рождении": DocumentType.BIRTH_CERTIFICATE,
    "acte de naissance": DocumentType.BIRTH_CERTIFICATE, "شهادة ميلاد": DocumentType.BIRTH_CERTIFICATE,
    "travel document": DocumentType.TRAVEL_DOCUMENT, "laissez passer": DocumentType.TRAVEL_DOCUMENT,
    "residence permit": DocumentType.RESIDENCE_PERMIT, "вид на жительство": DocumentType.RESIDENCE_PERMIT,
    "внж": DocumentType.RESIDENCE_PERMIT, "titre de sejour": DocumentType.RESIDENCE_PERMIT,
}
DEFAULT_DOCUMENT_TYPE = DocumentType.PASSPORT


class CellRefused(Exception):
    """Internal: a cell's value cannot be used; `message` says why (the column is added by the caller)."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.message = message


Reader = Callable[[Any], Any]


class RowConverter:
    """Reads rows of one sheet under one mapping (see the module docstring)."""

    def __init__(self, headers: Sequence[str], mapping: dict[int, str], *, phone_region: str | None,
                 date_orders: dict[int, DateOrder | None] | None = None, today: dt.date | None = None) -> None:
        self._headers = list(headers)
        self._today = today or dt.date.today()
        self._region = phone_region
        self._date_orders = date_orders or {}
        self._mapped = set(mapping.values())
        self._columns: list[tuple[int, str, Reader]] = [
            (index, target, self._reader(index, target)) for index, target in sorted(mapping.items())]
        self._column_index = {target: index for index, target, _ in self._columns}
        # Most columns repeat a few values (sex, citizenship, locality, dates): each distinct
        # value of a column is read once. A column whose values hardly repeat in its first
        # MEMO_PROBE rows (phones, passports) stops remembering, and none remembers more than
        # MEMO_LIMIT values, so that memory stays flat.
        self._memos: list[dict[Any, Any] | None] = [{} for _ in self._columns]
        self.two_way_date_columns: set[int] = set()  # columns holding a date either way round ('03/11/2008')
        # relationships and birth dates repeat: each pair is judged once (as of the converter's today)
        self._doubtful_age = functools.lru_cache(maxsize=MEMO_LIMIT)(
            functools.partial(doubtful_age, today=self._today))
        self._rows = 0

    # --- one reader per target ------------------------------------------------------------------

    def _reader(self, index: int, target: str) -> Reader:
        if target not in IMPORT_TARGETS:
            raise ValidationError("mapping", target, QT_TRANSLATE_NOOP("services.import_rows", "is not a roster field"))
        if target in ("birth_date",):
            return lambda value: self._partial_date(value, index, target)
        if target in ("consent_date", "document_issue_date", "document_expiry_date"):
            return lambda value: self._full_date(value, index)
        special: dict[str, Reader] = {
            "sex": lambda value: validate_field("sex", parse_sex_cell(value)),
            "citizenships": lambda value: parse_countries(cell_text(value)),
            "document_country": lambda value: parse_country(cell_text(value)),
            "document_type": _document_type,
            "document_number": lambda value: clean_text(cell_text(value)).upper(),
            "phone": _phone_cell,
            "uuid": _uuid,
            "status": _status,
            "household_ref": _household_ref,
            "full_name": lambda value: split_full_name(clean_text(cell_text(value))),
            "full_name_latin": lambda value: split_full_name(clean_text(cell_text(value))),
        }
        if target in special:
            return special[target]
        if target in _LATIN_OF:
            return _latin_cell
        return lambda value: validate_field(target, cell_text(value), self._today)

    def _partial_date(self, value: Any, index: int, target: str) -> Any:
        parsed = parse_date_cell(value, self._date_orders.get(index))
        if parsed.ambiguous:
            self.two_way_date_columns.add(index)
        if parsed.value is None:
            raise CellRefused(parsed.problem or "is not a date")
        checked = validate_field(target, parsed.value, self._today)
        return (checked, parsed.problem) if parsed.ambiguous else checked

    def _full_date(self, value: Any, index: int) -> Any:
        parsed = parse_date_cell(value, self._date_orders.get(index))
        if parsed.ambiguous:
            self.two_way_date_columns.add(index)
        if parsed.value is None:
            raise CellRefused(parsed.problem or "is not a date")
        full = parsed.value.as_date()
        if full is None:
            raise CellRefused(f"needs a full date (day, month and year), not {parsed.value.iso()}")
        return (full, parsed.problem) if parsed.ambiguous else full

    # --- a row ------------------------------------------------------------------------------------

    def convert(self, row_number: int, cells: Sequence[Any]) -> tuple[RowData | None, list[RowProblem]]:
        """The row's values and its problems; (None, []) for a row that is not data (blank, a total line)."""
        filled = _filled(cells)
        if not filled or _total_of(filled) is not None:
            return None, []
        found: dict[str, Any] = {}
        problems: list[RowProblem] = []
        memos = self._memos
        width = len(cells)
        self._rows += 1
        if self._rows == MEMO_PROBE:
            self._forget_distinct_columns()
        for position, (index, target, read) in enumerate(self._columns):
            value = cells[index] if index < width else None
            if value is None:
                continue
            memo = memos[position]
            # bool, int and float values compare equal (True == 1 == 1.0) but read differently
            key = value if type(value) is str else (type(value), value)
            cached = _UNREAD if memo is None else memo.get(key, _UNREAD)
            if cached is _UNREAD:
                outcome = _read_cell(read, target, value)
                if memo is not None:
                    memo[key] = outcome
                    if len(memo) > MEMO_LIMIT:
                        memos[position] = None
            else:
                outcome = cast(CellOutcome, cached)  # a memo holds only what _read_cell gave
            if outcome is None:
                continue
            converted, note, blocking = outcome
            if note is not None:
                problems.append(self._problem(row_number, index, value, note, blocking=blocking))
            if converted is not None:
                found[target] = converted
        return self._assemble(row_number, found, problems)

    def _forget_distinct_columns(self) -> None:
        for position, memo in enumerate(self._memos):
            if memo is not None and len(memo) > MEMO_PROBE * 9 // 10:
                self._memos[position] = None

    def _assemble(self, row_number: int, found: dict[str, Any],
                  problems: list[RowProblem]) -> tuple[RowData | None, list[RowProblem]]:
        fields = {key: value for key, value in found.items() if key in FIELDS_BY_KEY}
        if "full_name" in found:
            parts = found["full_name"]
            for key in _NAME_PARTS:
                if key not in self._mapped and getattr(parts, key):
                    try:
                        fields[key] = validate_field(key, getattr(parts, key))
                    except ValidationError as exc:  # a part longer than the roster holds
                        problems.append(self._problem(row_number, self._column_of("full_name"), getattr(parts, key),
                                                      exc.why))
        if "full_name_latin" in found:
            parts = found["full_name_latin"]
            for key, latin in (("surname", "surname_latin"), ("given_names", "given_names_latin")):
                value = " ".join(p for p in ((parts.surname,) if key == "surname" else
                                            (parts.given_names, parts.patronymic)) if p)
                if latin not in self._mapped and value:
                    try:
                        fields[latin] = validate_field(latin, value)
                    except ValidationError as exc:
                        problems.append(self._problem(row_number, self._column_of("full_name_latin"), value,
                                                      exc.reason))
        for latin, native in _LATIN_OF.items():
            latin_value = fields.get(latin)
            if isinstance(latin_value, NonLatin):
                del fields[latin]
                index = self._column_of(latin)
                if fold(latin_value.text) == fold(fields.get(native, "")):  # an export without a Latin form repeats it
                    problems.append(self._problem(row_number, index, latin_value.text, "repeats the name in its own "
                                                  "script: no Latin form was given", blocking=False))
                else:
                    problems.append(self._problem(row_number, index, latin_value.text,
                                                  "must be in Latin letters as in the passport"))
        derived = set()
        for native, latin in (("surname", "surname_latin"), ("given_names", "given_names_latin")):
            if not fields.get(latin) and has_cyrillic(fields.get(native, "")):
                fields[latin] = derived_latin(fields[native])
                derived.add(latin)
        if (age := self._doubtful_age(fields.get("relationship"), fields.get("birth_date"))) is not None:
            # kept as the sheet says (it may be right), flagged as the Households page and the editor do
            problems.append(self._problem(row_number, self._column_of("relationship"), fields["relationship"],
                                          Message(QT_TRANSLATE_NOOP("services.import_rows",
                                                                    "is unlikely at {age} years old (the birth date): "
                                                                    "check the relationship to the head"), age=age),
                                          blocking=False))
        documents = self._document(row_number, found, problems)
        phones = self._phones(row_number, found.get("phone"), fields, problems)
        data = RowData(fields=fields, documents=documents, phones=phones,
                       status=found.get("status"), household_ref=found.get("household_ref"),
                       uuid=found.get("uuid"), derived=_shared_derived(derived))
        return data, problems

    def _document(self, row_number: int, found: dict[str, Any], problems: list[RowProblem]) -> tuple[DocumentData, ...]:
        number = found.get("document_number")
        if not number:
            return ()
        try:
            return (DocumentData.create(found.get("document_type", DEFAULT_DOCUMENT_TYPE), number,
                                        found.get("document_country"), found.get("document_issue_date"),
                                        found.get("document_expiry_date")),)
        except ValidationError as exc:
            problems.append(self._problem(row_number, self._column_of("document_number"), number, exc.text))
            return ()

    def _phones(self, row_number: int, cell: PhoneCell | None, fields: dict[str, Any],
                problems: list[RowProblem]) -> tuple[str, ...]:
        """The row's phones: a national number is read in the mission's country, then the country
        the row's region, locality or address names, then its citizenships."""
        if cell is None:
            return ()
        regions = _row_regions(self._region, fields)
        index = self._column_of("phone")
        try:
            numbers, doubts = parse_phones_among(cell.value, regions)
        except ValidationError as exc:
            problems.append(self._problem(row_number, index, cell.value, exc.why))
            return ()
        for doubt in doubts:
            problems.append(self._problem(row_number, index, cell.value, doubt, blocking=False))
        return tuple(numbers)

    def _column_of(self, target: str) -> int:
        return self._column_index[target]

    def _problem(self, row_number: int, index: int, value: Any, message: str | Message, *,
                 blocking: bool = True) -> RowProblem:
        header = self._headers[index] if index < len(self._headers) else ""
        text = cell_text(value)[:200]
        message = without_value(message, text)
        return RowProblem(row_number, column_letter(index + 1), header, text, message, blocking)


_LATIN_OF = {"surname_latin": "surname", "given_names_latin": "given_names"}
MEMO_PROBE = 2000  # rows after which a column whose values hardly repeat stops remembering them
MEMO_LIMIT = 10_000  # distinct values one column remembers at most
_UNREAD = object()
CellOutcome = tuple[Any, str | Message | None, bool] | None  # (value, problem or note, whether it blocks); None: blank


def _read_cell(read: Reader, target: str, value: Any) -> CellOutcome:
    """What one non-empty cell gives: its value for the row, and a refusal or a warning about it."""
    if isinstance(value, str) and not value.strip():
        return None
    try:
        converted = read(value)
    except CellRefused as exc:
        return None, exc.message, True
    except ValidationError as exc:
        return None, exc.why, True
    note = None
    if isinstance(converted, tuple) and len(converted) == 2 and isinstance(converted[1], str | Message) \
            and isinstance(converted[0], PartialDate | dt.date):
        converted, note = converted
    if converted in ("", None, ()):
        return (None, note, False) if note else None
    return (column_value(converted) if target in FIELDS_BY_KEY else converted), note, False


class NonLatin:
    """A Latin-name cell that holds other letters: refused, unless it merely repeats the native name."""

    def __init__(self, text: str) -> None:
        self.text = text


def _latin_cell(value: Any) -> Any:
    text = clean_text(cell_text(value))
    if len(text) > TEXT_WIDTHS["surname_latin"]:
        return validate_field("surname_latin", text)  # refused for its length, whatever its letters
    try:
        return validate_field("surname_latin", text)
    except ValidationError:
        return NonLatin(text)


def column_value(value: Any) -> Any:
    """A validated domain value as the persons table stores it (dates as ISO text, lists joined)."""
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, list | tuple):
        return ",".join(value)
    if isinstance(value, Enum):
        return value.value
    return value


class PhoneCell:
    """A phone cell kept as written until the row's other cells say which regions to read it in."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _phone_cell(value: Any) -> PhoneCell:
    return PhoneCell(value)


def _row_regions(mission: str | None, fields: dict[str, Any]) -> tuple[str | None, ...]:
    """Alpha-2 regions a national number of this row may belong to, the mission's first."""
    return _regions(mission, fields.get("region") or "", fields.get("locality") or "", fields.get("address") or "",
                    str(fields.get("citizenships") or ""))


@functools.lru_cache(maxsize=4096)  # rows repeat a few places and citizenships
def _regions(mission: str | None, region: str, locality: str, address: str,
             citizenships: str) -> tuple[str | None, ...]:
    located = location_countries(*(place for place in (region, locality, address) if place))
    return (mission, *(alpha2(code) for code in [*located, *citizenships.split(",")] if code))


_DERIVED: dict[frozenset[str], frozenset[str]] = {}


def _shared_derived(derived: set[str]) -> frozenset[str]:
    """One frozenset for each set of derived names (a handful), not one a row: an empty frozenset
    is an object of its own (216 bytes) each time it is made."""
    made = frozenset(derived)
    return _DERIVED.setdefault(made, made)


def _filled(cells: Sequence[Any]) -> list[Any]:
    return [cell for cell in cells if cell is not None and not (isinstance(cell, str) and not cell.strip())]


def total_line(cells: Sequence[Any]) -> str | None:
    """The text of a total line ('Итого: 11 человек', 'Total' beside 11), or None for any other row.

    A total line's first filled cell is text that starts with a word for 'total' and says
    nothing else but counts ('Итого по списку: 11 человек', 'Всего 11, из них 4 детей'), and its
    other cells are counts ('11', '11 чел.', 'детей: 4'); a row of a few counts alone (a sum
    under the last column) is one too. A count is a whole number of at most six digits, so a
    person called Итого keeps their row when any other cell holds a name, a date or a phone.
    """
    return _total_of(_filled(cells))


def _total_of(filled: list[Any]) -> str | None:
    if not filled:
        return None
    first = filled[0]
    if isinstance(first, str):
        text = fold(first).strip()
        start = _TOTAL_START.match(text)
        if start is None:
            return None
        rest = text[start.end():]
        if rest.strip(" :=-–—.,;()") and not _count_text(rest):
            return None
    elif not (_count_number(first) and len(filled) <= 3):
        return None
    if not all(_count_number(other) or (isinstance(other, str) and _count_text(fold(other))) for other in filled[1:]):
        return None
    return " ".join(cell_text(cell).strip() for cell in filled)


def _count_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
            and 0 <= value < 10 ** MAX_COUNT_DIGITS)


def _count_text(text: str) -> bool:
    """Words with counts in them ('11 человек', 'из них детей: 4'): every run of digits a count,
    none of them glued to another by '.', '/', '-' or '+' (a date, a phone number)."""
    runs = _DIGIT_RUN.findall(text)
    return (bool(runs) and "+" not in text and not re.search(r"\d\s*[./\-]\s*\d", text)
            and all(len(run) <= MAX_COUNT_DIGITS and (run == "0" or not run.startswith("0")) for run in runs))


def _document_type(value: Any) -> DocumentType:
    text = cell_text(value).strip()
    key = fold(text).replace("-", " ").replace("_", " ").replace("'", " ")
    if key.replace(" ", "_") in {d.value for d in DocumentType}:
        return DocumentType(key.replace(" ", "_"))
    if key in _DOCUMENT_TYPES:
        return _DOCUMENT_TYPES[key]
    known = ", ".join(d.value for d in DocumentType)
    raise CellRefused(f"is not a document type (known: {known})")


def _uuid(value: Any) -> str:
    try:
        return str(uuid_module.UUID(cell_text(value).strip()))
    except ValueError:
        raise CellRefused("is not a record ID (a UUID like 6f1c…-…)") from None


def _status(value: Any) -> str:
    status = parse_status(cell_text(value))
    if status is Status.MERGED:
        raise CellRefused("'merged' is set by merging duplicates, not by an import")
    return status.value


def _household_ref(value: Any) -> str:
    text = clean_text(cell_text(value))
    if len(text) > MAX_HOUSEHOLD_REF:
        raise CellRefused(f"is longer than {MAX_HOUSEHOLD_REF} characters")
    return text

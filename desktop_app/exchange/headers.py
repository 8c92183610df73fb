"""Which row is the header and which column holds which roster field.

    IMPORT_TARGETS                         every key a column can map to
    find_header_row(rows) -> int           1-based row of the header, below any title rows
    suggest_mapping(headers) -> {column index (0-based): target key}
    suggest_target(header) -> target key | None   (for a column left out: what it may hold)
    locate_table(sheet, header_row=None) -> TableLayout   (refuses header-only sheets)
    split_full_name(text) -> NameParts

Targets are the person fields of `PERSON_FIELDS` plus the import-only keys in
`EXTRA_TARGETS` (a full name to split, the document, phone, UUID, household, status).
Header names are matched after folding (case, accents, ё/е, Arabic letter variants),
with '№' read as 'no' and dots, colons, brackets and the like dropped, so 'D.O.B' is
'dob' and '№ паспорта' is 'no паспорта'. An exact match wins; otherwise the longest
synonym found as whole words inside the header, preferring one it starts with
('Date of birth (dd.mm.yyyy)' -> birth_date).
Each target goes to one column, the best-matching one, the leftmost on a tie. The
headers of our own export profiles (`EXPORT_COLUMNS`) are synonyms too, so an export
reads back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.domain.export_profile import EXPORT_COLUMNS
from desktop_app.domain.names import fold, has_arabic, has_cyrillic
from desktop_app.domain.person import PERSON_FIELDS
from desktop_app.exchange.errors import EmptySheet, NoDataRows
from desktop_app.exchange.readers import CellValue, SheetData

EXTRA_TARGETS: dict[str, str] = {
    "full_name": "Full name (to split)",
    "full_name_latin": "Full name in Latin (to split)",
    "document_type": "Document type",
    "document_number": "Document number",
    "document_issue_date": "Document issue date",
    "document_expiry_date": "Document expiry date",
    "document_country": "Document issuing country",
    "phone": "Phone",
    "uuid": "Record ID (UUID)",
    "household_ref": "Household",
    "status": "Status",
}
IMPORT_TARGETS: dict[str, str] = {spec.key: spec.label for spec in PERSON_FIELDS} | EXTRA_TARGETS

# Header names people use, by target; English, Russian, French, Arabic.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "case_ref": ("case no", "case number", "case ref", "case id", "file no", "ref", "reference",
                 "номер дела", "no дела", "дело", "номер заявки", "no заявки",
                 "no dossier", "numero de dossier", "dossier", "reference dossier",
                 "رقم الملف", "رقم الحالة", "رقم الطلب"),
    "surname": ("surname", "last name", "family name", "lastname",
                "фамилия", "nom", "nom de famille", "اسم العائلة", "العائلة", "اللقب", "الكنية"),
    "given_names": ("given names", "given name", "first name", "first names", "firstname", "name",
                    "имя", "prenom", "prenoms", "الاسم الأول", "الاسم"),
    "patronymic": ("patronymic", "middle name", "father's name", "fathers name",
                   "отчество", "patronyme", "nom du pere", "اسم الأب", "اسم الاب"),
    "surname_latin": ("surname latin", "surname in latin", "latin surname", "surname as in passport",
                      "фамилия латиницей", "фамилия лат", "фамилия на латинице",
                      "nom en latin", "nom latin", "اسم العائلة بالإنجليزية", "اسم العائلة بالانجليزي"),
    "given_names_latin": ("given names latin", "first name latin", "latin name", "name in latin",
                          "имя латиницей", "имя лат", "имя на латинице", "prenom en latin", "prenom latin",
                          "الاسم بالإنجليزية", "الاسم بالانجليزي"),
    "full_name": ("full name", "name surname", "surname name", "фио", "ф и о", "фамилия имя отчество",
                  "nom complet", "nom et prenom", "nom prenom", "الاسم الكامل", "الاسم الرباعي",
                  "الاسم الثلاثي"),
    "full_name_latin": ("name as in passport", "full name latin", "фио латиницей", "фио лат",
                        "nom comme dans le passeport", "الاسم بالإنجليزي", "الاسم كما في جواز السفر"),
    "sex": ("sex", "gender", "m f", "пол", "sexe", "genre", "الجنس", "النوع"),
    "birth_date": ("date of birth", "birth date", "dob", "d o b", "birthday", "born",
                   "дата рождения", "дата рожд", "д р", "др", "date de naissance", "ne le", "nee le",
                   "تاريخ الميلاد", "تاريخ الولادة", "الميلاد"),
    "place_of_birth": ("place of birth", "birthplace", "pob", "место рождения", "lieu de naissance",
                       "مكان الميلاد", "مكان الولادة"),
    "citizenships": ("citizenship", "citizenships", "nationality", "nationalities",
                     "гражданство", "nationalite", "الجنسية", "الجنسيات"),
    "email": ("email", "e mail", "mail", "эл почта", "электронная почта", "почта", "courriel",
              "adresse e mail", "البريد الإلكتروني", "البريد الالكتروني", "الايميل"),
    "messenger": ("messenger", "whatsapp", "telegram", "мессенджер", "messagerie", "واتساب"),
    "region": ("region", "governorate", "регион", "область", "gouvernorat", "المنطقة", "المحافظة"),
    "locality": ("locality", "city", "town", "населенный пункт", "город", "ville", "localite",
                 "المدينة", "البلدة"),
    "address": ("address", "current address", "адрес", "адрес проживания", "adresse", "العنوان"),
    "medical": ("medical needs", "medical", "health", "мед показания", "медицинские потребности",
                "здоровье", "besoins medicaux", "sante", "احتياجات طبية", "الحالة الصحية"),
    "relationship": ("relationship", "relation", "kinship", "родство", "степень родства",
                     "lien de parente", "lien", "صلة القرابة", "القرابة"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "примечания", "примечание",
              "комментарий", "remarques", "commentaires", "observations", "ملاحظات"),
    "document_type": ("document type", "type of document", "тип документа", "вид документа",
                      "type de document", "نوع الوثيقة", "نوع المستند"),
    "document_number": ("passport no", "passport number", "passport", "passport n", "document no",
                        "document number", "id number", "no паспорта", "номер паспорта", "паспорт",
                        "серия и номер паспорта", "серия номер", "загранпаспорт", "no загранпаспорта",
                        "no passeport", "numero de passeport", "passeport", "no de passeport",
                        "رقم جواز السفر", "رقم الجواز", "جواز السفر", "رقم الوثيقة"),
    "document_issue_date": ("date of issue", "issue date", "issued", "дата выдачи", "date de delivrance",
                            "تاريخ الإصدار", "تاريخ الاصدار"),
    "document_expiry_date": ("date of expiry", "expiry date", "expiry", "valid until", "expires",
                             "действителен до", "срок действия", "date d expiration", "valable jusqu au",
                             "تاريخ الانتهاء", "تاريخ انتهاء الصلاحية", "صالح حتى"),
    "document_country": ("issuing country", "country of issue", "issued by", "страна выдачи",
                         "pays de delivrance", "بلد الإصدار", "جهة الإصدار"),
    "phone": ("phone", "telephone", "tel", "mobile", "phone number", "contact", "телефон", "тел",
              "мобильный", "номер телефона", "portable", "numero de telephone", "الهاتف", "رقم الهاتف",
              "الجوال", "الموبايل", "رقم الجوال"),
    "uuid": ("uuid", "record id", "id записи"),
    "household_ref": ("household", "family", "family no", "household id", "семья", "no семьи",
                      "menage", "famille", "الأسرة", "رقم الأسرة", "العائلة رقم"),
    "status": ("status", "статус", "statut", "الحالة"),
}

# Export column keys that read back as a different target, and those that do not read back.
_EXPORT_ALIASES = {"nationality": "citizenships", "valid_until": "document_expiry_date"}
_EXPORT_SKIPPED = {"row_number", "age", "household_size", "list_name", "answer", "flight", "seat"}
_BARE_NAME = {"name", "الاسم"}
_HEADER_SCAN_ROWS = 30
_STARTS_BONUS = 100
_DROPPED = re.compile(r"[.'’`ʼ]")
_SEPARATORS = re.compile(r"[^\w]+")


def normalize_header(text: str) -> str:
    """The folded form headers are compared in ('Passport No.:' -> 'passport no')."""
    folded = fold(text.replace("№", " no ").replace("N°", " no ").replace("n°", " no "))
    return _SEPARATORS.sub(" ", _DROPPED.sub("", folded)).strip()


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, info in EXPORT_COLUMNS.items():
        if key in _EXPORT_SKIPPED:
            continue
        target = _EXPORT_ALIASES.get(key, key)
        if target in IMPORT_TARGETS:
            for label in (info.en, info.ru, info.fr, info.ar):
                index.setdefault(normalize_header(label), target)
    for key, names in SYNONYMS.items():
        for name in names:
            index[normalize_header(name)] = key
    return index


_INDEX = _build_index()


# The validity of a partner's approval (a list answer, read by the reconciler) is no person field,
# though it contains 'valid until' like a document's expiry: such a header maps to nothing.
_APPROVAL_VALIDITY = ("approval valid", "permit valid", "разрешение действует", "срок действия разрешения",
                      "autorisation valable", "الموافقة صالحة", "صلاحية الموافقة")


def match_header(text: str) -> tuple[str, int] | None:
    """The target a header names and how strongly.

    Exact: 1000; else the longest synonym inside the header, one it starts with scoring
    100 more ('Телефон (WhatsApp)' is a phone, not a messenger).
    """
    header = normalize_header(text)
    if not header or any(f" {words} " in f" {header} " for words in _APPROVAL_VALIDITY):
        return None
    if header in _INDEX:
        return _INDEX[header], 1000
    padded = f" {header} "
    best: tuple[str, int] | None = None
    for synonym, key in _INDEX.items():
        if len(synonym) >= 3 and f" {synonym} " in padded:
            score = len(synonym) + (_STARTS_BONUS if padded.startswith(f" {synonym} ") else 0)
            if best is None or score > best[1]:
                best = (key, score)
    return best


# Words that hint at a field without naming it well enough to map a column by themselves
# ('Место нахождения' may be a town, a region or an address): a column left out with one of
# them is named to the officer with the field suggested, and is mapped only when chosen.
HINTS: dict[str, tuple[str, ...]] = {
    "locality": ("location", "current location", "whereabouts", "where", "место нахождения", "местонахождение",
                 "местоположение", "где находится", "где находятся", "нахождения", "lieu", "lieu actuel",
                 "localisation", "الموقع", "مكان التواجد", "مكان الوجود", "التواجد"),
    "address": ("residence", "place of residence", "место проживания", "проживает", "domicile", "lieu de residence",
                "السكن", "مكان الإقامة", "مكان الاقامة"),
    "notes": ("other", "other information", "additional information", "прочее", "дополнительно",
              "доп информация", "autres", "informations", "معلومات إضافية", "أخرى"),
    "relationship": ("кем приходится", "role in family", "статус в семье", "صلة"),
}
_HINTS = [(normalize_header(word), key) for key, words in HINTS.items() for word in words]
_FUZZY_CUTOFF = 88


def suggest_target(header: CellValue) -> str | None:
    """The field a column left out may hold: what its header names (a target another column took),
    else a hint word in it (`HINTS`), else a synonym it nearly spells (a typo). None when nothing fits."""
    if not isinstance(header, str) or not (text := normalize_header(header)):
        return None
    if found := match_header(header):
        return found[0]
    padded = f" {text} "
    hinted = [(len(word), key) for word, key in _HINTS if word and f" {word} " in padded]
    if hinted:
        return max(hinted)[1]
    from rapidfuzz import fuzz, process  # only for a header nothing else explains

    close = process.extractOne(text, list(_INDEX), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    return _INDEX[close[0]] if close else None


def suggest_mapping(headers: list[CellValue]) -> dict[int, str]:
    """Column index (0-based) -> target key, each target to its best column only."""
    candidates: list[tuple[int, int, str]] = []
    for index, header in enumerate(headers):
        if isinstance(header, str) and (found := match_header(header)):
            candidates.append((-found[1], index, found[0]))
    mapping: dict[int, str] = {}
    for _, index, key in sorted(candidates):
        if key not in mapping.values():
            mapping[index] = key
    if "surname" not in mapping.values() and "full_name" not in mapping.values():
        for index, key in mapping.items():
            if key == "given_names" and normalize_header(str(headers[index])) in _BARE_NAME:
                mapping[index] = "full_name"  # 'Name' beside no surname column is the whole name
    return dict(sorted(mapping.items()))


def find_header_row(rows: list[list[CellValue]]) -> int:
    """The 1-based header row: among the first 30 rows, the one naming the most distinct targets.

    Title rows above the table name none or one. With no row naming two targets, the first
    row with two or more text cells is taken, else the first non-empty row. Raises EmptySheet.
    """
    best_row, best_score = 0, 1
    for number, row in enumerate(rows[:_HEADER_SCAN_ROWS], start=1):
        score = len(set(suggest_mapping(row).values()))
        if score > best_score:
            best_row, best_score = number, score
    if best_row:
        return best_row
    for number, row in enumerate(rows, start=1):
        if sum(isinstance(cell, str) for cell in row) >= 2:
            return number
    for number, row in enumerate(rows, start=1):
        if any(cell is not None for cell in row):
            return number
    raise EmptySheet("the sheet is empty")


@dataclass(frozen=True)
class TableLayout:
    """Where the table is: its header row (1-based), headers, and the rows of data under it."""

    header_row: int
    headers: list[str]
    first_data_row: int
    data_rows: list[list[CellValue]]
    mapping: dict[int, str]


def locate_table(sheet: SheetData, header_row: int | None = None, *, path: str | None = None) -> TableLayout:
    """The table on `sheet` under `header_row` (found when None); trailing empty rows dropped.

    Raises EmptySheet for a sheet with nothing in it and NoDataRows for a header alone; `path`
    names the file in their messages.
    """
    if sheet.is_empty:
        raise EmptySheet("the sheet is empty", path=path, sheet=sheet.name)
    row = header_row if header_row is not None else find_header_row(sheet.rows)
    if not 1 <= row <= len(sheet.rows):
        raise NoDataRows(f"there is no row {row} (the sheet has {len(sheet.rows)})", path=path, sheet=sheet.name)
    header_cells = sheet.rows[row - 1]
    data = sheet.rows[row:]
    while data and all(cell is None for cell in data[-1]):
        data = data[:-1]
    if not data:
        raise NoDataRows(f"the sheet has a header in row {row} and no rows of data under it",
                         path=path, sheet=sheet.name, row=row)
    headers = ["" if cell is None else str(cell) for cell in header_cells]
    return TableLayout(row, headers, row + 1, data, suggest_mapping(list(header_cells)))


@dataclass(frozen=True)
class NameParts:
    surname: str
    given_names: str
    patronymic: str = ""


_PATRONYMIC_ENDINGS = ("ович", "евич", "ич", "овна", "евна", "ична", "инична",
                       "ovich", "evich", "ovna", "evna", "ichna", "oglu", "ogly", "kyzy")
_PATRONYMIC_WORDS = {"оглы", "кызы", "ogly", "kyzy", "oglu"}
_ARABIC_JOINERS = {"عبد", "أبو", "ابو", "بن", "ابن", "بنت", "آل", "ال"}


def split_full_name(text: str) -> NameParts:
    """Surname, given names and patronymic from one full-name cell.

    Rules, in order:
    - 'SURNAME, Given Names' (a comma): the part before the comma is the surname.
    - Arabic script: given name first, family name last, the names between (father's,
      grandfather's) as the patronymic; 'عبد', 'أبو', 'بن' and the like join the next word.
    - One word: the surname.
    - Cyrillic or Latin: a word ending as a patronymic (-ович, -евна, -ovich, ... or 'оглы')
      is the patronymic; if it stands second of three ('Иван Иванович Иванов') the last word
      is the surname. Otherwise, if some but not all words are upper case ('Ivan IVANOV'),
      those are the surname. Otherwise the first word is the surname (the Russian order of
      lists: 'Иванов Иван Иванович') and the rest are given names.
    """
    clean = " ".join(text.replace(",", " , ").split())
    if "," in clean:
        before, _, after = clean.partition(",")
        rest = split_full_name(after.strip()) if after.strip() else NameParts("", "")
        given = " ".join(part for part in (rest.surname, rest.given_names) if part)
        return NameParts(before.strip(), given, rest.patronymic)
    words = clean.split()
    if not words:
        return NameParts("", "")
    if has_arabic(clean) and not has_cyrillic(clean):
        return _split_arabic(words)
    if len(words) == 1:
        return NameParts(words[0], "")
    if words[-1].casefold() in _PATRONYMIC_WORDS and len(words) >= 3:  # 'Алиев Рашид Ахмед оглы'
        return NameParts(words[0], " ".join(words[1:-2]), " ".join(words[-2:]))
    if _is_patronymic(words[-1]):
        return NameParts(words[0], " ".join(words[1:-1]), words[-1])
    if len(words) == 3 and _is_patronymic(words[1]):
        return NameParts(words[2], words[0], words[1])
    upper = [word for word in words if word.isupper() and len(word) > 1]
    if upper and len(upper) < len(words):
        return NameParts(" ".join(upper), " ".join(word for word in words if word not in upper))
    return NameParts(words[0], " ".join(words[1:]))


def _is_patronymic(word: str) -> bool:
    low = word.casefold()
    return len(low) > 4 and low.endswith(_PATRONYMIC_ENDINGS)


def _split_arabic(words: list[str]) -> NameParts:
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in _ARABIC_JOINERS:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    if len(joined) == 1:
        return NameParts(joined[0], "")
    return NameParts(joined[-1], joined[0], " ".join(joined[1:-1]))

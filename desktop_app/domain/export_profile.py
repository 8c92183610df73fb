"""Export profiles: which columns a partner gets, in which order, language and layout.

A profile is plain data. It names its columns by key from `EXPORT_COLUMNS` (every roster
field of `PERSON_FIELDS` plus record and computed columns), gives each a header label, and
says how dates look, whether names are upper-case Latin, how rows are grouped and whether
the UUID column shows. Profiles are stored as JSON (`to_json` / `from_json`, with a schema
version); the built-in ones ship as JSON files in `desktop_app/resources/profiles/` and go
through the same validation as the ones users make.

Header labels for every column key in English, Russian, French and Arabic live in one
table, `EXPORT_COLUMNS`, together with the kind of cell each column is written as.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib import resources
from typing import Any, NamedTuple

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.messages import QT_TRANSLATE_NOOP
from desktop_app.domain.person import PERSON_FIELDS

SCHEMA_VERSION = 1
LANGUAGES = ("en", "ru", "fr", "ar")
UUID_KEY = "uuid"


class ColumnKind(StrEnum):
    """How a column's cells are written: the xlsx writer reads this."""

    TEXT = "text"
    IDENTIFIER = "identifier"  # passport, phone, case ref: always text so leading zeros survive
    NUMBER = "number"
    DATE = "date"


class Grouping(StrEnum):
    PERSON = "person"  # one row per person, in the order given
    HOUSEHOLD = "household"  # members of a household on adjacent rows, with household columns
    LIST = "list"  # one sheet per evacuation list


class ColumnInfo(NamedTuple):
    kind: ColumnKind
    en: str
    ru: str
    fr: str
    ar: str


_T, _I, _N, _D = ColumnKind.TEXT, ColumnKind.IDENTIFIER, ColumnKind.NUMBER, ColumnKind.DATE

# One table: every column key an export may carry, its cell kind and its header in each language.
EXPORT_COLUMNS: dict[str, ColumnInfo] = {
    "row_number": ColumnInfo(_N, "No.", "№", "N°", "الرقم"),
    UUID_KEY: ColumnInfo(_I, "Record ID (UUID)", "ID записи (UUID)", "Identifiant (UUID)", "معرّف السجل (UUID)"),
    "case_ref": ColumnInfo(_I, "Case ref.", "Номер дела", "Réf. dossier", "رقم الملف"),
    "surname": ColumnInfo(_T, "Surname", "Фамилия", "Nom", "اسم العائلة"),
    "given_names": ColumnInfo(_T, "Given names", "Имя", "Prénoms", "الاسم الأول"),
    "patronymic": ColumnInfo(_T, "Patronymic", "Отчество", "Patronyme", "اسم الأب"),
    "surname_latin": ColumnInfo(_T, "Surname (Latin)", "Фамилия (латиницей)", "Nom (latin)",
                                "اسم العائلة (بالأحرف اللاتينية)"),
    "given_names_latin": ColumnInfo(_T, "Given names (Latin)", "Имя (латиницей)", "Prénoms (latin)",
                                    "الاسم الأول (بالأحرف اللاتينية)"),
    "full_name": ColumnInfo(_T, "Full name", "ФИО", "Nom complet", "الاسم الكامل"),
    "full_name_latin": ColumnInfo(_T, "Name as in passport", "ФИО как в паспорте", "Nom comme dans le passeport",
                                  "الاسم كما في جواز السفر"),
    "sex": ColumnInfo(_T, "Sex", "Пол", "Sexe", "الجنس"),
    "birth_date": ColumnInfo(_D, "Date of birth", "Дата рождения", "Date de naissance", "تاريخ الميلاد"),
    "age": ColumnInfo(_N, "Age", "Возраст", "Âge", "العمر"),
    "place_of_birth": ColumnInfo(_T, "Place of birth", "Место рождения", "Lieu de naissance", "مكان الميلاد"),
    "nationality": ColumnInfo(_T, "Nationality", "Гражданство", "Nationalité", "الجنسية"),
    "citizenships": ColumnInfo(_T, "Citizenships", "Все гражданства", "Nationalités", "الجنسيات"),
    "document_type": ColumnInfo(_T, "Document type", "Тип документа", "Type de document", "نوع الوثيقة"),
    "document_number": ColumnInfo(_I, "Passport / document no.", "Номер паспорта / документа",
                                  "N° de passeport / document", "رقم جواز السفر / الوثيقة"),
    "document_country": ColumnInfo(_T, "Issuing country", "Страна выдачи", "Pays de délivrance", "بلد الإصدار"),
    # The document's expiry: worded apart from a partner's "valid until" (an approval's validity),
    # which the answer reconciler reads back from returned files.
    "valid_until": ColumnInfo(_D, "Document expiry", "Срок действия документа", "Expiration du document",
                              "تاريخ انتهاء الوثيقة"),
    "phone": ColumnInfo(_I, "Phone", "Телефон", "Téléphone", "الهاتف"),
    "email": ColumnInfo(_T, "E-mail", "Эл. почта", "Courriel", "البريد الإلكتروني"),
    "messenger": ColumnInfo(_T, "Messenger", "Мессенджер", "Messagerie", "تطبيق المراسلة"),
    "region": ColumnInfo(_T, "Region", "Регион", "Région", "المنطقة"),
    "locality": ColumnInfo(_T, "Locality", "Населённый пункт", "Localité", "البلدة"),
    "address": ColumnInfo(_T, "Address", "Адрес", "Adresse", "العنوان"),
    "medical": ColumnInfo(_T, "Medical needs", "Медицинские потребности", "Besoins médicaux", "احتياجات طبية"),
    "reduced_mobility": ColumnInfo(_T, "Reduced mobility", "Ограниченная подвижность", "Mobilité réduite",
                                   "صعوبة في الحركة"),
    "pregnant": ColumnInfo(_T, "Pregnant", "Беременность", "Enceinte", "حامل"),
    "unaccompanied_minor": ColumnInfo(_T, "Unaccompanied minor", "Несовершеннолетний без сопровождения",
                                      "Mineur non accompagné", "قاصر غير مصحوب"),
    "consent_to_share": ColumnInfo(_T, "Consent to share", "Согласие на передачу данных",
                                   "Consentement au partage", "الموافقة على مشاركة البيانات"),
    "consent_date": ColumnInfo(_D, "Consent date", "Дата согласия", "Date du consentement", "تاريخ الموافقة"),
    "source": ColumnInfo(_T, "Registered via", "Источник регистрации", "Enregistré via", "طريقة التسجيل"),
    "relationship": ColumnInfo(_T, "Relationship to head", "Родство с главой семьи", "Lien avec le chef de famille",
                               "صلة القرابة برب الأسرة"),
    "notes": ColumnInfo(_T, "Notes", "Примечания", "Remarques", "ملاحظات"),
    "status": ColumnInfo(_T, "Status", "Статус", "Statut", "الحالة"),
    "household_ref": ColumnInfo(_I, "Household", "Семья", "Ménage", "الأسرة"),
    "household_size": ColumnInfo(_N, "Household size", "Членов семьи", "Taille du ménage", "عدد أفراد الأسرة"),
    "list_name": ColumnInfo(_T, "List", "Список", "Liste", "القائمة"),
    "answer": ColumnInfo(_T, "Answer", "Ответ", "Réponse", "الرد"),
    "approved_until": ColumnInfo(_D, "Approval valid until", "Разрешение действует до", "Autorisation valable jusqu'au",
                                 "الموافقة صالحة حتى"),
    "flight": ColumnInfo(_I, "Flight", "Рейс", "Vol", "الرحلة"),
    "seat": ColumnInfo(_I, "Seat", "Место", "Siège", "المقعد"),
}

# Columns that are not fields of a person: computed by the row builder (age, household size,
# full names, nationality, row number) or supplied by the export service with each person.
COMPUTED_COLUMNS: frozenset[str] = frozenset(EXPORT_COLUMNS) - {spec.key for spec in PERSON_FIELDS}

# Words the workbook needs besides headers, in the same four languages.
WORDS: dict[str, dict[str, str]] = {
    "total": {"en": "Total", "ru": "Итого", "fr": "Total", "ar": "المجموع"},
    "yes": {"en": "yes", "ru": "да", "fr": "oui", "ar": "نعم"},
    "no": {"en": "no", "ru": "нет", "fr": "non", "ar": "لا"},
}


class DateFormat(NamedTuple):
    excel: str  # the number format of date cells
    month_year: str  # how a date known to the month only is shown, as text


# The date formats a profile may choose; partial dates (a year alone) are written as text.
DATE_FORMATS: dict[str, DateFormat] = {
    "DD.MM.YYYY": DateFormat("dd.mm.yyyy", "{m:02d}.{y:04d}"),
    "YYYY-MM-DD": DateFormat("yyyy-mm-dd", "{y:04d}-{m:02d}"),
    "DD/MM/YYYY": DateFormat("dd/mm/yyyy", "{m:02d}/{y:04d}"),
    "MM/DD/YYYY": DateFormat("mm/dd/yyyy", "{m:02d}/{y:04d}"),
    "DD-MMM-YYYY": DateFormat("dd-mmm-yyyy", "{mon}-{y:04d}"),
}

_SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
_MAX_SHEET_NAME = 31
_MAX_TEXT = 255


def default_label(key: str, language: str) -> str:
    """The header of column `key` in `language` ('en', 'ru', 'fr', 'ar')."""
    return str(getattr(EXPORT_COLUMNS[key], language))


def word(name: str, language: str) -> str:
    """A workbook word ('total', 'yes', 'no') in `language`."""
    return WORDS[name][language]


def check_sheet_name(name: str, field: str = "sheet_name") -> str:
    """`name` if Excel accepts it as a sheet name, else ValidationError saying why."""
    if not name.strip():
        raise ValidationError(field, name, QT_TRANSLATE_NOOP("domain.export_profile", "is empty"))
    if len(name) > _MAX_SHEET_NAME:
        raise ValidationError(field, name, f"is longer than {_MAX_SHEET_NAME} characters (Excel's limit)")
    bad = sorted(_SHEET_NAME_FORBIDDEN & set(name))
    if bad:
        raise ValidationError(field, name, f"contains {' '.join(bad)}, which Excel forbids in sheet names")
    if name.startswith("'") or name.endswith("'"):
        raise ValidationError(field, name,
                              QT_TRANSLATE_NOOP("domain.export_profile", "starts or ends with an apostrophe, which "
                                                "Excel forbids"))
    return name


@dataclass(frozen=True)
class ExportColumn:
    """One column of an export: a key from `EXPORT_COLUMNS`, its header and its cell kind."""

    key: str
    label: str
    kind: ColumnKind

    @classmethod
    def of(cls, key: str, language: str = "en", label: str | None = None) -> ExportColumn:
        """The column `key` with `label`, or the default header in `language`."""
        info = EXPORT_COLUMNS.get(key)
        if info is None:
            raise ValidationError("columns", key, f"is not an export column (known: {', '.join(EXPORT_COLUMNS)})")
        return cls(key, label if label is not None else default_label(key, language), info.kind)


@dataclass(frozen=True)
class ExportProfile:
    """What a partner's sheet looks like. Construction validates; invalid profiles cannot exist.

    `columns` never needs to list 'uuid': the UUID column is added last when absent, and
    `show_uuid` decides whether it is visible or hidden (it is always there).
    """

    name: str
    columns: tuple[ExportColumn, ...]
    language: str = "en"
    date_format: str = "DD.MM.YYYY"
    latin_upper_names: bool = False
    grouping: Grouping = Grouping.PERSON
    show_uuid: bool = False
    title: str = ""
    sheet_name: str = "Roster"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError("name", self.name, QT_TRANSLATE_NOOP("domain.export_profile", "is empty"))
        _check_text("name", self.name)
        if self.language not in LANGUAGES:
            raise ValidationError("language", self.language, f"is not a language (known: {', '.join(LANGUAGES)})")
        if self.date_format not in DATE_FORMATS:
            raise ValidationError("date_format", self.date_format,
                                  f"is not a date format (known: {', '.join(DATE_FORMATS)})")
        try:
            object.__setattr__(self, "grouping", Grouping(self.grouping))
        except ValueError:
            known = ", ".join(g.value for g in Grouping)
            raise ValidationError("grouping", self.grouping, f"is not a grouping (known: {known})") from None
        _check_text("title", self.title)
        check_sheet_name(self.sheet_name)
        object.__setattr__(self, "columns", tuple(self.columns))
        if not self.columns:
            raise ValidationError("columns", "",
                                  QT_TRANSLATE_NOOP("domain.export_profile", "are empty: a profile needs at least "
                                                    "one column"))
        seen: set[str] = set()
        for column in self.columns:
            expected = ExportColumn.of(column.key)  # refuses unknown keys
            if column.kind is not expected.kind:
                raise ValidationError("columns", column.key, f"is a {expected.kind} column, not {column.kind}")
            if column.key in seen:
                raise ValidationError("columns", column.key,
                                      QT_TRANSLATE_NOOP("domain.export_profile", "appears twice"))
            if not column.label.strip():
                raise ValidationError("columns", column.key,
                                      QT_TRANSLATE_NOOP("domain.export_profile", "has an empty header label"))
            _check_text(f"label of {column.key}", column.label)
            seen.add(column.key)

    @property
    def date(self) -> DateFormat:
        return DATE_FORMATS[self.date_format]

    def output_columns(self) -> tuple[ExportColumn, ...]:
        """The columns as written: the profile's, plus the UUID column last if not listed."""
        if any(column.key == UUID_KEY for column in self.columns):
            return self.columns
        return (*self.columns, ExportColumn.of(UUID_KEY, self.language))

    def with_language(self, language: str) -> ExportProfile:
        """The same profile in `language`: default headers are translated, custom ones kept."""
        columns = tuple(
            ExportColumn.of(c.key, language) if c.label == default_label(c.key, self.language) else c
            for c in self.columns
        )
        return replace(self, language=language, columns=columns)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with the schema version; `from_json` reads it back to an equal profile."""
        return {
            "schema_version": SCHEMA_VERSION,
            "name": self.name,
            "language": self.language,
            "date_format": self.date_format,
            "latin_upper_names": self.latin_upper_names,
            "grouping": self.grouping.value,
            "show_uuid": self.show_uuid,
            "title": self.title,
            "sheet_name": self.sheet_name,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
        }

    @classmethod
    def from_json(cls, data: Any) -> ExportProfile:
        """The profile in `data` (a dict from `to_json` or a user's file); ValidationError if invalid.

        Unknown top-level or column members are refused rather than ignored, so a typo in a
        hand-edited profile is reported instead of silently losing a setting. A column's
        label may be left out: the default header in the profile's language is used.
        """
        if not isinstance(data, dict):
            raise ValidationError("profile", type(data).__name__,
                                  QT_TRANSLATE_NOOP("domain.export_profile", "must be a JSON object"))
        version = data.get("schema_version")
        if version is None:
            raise ValidationError("schema_version", None, QT_TRANSLATE_NOOP("domain.export_profile", "is missing"))
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValidationError("schema_version", version,
                                  QT_TRANSLATE_NOOP("domain.export_profile", "must be a positive whole number"))
        if version > SCHEMA_VERSION:
            raise ValidationError("schema_version", version,
                                  f"is newer than this program understands ({SCHEMA_VERSION}); update the program")
        unknown = sorted(set(data) - _PROFILE_MEMBERS)
        if unknown:
            raise ValidationError("profile", ", ".join(unknown),
                                  QT_TRANSLATE_NOOP("domain.export_profile", "are not profile settings"))
        language = _typed(data, "language", str, "en")
        raw_columns = data.get("columns")
        if not isinstance(raw_columns, list):
            raise ValidationError("columns", raw_columns,
                                  QT_TRANSLATE_NOOP("domain.export_profile",
                                                    "must be a list of {{key, label}} objects"))
        return cls(
            name=_typed(data, "name", str, None),
            columns=tuple(_column_from_json(item, language) for item in raw_columns),
            language=language,
            date_format=_typed(data, "date_format", str, "DD.MM.YYYY"),
            latin_upper_names=_typed(data, "latin_upper_names", bool, False),
            grouping=_typed(data, "grouping", str, "person"),  # __post_init__ checks the value
            show_uuid=_typed(data, "show_uuid", bool, False),
            title=_typed(data, "title", str, ""),
            sheet_name=_typed(data, "sheet_name", str, "Roster"),
        )

    def dumps(self) -> str:
        """The JSON text stored in the database (UTF-8, non-ASCII kept readable)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

    @classmethod
    def loads(cls, text: str) -> ExportProfile:
        """The profile in JSON `text`; ValidationError for bad JSON or a bad profile."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError("profile", None, f"is not valid JSON ({exc.msg} at line {exc.lineno})") from None
        return cls.from_json(data)


_PROFILE_MEMBERS = {"schema_version", "name", "language", "date_format", "latin_upper_names", "grouping",
                    "show_uuid", "title", "sheet_name", "columns"}


def _typed(data: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    if key not in data:
        if default is None:
            raise ValidationError(key, None, QT_TRANSLATE_NOOP("domain.export_profile", "is missing"))
        return default
    value = data[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ValidationError(key, value, f"must be {'true or false' if kind is bool else 'text'}")
    return value


def _column_from_json(item: Any, language: str) -> ExportColumn:
    if isinstance(item, str):
        item = {"key": item}
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        raise ValidationError("columns", item,
                              QT_TRANSLATE_NOOP("domain.export_profile", "must be an object with a 'key'"))
    unknown = sorted(set(item) - {"key", "label"})
    if unknown:
        raise ValidationError("columns", item["key"], f"has unknown members: {', '.join(unknown)}")
    label = item.get("label")
    if label is not None and not isinstance(label, str):
        raise ValidationError("columns", item["key"],
                              QT_TRANSLATE_NOOP("domain.export_profile", "has a header label that is not text"))
    return ExportColumn.of(item["key"], language if language in LANGUAGES else "en", label)


def _check_text(field: str, value: Any) -> None:
    if not isinstance(value, str):
        raise ValidationError(field, value, QT_TRANSLATE_NOOP("domain.export_profile", "must be text"))
    if len(value) > _MAX_TEXT:
        raise ValidationError(field, value[:40] + "…", f"is longer than {_MAX_TEXT} characters")


BUILTIN_PROFILES = ("border_authority", "icrc_family", "flight_manifest", "full_roster")


def builtin_profile(name: str) -> ExportProfile:
    """A shipped profile: 'full_roster' is built in code, the others are read from
    `desktop_app/resources/profiles/<name>.json` and validated like a user's profile."""
    if name not in BUILTIN_PROFILES:
        raise ValidationError("profile", name, f"is not a built-in profile (known: {', '.join(BUILTIN_PROFILES)})")
    if name == "full_roster":
        return full_roster_profile()
    text = resources.files("desktop_app").joinpath("resources", "profiles", f"{name}.json").read_text("utf-8")
    return ExportProfile.loads(text)


def full_roster_profile(language: str = "en") -> ExportProfile:
    """The default export: every field of every person, the computed columns, the UUID shown.

    Built from `EXPORT_COLUMNS` rather than a file so that a field added to the roster is
    exported without anyone remembering to edit a profile.
    """
    keys = [UUID_KEY, *(spec.key for spec in PERSON_FIELDS),
            "age", "nationality", "document_type", "document_number", "document_country", "valid_until",
            "phone", "status", "household_ref", "household_size"]
    return ExportProfile(name="Full roster", columns=tuple(ExportColumn.of(k, language) for k in keys),
                         language=language, date_format="YYYY-MM-DD", show_uuid=True, sheet_name="Roster",
                         title="")

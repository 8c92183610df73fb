"""Export profiles: the column table, JSON round trip, validation, built-in profiles."""

from __future__ import annotations

import json

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.export_profile import (
    BUILTIN_PROFILES,
    COMPUTED_COLUMNS,
    EXPORT_COLUMNS,
    LANGUAGES,
    SCHEMA_VERSION,
    UUID_KEY,
    ColumnKind,
    ExportColumn,
    ExportProfile,
    Grouping,
    builtin_profile,
    default_label,
    full_roster_profile,
)
from desktop_app.domain.person import PERSON_FIELDS


def _profile_json(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        "name": "Test",
        "language": "ru",
        "date_format": "DD.MM.YYYY",
        "latin_upper_names": True,
        "grouping": "household",
        "show_uuid": False,
        "title": "Список",
        "sheet_name": "Лист",
        "columns": [{"key": "surname"}, {"key": "birth_date", "label": "Д.р."}, {"key": "age"}],
    }
    data.update(changes)
    return data


def test_every_roster_field_and_computed_column_has_four_labels() -> None:
    assert {spec.key for spec in PERSON_FIELDS} <= set(EXPORT_COLUMNS)
    for key in ("age", "household_size", "list_name", "answer", "valid_until", "seat", UUID_KEY):
        assert key in COMPUTED_COLUMNS
    for key in EXPORT_COLUMNS:
        labels = [default_label(key, language) for language in LANGUAGES]
        assert all(label.strip() for label in labels), key
    # Arabic labels are Arabic, Russian ones Cyrillic (a swapped column in the table shows here).
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in default_label(k, "ar")) for k in EXPORT_COLUMNS)
    assert all(any("\u0400" <= ch <= "\u04ff" for ch in default_label(k, "ru")) or k == "row_number"
               for k in EXPORT_COLUMNS)


def test_identifier_and_date_kinds() -> None:
    assert EXPORT_COLUMNS["document_number"].kind is ColumnKind.IDENTIFIER
    assert EXPORT_COLUMNS["phone"].kind is ColumnKind.IDENTIFIER
    assert EXPORT_COLUMNS[UUID_KEY].kind is ColumnKind.IDENTIFIER
    assert EXPORT_COLUMNS["birth_date"].kind is ColumnKind.DATE
    assert EXPORT_COLUMNS["age"].kind is ColumnKind.NUMBER


def test_json_round_trip_is_exact_and_fills_default_labels() -> None:
    profile = ExportProfile.from_json(_profile_json())
    assert [c.label for c in profile.columns] == ["Фамилия", "Д.р.", "Возраст"]
    assert profile.grouping is Grouping.HOUSEHOLD
    again = ExportProfile.loads(profile.dumps())
    assert again == profile
    assert json.loads(profile.dumps())["schema_version"] == SCHEMA_VERSION


def test_uuid_column_is_always_written_and_last_unless_placed() -> None:
    profile = ExportProfile.from_json(_profile_json())
    assert [c.key for c in profile.output_columns()] == ["surname", "birth_date", "age", UUID_KEY]
    placed = ExportProfile.from_json(_profile_json(columns=[{"key": UUID_KEY}, {"key": "surname"}]))
    assert [c.key for c in placed.output_columns()] == [UUID_KEY, "surname"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"columns": [{"key": "shoe_size"}]}, "columns", "not an export column"),
    ({"columns": [{"key": "surname"}, {"key": "surname"}]}, "columns", "twice"),
    ({"columns": []}, "columns", "empty"),
    ({"columns": [{"key": "surname", "label": "  "}]}, "columns", "empty header"),
    ({"columns": [{"key": "surname", "kind": "number"}]}, "columns", "unknown members"),
    ({"columns": "surname"}, "columns", "must be a list"),
    ({"language": "de"}, "language", "not a language"),
    ({"date_format": "YY.M.D"}, "date_format", "not a date format"),
    ({"grouping": "family"}, "grouping", "not a grouping"),
    ({"show_uuid": "yes"}, "show_uuid", "true or false"),
    ({"name": ""}, "name", "empty"),
    ({"sheet_name": "A/B"}, "sheet_name", "forbids"),
    ({"sheet_name": "x" * 32}, "sheet_name", "longer than 31"),
    ({"schema_version": SCHEMA_VERSION + 1}, "schema_version", "newer"),
    ({"schema_version": "1"}, "schema_version", "whole number"),
    ({"colums": []}, "profile", "not profile settings"),
])
def test_invalid_profiles_are_refused_with_a_clear_error(changes: dict[str, object], field: str,
                                                         words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ExportProfile.from_json(_profile_json(**changes))
    assert caught.value.field == field
    assert words in caught.value.reason


def test_missing_schema_version_and_bad_json_are_refused() -> None:
    data = _profile_json()
    del data["schema_version"]
    with pytest.raises(ValidationError, match="schema_version: is missing"):
        ExportProfile.from_json(data)
    with pytest.raises(ValidationError, match="not valid JSON"):
        ExportProfile.loads("{not json")
    with pytest.raises(ValidationError, match="JSON object"):
        ExportProfile.from_json([1, 2])


def test_unknown_column_error_names_the_key() -> None:
    with pytest.raises(ValidationError) as caught:
        ExportColumn.of("passport_no")
    assert "'passport_no'" in str(caught.value)
    assert "document_number" in str(caught.value)


@pytest.mark.parametrize("name", BUILTIN_PROFILES)
def test_builtin_profiles_load_and_round_trip(name: str) -> None:
    profile = builtin_profile(name)
    assert ExportProfile.from_json(profile.to_json()) == profile
    assert profile.output_columns()[-1].key == UUID_KEY or profile.columns[0].key == UUID_KEY


def test_builtin_profiles_say_what_the_partners_want() -> None:
    border = builtin_profile("border_authority")
    assert border.language == "ar" and border.latin_upper_names and not border.show_uuid
    assert {"surname", "given_names", "document_number", "nationality", "birth_date", "sex"} <= {
        c.key for c in border.columns}
    assert builtin_profile("icrc_family").grouping is Grouping.HOUSEHOLD
    assert builtin_profile("flight_manifest").grouping is Grouping.LIST
    with pytest.raises(ValidationError, match="not a built-in profile"):
        builtin_profile("nope")


def test_full_roster_has_every_field_and_shows_the_uuid() -> None:
    profile = full_roster_profile()
    keys = [c.key for c in profile.columns]
    assert keys[0] == UUID_KEY and profile.show_uuid
    assert [spec.key for spec in PERSON_FIELDS] == [k for k in keys if k in {s.key for s in PERSON_FIELDS}]


def test_with_language_translates_default_labels_and_keeps_custom_ones() -> None:
    profile = ExportProfile.from_json(_profile_json())
    french = profile.with_language("fr")
    assert [c.label for c in french.columns] == ["Nom", "Д.р.", "Âge"]
    assert french.language == "fr"
